import type { WorkerEvent } from '../worker/protocol';
import { appendCapped, SERIES_CAP, toTrainPoint } from './series';
import type { RunView } from './types';

/** A run view before anything is known about it. */
export function emptyRun(id: number): RunView {
  return {
    id,
    status: 'loading',
    info: null,
    phase: 'train',
    step: 0,
    epoch: 0,
    density: 1,
    kept: [],
    total: [],
    cutsPerStep: [],
    splicesPerStep: [],
    lastSteps: 0,
    methodNote: null,
    cuts: 0,
    splices: 0,
    learningRate: NaN,
    msPerStep: NaN,
    baseline: null,
    firstCut: null,
    train: [],
    validation: [],
    result: null,
    missingCheckpoint: null,
    error: null,
    notice: null,
    playedAt: null,
    firstCutMs: null,
    methodConfig: null,
  };
}

type RunEvent = Extract<WorkerEvent, { runId: number }>;

/** Whether an event belongs to a run (as opposed to the session: backend, progress, methods). */
export function isRunEvent(ev: WorkerEvent): ev is RunEvent {
  return 'runId' in ev && typeof ev.runId === 'number';
}

/**
 * The run view after one worker event. Events of an older run are dropped; the first event of a
 * newer run starts a fresh view (the worker finishes a run before it builds the next).
 */
export function reduceRun(run: RunView, ev: RunEvent, nowMs: number): RunView {
  if (ev.runId < run.id) return run;
  const r = ev.runId > run.id ? emptyRun(ev.runId) : run;
  switch (ev.type) {
    case 'status':
      return {
        ...r,
        status: ev.status,
        playedAt: ev.status === 'running' && r.playedAt === null ? nowMs : r.playedAt,
      };
    case 'ready':
      return {
        ...r,
        info: ev.info,
        baseline: ev.info.baseline,
        phase: ev.info.pretrainSteps > 0 ? 'pretrain' : 'train',
      };
    case 'metrics': {
      const p = ev.points.at(-1);
      if (!p) return r;
      const steps = Math.max(1, p.steps);
      const cutNow = ev.points.reduce((s, q) => s + q.cuts.reduce((a, b) => a + b, 0), 0);
      const spliceNow = ev.points.reduce((s, q) => s + q.splices.reduce((a, b) => a + b, 0), 0);
      return {
        ...r,
        phase: p.phase,
        step: Math.max(r.step, p.step),
        epoch: p.epoch,
        density: p.density,
        kept: p.kept,
        total: p.total,
        cutsPerStep: p.cuts.map((c) => c / steps),
        splicesPerStep: p.splices.map((c) => c / steps),
        lastSteps: steps,
        methodNote: p.note ?? null,
        cuts: r.cuts + cutNow,
        splices: r.splices + spliceNow,
        learningRate: p.learningRate,
        msPerStep: Number.isFinite(p.msPerStep) ? p.msPerStep : r.msPerStep,
        train: appendCapped(r.train, ev.points.map(toTrainPoint)),
        firstCutMs:
          r.firstCutMs === null && cutNow > 0 && r.playedAt !== null
            ? nowMs - r.playedAt
            : r.firstCutMs,
      };
    }
    case 'validation':
      return { ...r, validation: appendCapped(r.validation, [ev.point], SERIES_CAP / 2) };
    case 'baseline':
      return { ...r, baseline: ev.accuracy };
    case 'firstCut':
      return { ...r, firstCut: ev.fractions };
    case 'methodConfig':
      return { ...r, methodConfig: { values: ev.methodConfig, layers: ev.layers } };
    case 'snapshot':
      return {
        ...r,
        step: Math.max(r.step, ev.snapshot.step),
        density: ev.snapshot.step >= r.step ? ev.snapshot.density : r.density,
      };
    case 'done':
      return { ...r, result: ev.result, status: 'done', density: ev.result.density };
    case 'connection':
      return r;
    case 'hand':
      return { ...r, hand: ev.report, kept: ev.report.kept, density: ev.report.density };
    case 'checkpointMissing':
      return { ...r, missingCheckpoint: ev.file, status: 'needsStart' };
    case 'notice': {
      // Points past the step the run went back to are superseded (a backend change replays them).
      const s = ev.notice.step;
      return {
        ...r,
        notice: ev.notice,
        step: ev.notice.kind === 'recovered' ? s : r.step,
        train: r.train.filter((p) => p.step <= s || ev.notice.kind === 'diverged'),
        validation: r.validation.filter((p) => p.step <= s || ev.notice.kind === 'diverged'),
      };
    }
  }
}

/** The run view after an error of run `runId` (older runs' errors are dropped). */
export function runError(run: RunView, runId: number, message: string): RunView {
  if (runId < run.id) return run;
  const r = runId > run.id ? emptyRun(runId) : run;
  return { ...r, error: message, status: 'error' };
}
