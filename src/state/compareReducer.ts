import type { RunResult } from '../core/train/result';
import type { CompareEvent } from '../worker/compareProtocol';
import type { CompareResults, CompareRun, SensitivityView } from './compareTypes';

type CompareRunEvent = Extract<
  CompareEvent,
  { type: 'compareStarted' | 'compareProgress' | 'compareResults' | 'compareEnd' }
>;
type SensitivityEvent = Exclude<CompareEvent, CompareRunEvent>;

/** Whether an event belongs to a compare (as opposed to the sensitivity analysis). */
export function isCompareRunEvent(ev: CompareEvent): ev is CompareRunEvent {
  return ev.type.startsWith('compare');
}

/** The compare after one worker event; events of another compare are dropped. */
export function reduceCompare(
  run: CompareRun | null,
  ev: CompareRunEvent,
  nowMs: number,
): CompareRun | null {
  if (!run || ev.id !== run.id) return run;
  switch (ev.type) {
    case 'compareStarted':
      return {
        ...run,
        status: run.status === 'cancelling' ? run.status : 'running',
        jobs: ev.jobs,
        backend: ev.backend,
      };
    case 'compareProgress':
      return {
        ...run,
        progress: { index: ev.index, phase: ev.phase, step: ev.step, total: ev.total },
      };
    case 'compareResults':
      return { ...run, done: Math.max(run.done, ev.index + 1) };
    case 'compareEnd':
      return {
        ...run,
        status: ev.outcome === 'done' ? 'done' : ev.outcome === 'cancelled' ? 'cancelled' : 'error',
        message: ev.message ?? null,
        progress: null,
        endedMs: nowMs,
      };
  }
}

/** What makes two results the same run: method, target, seed and the settings it was given. */
function runKey(r: RunResult): string {
  const own = Object.entries(r.config.methodConfig).filter(
    ([k]) => k !== 'target' && k !== 'stops' && k !== 'c',
  );
  return JSON.stringify([r.config.method, r.target ?? null, r.seed ?? r.config.seed, own]);
}

/**
 * Results kept after a job reports: a compare on the same setup adds to them (a run repeated
 * replaces its older result); on another setup they start over.
 */
export function mergeResults(
  kept: CompareResults | null,
  setup: { setup: string; title: string },
  runs: readonly RunResult[],
): CompareResults {
  const base = kept && kept.setup === setup.setup ? kept.runs : [];
  const fresh = new Set(runs.map(runKey));
  return { ...setup, runs: [...base.filter((r) => !fresh.has(runKey(r))), ...runs] };
}

/** The sensitivity view after one worker event; events of an older analysis are dropped. */
export function reduceSensitivity(view: SensitivityView, ev: SensitivityEvent): SensitivityView {
  if (ev.id !== view.id) return view;
  switch (ev.type) {
    case 'sensitivityProgress':
      return { ...view, done: ev.done, total: ev.total };
    case 'sensitivityResult':
      return { ...view, status: 'done', result: ev.result, at: ev.at, done: view.total };
    case 'sensitivityError':
      return { ...view, status: 'error', message: ev.message };
  }
}

/** Overall progress of a compare in [0, 1]: finished jobs plus the part of the current one. */
export function compareFraction(run: CompareRun): number {
  const n = run.jobs.length;
  if (n === 0) return run.status === 'done' ? 1 : 0;
  const p = run.progress;
  const part = p && p.phase === 'train' && p.index >= run.done ? p.step / Math.max(1, p.total) : 0;
  return Math.min(1, (run.done + part) / n);
}
