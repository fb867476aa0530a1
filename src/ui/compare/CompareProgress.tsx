import { useEffect, useState } from 'react';
import { methodShort } from '../../charts/compare/methodStyle';
import type { SweepJob } from '../../core/train/sweepPlan';
import { compareFraction } from '../../state/compareReducer';
import type { CompareRun } from '../../state/compareTypes';
import { compareActive } from '../../state/slices/compare';
import { useLab } from '../../state/store';
import { formatPercent } from '../format';

const PHASES = {
  pretrain: 'pre-training its dense start',
  calibrate: 'DNS pilot runs (calibrating c)',
  train: 'training',
} as const;

/** "IMP · seed 2 · targets 90%, 95%". */
export function jobLabel(job: SweepJob): string {
  const t = job.targets
    ? ` · target${job.targets.length > 1 ? 's' : ''} ${job.targets.map((x) => formatPercent(x)).join(', ')}`
    : '';
  return `${methodShort(job.method)} · seed ${job.seed}${t}`;
}

/** "1 min 05 s", "12 s", "0.4 s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${String(Math.round(seconds - 60 * m)).padStart(2, '0')} s`;
}

/** Seconds since the compare started, ticking while it runs. */
function useElapsed(run: CompareRun | null): number {
  const [now, setNow] = useState(() => performance.now());
  const active = compareActive(run);
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(t);
  }, [active]);
  if (!run) return 0;
  return ((run.endedMs ?? Math.max(now, run.startedMs)) - run.startedMs) / 1000;
}

function Bar(props: { label: string; fraction: number; testId: string }) {
  return (
    <div className="compare-bar">
      <span className="compare-bar-label">{props.label}</span>
      <progress
        max={1}
        value={props.fraction}
        aria-label={props.label}
        data-testid={props.testId}
      />
      <span className="pct">{Math.round(100 * props.fraction)}%</span>
    </div>
  );
}

/** The queue under way: the current run and the whole compare, with elapsed time and an estimate. */
export function CompareProgress() {
  const run = useLab((s) => s.compare);
  const elapsed = useElapsed(run);
  if (!run) return null;
  const p = run.progress;
  const index = p?.index ?? run.done;
  const job = run.jobs[Math.min(index, run.jobs.length - 1)];
  const overall = compareFraction(run);
  const active = compareActive(run);
  const eta = overall > 0.02 && active ? (elapsed * (1 - overall)) / overall : NaN;
  const state = {
    starting: 'Loading the data and the dense start…',
    running: `Run ${Math.min(index + 1, run.jobs.length)} of ${run.jobs.length}`,
    cancelling: 'Cancelling after this step…',
    done: `Done: ${run.jobs.length} runs in ${formatDuration(elapsed)}`,
    cancelled: `Cancelled after ${run.done} of ${run.jobs.length} runs`,
    error: 'The compare stopped',
  }[run.status];
  return (
    <section
      className={`card span-12 compare-progress ${run.status}`}
      aria-label="Compare progress"
      data-testid="compare-progress"
      data-status={run.status}
    >
      <div className="compare-progress-head">
        <strong data-testid="compare-state">{state}</strong>
        {active && job && <span>{jobLabel(job)}</span>}
        {active && p && <span className="muted">{PHASES[p.phase]}</span>}
        <span className="muted">
          {run.backend ? `backend ${run.backend} · ` : ''}elapsed {formatDuration(elapsed)}
          {Number.isFinite(eta) ? ` · about ${formatDuration(eta)} left` : ''}
        </span>
      </div>
      {run.message && (
        <p className="notice error" role="alert">
          {run.message}
        </p>
      )}
      {active && (
        <>
          <Bar
            label="This run"
            fraction={p ? p.step / Math.max(1, p.total) : 0}
            testId="compare-run-progress"
          />
          <Bar label="Overall" fraction={overall} testId="compare-overall-progress" />
        </>
      )}
    </section>
  );
}
