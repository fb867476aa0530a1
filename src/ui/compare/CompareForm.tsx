import { methodShort } from '../../charts/compare/methodStyle';
import type { MethodId } from '../../core/pruning/types';
import { compareEpochs, compareSettings, compareSetup, planCompare } from '../../state/compareSpec';
import { compareActive } from '../../state/slices/compare';
import { findCheckpoint, sourceId } from '../../state/configRules';
import { useLab } from '../../state/store';
import { Card } from '../Card';
import { NumberField } from '../controls/NumberField';
import { ListField } from './ListField';
import { PlanSummary } from './PlanSummary';

const asPercent = (f: number) => String(Number((100 * f).toPrecision(6)));

/** The compare queue: methods × targets × seeds on the lab's model, data, start and one budget. */
export function CompareForm() {
  const methods = useLab((s) => s.methods);
  const form = useLab((s) => s.compareForm);
  const config = useLab((s) => s.config);
  const checkpoints = useLab((s) => s.checkpoints);
  const compare = useLab((s) => s.compare);
  const kept = useLab((s) => s.compareResults);
  const { editCompare, queueCompare, cancelCompare } = useLab.getState();
  const active = compareActive(compare);
  const jobs = planCompare(form, methods);
  const setup = compareSetup(config, form);
  const noCheckpoint =
    config.start === 'checkpoint' && findCheckpoint(checkpoints, config) === null;
  const own = compareSettings(form, config)[config.method];
  const toggle = (id: MethodId, on: boolean) =>
    editCompare({
      methods: methods.map((m) => m.id).filter((m) => (m === id ? on : form.methods.includes(m))),
    });
  return (
    <Card
      className="span-compare-form"
      title="Compare methods"
      caption={`Every run: ${setup.title} (data, model and start from the settings on the left).`}
    >
      <fieldset className="compare-form" disabled={active}>
        <div className="method-checks" role="group" aria-label="Methods">
          {methods.map((m) => (
            <label key={m.id} className="check" title={m.summary}>
              <input
                type="checkbox"
                data-testid={`compare-method-${m.id}`}
                checked={form.methods.includes(m.id)}
                onChange={(e) => toggle(m.id, e.target.checked)}
              />
              {methodShort(m.id)}
            </label>
          ))}
        </div>
        <ListField
          label="Target sparsities (%)"
          values={form.targets}
          accept={(v) => v > 0 && v < 100}
          show={asPercent}
          read={(v) => v / 100}
          onChange={(targets) => editCompare({ targets })}
          hint="Weights and biases pruned; DNS is calibrated to each (its c), N:M keeps its own 50%."
          testId="compare-targets"
        />
        <div className="two">
          <ListField
            label="Seeds"
            values={form.seeds}
            accept={(v) => Number.isInteger(v) && v >= 0}
            onChange={(seeds) => editCompare({ seeds })}
            hint="One run per seed."
            testId="compare-seeds"
          />
          <NumberField
            label="Epochs per run"
            value={compareEpochs(form, config)}
            min={0.01}
            testId="compare-epochs"
            hint="The same budget for all."
            onChange={(epochs) => editCompare({ epochs })}
          />
        </div>
        {form.methods.includes('dns') && (
          <div className="calibration">
            <label className="field">
              <span className="field-label">DNS to a target</span>
              <span className="field-hint">
                c per layer from the weight distribution; pilot DNS runs correct it for what DNS
                splices back (the default of <code>lab sweep</code>).
              </span>
              <select
                data-testid="compare-calibration"
                value={form.calibration.mode}
                onChange={(e) =>
                  editCompare({
                    calibration: {
                      ...form.calibration,
                      mode: e.target.value === 'first-cut' ? 'first-cut' : 'pilot',
                    },
                  })
                }
              >
                <option value="pilot">c corrected by pilot runs</option>
                <option value="first-cut">c from the first cut only</option>
              </select>
            </label>
            {form.calibration.mode === 'pilot' && (
              <div className="two">
                <NumberField
                  label="Pilot epochs"
                  value={form.calibration.pilotEpochs}
                  min={0.01}
                  onChange={(pilotEpochs) =>
                    editCompare({ calibration: { ...form.calibration, pilotEpochs } })
                  }
                />
                <NumberField
                  label="Pilot rounds"
                  value={form.calibration.rounds}
                  min={1}
                  integer
                  onChange={(rounds) =>
                    editCompare({ calibration: { ...form.calibration, rounds } })
                  }
                />
              </div>
            )}
          </div>
        )}
      </fieldset>
      <PlanSummary jobs={jobs} methods={methods} />
      {own && (
        <p className="field-hint">
          {methodShort(config.method)} uses your settings from the left:{' '}
          {Object.entries(own)
            .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('/') : String(v)}`)
            .join(', ')}
          .
        </p>
      )}
      {noCheckpoint && (
        <p className="notice warn" role="alert">
          No shipped dense checkpoint for {sourceId(config)}: choose “Pre-train dense first” or
          “From scratch” on the left.
        </p>
      )}
      {kept && kept.setup !== setup.setup && kept.runs.length > 0 && !active && (
        <p className="field-hint">
          Queuing replaces the {kept.runs.length} results of {kept.title}.
        </p>
      )}
      <div className="compare-buttons">
        <button
          type="button"
          className="primary"
          data-testid="compare-queue"
          disabled={active || jobs.length === 0 || noCheckpoint}
          onClick={queueCompare}
        >
          Queue {jobs.length} run{jobs.length === 1 ? '' : 's'}
        </button>
        {active && (
          <button
            type="button"
            data-testid="compare-cancel"
            disabled={compare?.status === 'cancelling'}
            onClick={cancelCompare}
          >
            {compare?.status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      <p className="field-hint">The live run pauses while the compare trains in the worker.</p>
    </Card>
  );
}
