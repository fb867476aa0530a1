import { stepLines } from '../state/explain';
import { useLab } from '../state/store';

/** After a single step: what that step did, one line per layer and the method's own line. */
export function StepExplain() {
  const run = useLab((s) => s.run);
  const snapshot = useLab((s) => s.snapshot);
  if (run.status === 'running') return null;
  const lines = stepLines(run, snapshot);
  if (!lines) return null;
  return (
    <section className="step-explain" aria-live="polite" data-testid="step-explain">
      <h2>Step {lines.step.toLocaleString('en-US')}</h2>
      <ul>
        {lines.layers.map((l) => (
          <li key={l} data-testid="step-layer">
            {l}
          </li>
        ))}
        {lines.method && (
          <li className="step-method" data-testid="step-method">
            {lines.method}
          </li>
        )}
      </ul>
    </section>
  );
}
