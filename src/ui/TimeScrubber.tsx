import { runHistory } from '../state/slices/touch';
import { useLab } from '../state/store';
import { formatInt, formatPercent } from './format';

/**
 * Under the top bar: drags back to any recorded moment of the live run (its heatmaps,
 * histograms, density and accuracy); Play resumes training from the live end.
 */
export function TimeScrubber() {
  const history = useLab((s) => s.history);
  const scrub = useLab((s) => s.scrub);
  const runId = useLab((s) => (s.scrub ? s.scrub.live.id : s.run.id));
  const viewing = useLab((s) => s.viewing !== null);
  const accuracy = useLab((s) => s.run.validation.at(-1)?.accuracy ?? null);
  const step = useLab((s) => s.run.step);
  const { scrubTo, scrubLive, play } = useLab.getState();
  if (viewing || history.moments < 2 || history.runId !== runId) return null;
  const last = history.moments - 1;
  const at = scrub ? scrub.at : last;
  const mb = (history.bytes / 1e6).toFixed(1);
  return (
    <div className={`scrubber${scrub ? ' is-past' : ''}`} data-testid="scrubber">
      <label htmlFor="scrub-range">{scrub ? 'Earlier moment' : 'Time'}</label>
      <input
        id="scrub-range"
        data-testid="scrub-range"
        type="range"
        min={0}
        max={last}
        step={1}
        value={at}
        aria-valuetext={`step ${formatInt(step)}${scrub ? '' : ' (live)'}`}
        onChange={(e) => scrubTo(Number(e.currentTarget.value))}
      />
      <span data-testid="scrub-label">
        step {formatInt(step)}
        {scrub ? ` of ${formatInt(scrub.live.step)}` : ' (live)'}
        {accuracy !== null && ` · validation accuracy ${formatPercent(accuracy)}`}
      </span>
      <span className="field-hint" data-testid="history-size">
        {formatInt(history.moments)} moments · {mb} MB (steps {formatInt(history.firstStep)}–
        {formatInt(history.lastStep)}; older ones thin out past{' '}
        {(runHistory.limits.maxBytes / 1e6).toFixed(0)} MB)
      </span>
      {scrub && (
        <>
          <button type="button" data-testid="scrub-live" onClick={scrubLive}>
            Back to live
          </button>
          <button type="button" data-testid="scrub-play" onClick={play}>
            <span aria-hidden="true">▶</span> Play from the live end
          </button>
        </>
      )}
    </div>
  );
}
