import { compareActive } from '../state/slices/compare';
import { useLab } from '../state/store';
import { useShown } from './controls/useShown';

/** Speed choices: full speed, or a cap in steps per second (slow motion for teaching). */
export const SPEEDS: readonly { label: string; value: number | null }[] = [
  { label: 'Full speed', value: null },
  { label: '20 steps/s', value: 20 },
  { label: '5 steps/s', value: 5 },
  { label: '1 step/s', value: 1 },
  { label: '1 step/3 s', value: 1 / 3 },
];

/** Play / Pause, Step, Reset and the speed control. */
export function Transport() {
  const status = useLab((s) => s.run.status);
  const speed = useLab((s) => s.speed);
  const queued = useLab((s) => s.run.status === 'loading' && s.run.playedAt !== null);
  // The worker trains a compare: the live run waits (the worker ignores Play and Step meanwhile).
  const comparing = useLab((s) => compareActive(s.compare));
  const { togglePlay, step, reset, setSpeed } = useLab.getState();
  const shown = useShown();
  const running = status === 'running';
  const label = running ? 'Pause' : status === 'done' ? 'Run again' : queued ? 'Starting…' : 'Play';
  const canStep = (status === 'ready' || status === 'paused') && !comparing;
  return (
    <div className="transport">
      <button
        type="button"
        className={`play ${running ? 'is-running' : ''}`}
        data-testid="play"
        onClick={togglePlay}
        disabled={status === 'needsStart' || comparing}
        aria-keyshortcuts="Space"
        title={
          comparing
            ? 'A compare is training; the live run waits'
            : status === 'loading'
              ? 'Starts as soon as the data is ready (Space)'
              : `${label} (Space)`
        }
      >
        <span aria-hidden="true">{running ? '❚❚' : '▶'}</span> {label}
      </button>
      <button
        type="button"
        data-testid="step-once"
        onClick={step}
        disabled={!canStep}
        aria-keyshortcuts="S"
        title="Train one batch (S)"
      >
        Step
      </button>
      <button
        type="button"
        data-testid="reset"
        onClick={reset}
        disabled={status === 'loading'}
        aria-keyshortcuts="R"
        title="Back to step 0 (R)"
      >
        Reset
      </button>
      {shown('speed') && (
        <label className="speed">
          <span>Speed</span>
          <select
            data-testid="speed"
            value={String(SPEEDS.findIndex((s) => s.value === speed))}
            onChange={(e) => setSpeed(SPEEDS[Number(e.target.value)]?.value ?? null)}
          >
            {SPEEDS.map((s, i) => (
              <option key={s.label} value={i}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
