import { SensitivityChart } from '../../charts/compare/SensitivityChart';
import type { SensitivityResult } from '../../core/train/sensitivity';
import { compareActive } from '../../state/slices/compare';
import { useLab } from '../../state/store';
import { Card } from '../Card';
import { formatInt, formatPercent } from '../format';

/** Levels the summary table shows. */
const SHOWN = [0.5, 0.8, 0.9, 0.95];

/**
 * The sparsest level up to which every level's accuracy stays within `drop` (a fraction: 0.01 is
 * one point) of the network as it is.
 */
export function safeSparsity(
  curve: SensitivityResult['curves'][number],
  baseline: number,
  drop = 0.01,
): number {
  let best = 0;
  for (let i = 0; i < curve.sparsity.length; i++) {
    if (curve.accuracy[i]! < baseline - drop) break;
    best = Math.max(best, curve.sparsity[i]!);
  }
  return best;
}

/** Per-layer sensitivity analysis (Distiller style) of the live run's network, run in the worker. */
export function SensitivityPanel() {
  const view = useLab((s) => s.sensitivity);
  const info = useLab((s) => s.run.info);
  const status = useLab((s) => s.run.status);
  const compare = useLab((s) => s.compare);
  const analyse = useLab((s) => s.analyseSensitivity);
  const running = view.status === 'running';
  const blocked = compareActive(compare) || !info || status === 'loading' || status === 'error';
  const r = view.result;
  const at = view.at;
  return (
    <Card
      className="span-12"
      title="Layer sensitivity"
      caption="Distiller-style analysis: each layer alone is pruned to 0, 5, …, 95% by |w| (weights already pruned stay pruned), and the network is evaluated without retraining; levels up to a layer's current sparsity change nothing. A layer whose curve falls early is the one to prune least."
      aside={
        <button
          type="button"
          className="primary"
          data-testid="sensitivity-run"
          disabled={running || blocked}
          onClick={analyse}
        >
          {running ? 'Analysing…' : r ? 'Analyse again' : 'Analyse the network as it is'}
        </button>
      }
    >
      {running && (
        <div className="compare-bar">
          <span className="compare-bar-label">
            {view.total > 0 ? `${view.done} of ${view.total} evaluations` : 'Starting…'}
          </span>
          <progress
            max={1}
            value={view.total > 0 ? view.done / view.total : 0}
            aria-label="Sensitivity progress"
            data-testid="sensitivity-progress"
          />
        </div>
      )}
      {view.status === 'error' && (
        <p className="notice error" role="alert">
          {view.message}
        </p>
      )}
      {!r && !running && (
        <p className="placeholder">
          {blocked
            ? 'Available once the run is built and no compare is training.'
            : 'Analyses the live run’s network at its current step (the dense start at step 0); the run pauses meanwhile.'}
        </p>
      )}
      {r && at && (
        <>
          <p className="field-hint" data-testid="sensitivity-at">
            {at.method} network at step {formatInt(at.step)}
            {at.phase === 'pretrain' ? ' (dense pre-training)' : ''}, on {formatInt(at.examples)}{' '}
            {at.split} examples: accuracy {formatPercent(r.baseline.accuracy)} as it is.
          </p>
          <SensitivityChart result={r} height={340} />
          <SensitivityTable result={r} now={at.layerSparsity} />
        </>
      )}
    </Card>
  );
}

/**
 * Per layer: its sparsity now, accuracy at a few levels, and the sparsest level within one point
 * of "as it is".
 */
function SensitivityTable(props: { result: SensitivityResult; now: readonly number[] }) {
  const { result } = props;
  const base = result.baseline.accuracy;
  return (
    <table className="compare-table sensitivity-table" data-testid="sensitivity-table">
      <thead>
        <tr>
          <th>Layer</th>
          <th className="num" title="levels up to this change nothing: pruned weights stay pruned">
            pruned now
          </th>
          {SHOWN.map((s) => (
            <th key={s} className="num">
              at {Math.round(100 * s)}%
            </th>
          ))}
          <th className="num" title="the sparsest level whose accuracy is within 1 point">
            sparsest within 1 pt
          </th>
        </tr>
      </thead>
      <tbody>
        {result.curves.map((c, k) => (
          <tr key={c.layer}>
            <td>{c.layer}</td>
            <td className="num">{formatPercent(props.now[k] ?? 0)}</td>
            {SHOWN.map((s) => {
              const i = c.sparsity.findIndex((x) => Math.abs(x - s) < 1e-9);
              return (
                <td key={s} className="num">
                  {i < 0 ? '–' : `${(100 * c.accuracy[i]!).toFixed(2)}%`}
                </td>
              );
            })}
            <td className="num">{Math.round(100 * safeSparsity(c, base))}%</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
