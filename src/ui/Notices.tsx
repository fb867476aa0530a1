import { findCheckpoint } from '../state/configRules';
import { useLab } from '../state/store';
import { FIRST_CUT_WARNING } from '../worker/protocol';
import { FaultNotice } from './FaultNotice';
import { formatCompression, formatInt, formatPercent } from './format';
import { LinkNotice } from './LinkNotice';

/** Loading progress, warnings and errors, between the top bar and the views. */
export function Notices() {
  const progress = useLab((s) => s.progress);
  const status = useLab((s) => s.run.status);
  const runError = useLab((s) => s.run.error);
  const appError = useLab((s) => s.appError);
  const pending = useLab((s) => s.pending);
  const live = useLab((s) => s.tab === 'live'); // the first-cut warning is about the live run
  const { dismissError, reset, configure } = useLab.getState();
  const lines = (['data', 'build'] as const).flatMap((k) =>
    progress[k] ? [{ k, ...progress[k] }] : [],
  );
  return (
    <div className="notices">
      {status === 'loading' &&
        lines.map((p) => (
          <div key={p.k} className="progress" role="status">
            <span>{p.label}</span>
            {p.fraction !== null ? (
              <progress max={1} value={p.fraction} aria-label={p.label} />
            ) : (
              <progress aria-label={p.label} />
            )}
            {p.fraction !== null && <span className="pct">{Math.round(p.fraction * 100)}%</span>}
          </div>
        ))}
      {appError && (
        <div className="notice error" role="alert">
          <strong>Something went wrong.</strong> {appError}
          <button type="button" onClick={dismissError}>
            Dismiss
          </button>
        </div>
      )}
      {runError && (
        <div className="notice error" role="alert">
          <strong>This run stopped.</strong> {runError}
          <button type="button" onClick={configure}>
            Try again
          </button>
        </div>
      )}
      {pending && (
        <div className="notice info" role="status">
          Settings changed during the run: they apply when you reset.
          <button type="button" onClick={reset}>
            Reset now (R)
          </button>
        </div>
      )}
      <LinkNotice />
      <FaultNotice />
      <RunResult />
      {live && <FirstCutWarning />}
      <MissingCheckpoint />
    </div>
  );
}

/** The end of a run: test accuracy on the full test set, against the dense start. */
function RunResult() {
  const result = useLab((s) => s.run.result);
  const baseline = useLab((s) => s.run.baseline);
  if (!result) return null;
  const minutes = result.seconds / 60;
  return (
    <div className="notice done" role="status" data-testid="result">
      <strong>Run finished: test accuracy {formatPercent(result.testAccuracy)}</strong>
      {baseline !== null && <span>(dense start {formatPercent(baseline)})</span>}
      <span>
        with {formatPercent(result.density)} of the weights kept (
        {formatCompression(result.density)}), {formatInt(result.steps)} steps in{' '}
        {minutes >= 1 ? `${minutes.toFixed(1)} min` : `${result.seconds.toFixed(1)} s`}. Press Play
        to run it again.
      </span>
    </div>
  );
}

/** Warns when the method's first step would wipe out most of a layer (DNS on fresh weights). */
export function FirstCutWarning() {
  const firstCut = useLab((s) => s.run.firstCut);
  const layers = useLab((s) => s.run.info?.layers);
  const step = useLab((s) => s.run.step);
  // After a dense pre-train the prediction only comes once the pre-train ends, when the method's
  // first step is already running: it is shown then, so a collapse is explained.
  const pretrained = useLab((s) => (s.run.info?.pretrainSteps ?? 0) > 0);
  if (!firstCut || !layers || (step > 0 && !pretrained)) return null;
  const bad = firstCut.flatMap((f, k) =>
    f > FIRST_CUT_WARNING ? [`${layers[k]?.name} (${formatPercent(f)})`] : [],
  );
  if (bad.length === 0) return null;
  if (pretrained)
    return (
      <div className="notice warn" role="alert" data-testid="first-cut-warning">
        <strong>
          The first step after the dense pre-train cut more than 99% of {bad.join(', ')}.
        </strong>{' '}
        The network has most likely collapsed to chance accuracy. Lower c for that layer and press
        Reset: the pre-trained dense start is kept, so pruning starts again at once.
      </div>
    );
  return (
    <div className="notice warn" role="alert" data-testid="first-cut-warning">
      <strong>These settings cut more than 99% of {bad.join(', ')} at the first step.</strong> The
      network will most likely collapse to chance accuracy. Lower c for that layer, or start from a
      trained dense model.
    </div>
  );
}

/** Offers the other starts when the shipped dense checkpoint is not there. */
function MissingCheckpoint() {
  const missing = useLab((s) => s.run.missingCheckpoint);
  const checkpoints = useLab((s) => s.checkpoints);
  const config = useLab((s) => s.config);
  const change = useLab((s) => s.change);
  const absent = config.start === 'checkpoint' && findCheckpoint(checkpoints, config) === null;
  if (!missing && !absent) return null;
  return (
    <div className="notice warn" role="alert" data-testid="missing-checkpoint">
      <strong>
        No shipped dense checkpoint for this model and data{missing ? ` (${missing})` : ''}.
      </strong>{' '}
      DNS prunes a trained network. Start from:
      <button type="button" onClick={() => change({ start: 'pretrain' })}>
        Pre-train dense first ({config.pretrainEpochs} epochs)
      </button>
      <button type="button" onClick={() => change({ start: 'scratch' })}>
        From scratch
      </button>
      <span className="muted">
        From scratch, the first cut sees only small random weights and usually removes most of the
        network.
      </span>
    </div>
  );
}
