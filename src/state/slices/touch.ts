import type { StateCreator } from 'zustand';
import type { WorkerEvent } from '../../worker/protocol';
import { HISTORY_LIMITS, RunHistory } from '../history';
import type { MomentStats } from '../history';
import { send } from '../port';
import { reduceRun } from '../runReducer';
import type { LabState } from '../store';
import type { RunView, SnapshotMsg } from '../types';

/** What the scrubber shows of the history (the moments themselves stay outside the store). */
export interface HistorySummary {
  readonly runId: number;
  readonly moments: number;
  readonly bytes: number;
  readonly peakBytes: number;
  readonly firstStep: number;
  readonly lastStep: number;
}

/** The scrubber is on an earlier moment: the live run and its latest snapshot wait aside. */
export interface Scrub {
  readonly at: number;
  readonly live: RunView;
  readonly liveSnapshot: SnapshotMsg | null;
}

export interface TouchSlice {
  history: HistorySummary;
  scrub: Scrub | null;
  /** Hand surgery: cut or splice connections of one layer (heatmap indices). */
  handEdit(layer: number, indices: readonly number[], action: 'cut' | 'splice'): void;
  /** Takes the last hand edit back. */
  handUndo(): void;
  /** Shows recorded moment `i` (pausing the run); the last moment is the live end. */
  scrubTo(i: number): void;
  /** Back to the live run. */
  scrubLive(): void;
}

type Slice = StateCreator<LabState, [['zustand/subscribeWithSelector', never]], [], TouchSlice>;

/** The live run's history (one at a time: a new run starts it afresh). */
export const runHistory = new RunHistory(HISTORY_LIMITS);

const EMPTY: HistorySummary = {
  runId: -1,
  moments: 0,
  bytes: 0,
  peakBytes: 0,
  firstStep: 0,
  lastStep: 0,
};

function summary(runId: number): HistorySummary {
  const steps = runHistory.steps();
  return {
    runId,
    moments: steps.length,
    bytes: runHistory.byteSize,
    peakBytes: runHistory.peakBytes,
    firstStep: steps[0] ?? 0,
    lastStep: steps.at(-1) ?? 0,
  };
}

/** The headline numbers of a run view at a snapshot, for the history. */
function statsOf(run: RunView, snap: SnapshotMsg): MomentStats {
  const v = run.validation.at(-1);
  return {
    step: snap.step,
    epoch: run.epoch,
    density: snap.density,
    kept: snap.layers.map((l) => l.kept),
    cuts: run.cuts,
    splices: run.splices,
    hand: run.hand ?? null,
    accuracy: v ? v.accuracy : null,
  };
}

/** Records a live snapshot of `run` (a new run clears the history first); the new summary. */
export function recordMoment(
  run: RunView,
  snap: SnapshotMsg,
  prev: HistorySummary,
): HistorySummary {
  if (prev.runId !== run.id) {
    runHistory.clear();
    runHistory.peakBytes = 0;
  }
  runHistory.record(snap, statsOf(run, snap));
  return summary(run.id);
}

/** The live run view as it stood at a recorded moment (curves cut at its step). */
export function runAt(live: RunView, m: MomentStats): RunView {
  return {
    ...live,
    status: live.status === 'running' ? 'paused' : live.status,
    step: m.step,
    epoch: m.epoch,
    density: m.density,
    kept: m.kept,
    cuts: m.cuts,
    splices: m.splices,
    hand: m.hand,
    train: live.train.filter((p) => p.step <= m.step),
    validation: live.validation.filter((p) => p.step <= m.step),
    result: null,
  };
}

/**
 * While the scrubber is on an earlier moment, the live run's events update the run held aside
 * (its snapshots still go into the history); a newer run returns to the live view. Null: not held.
 */
export function holdScrub(
  s: LabState,
  ev: Extract<WorkerEvent, { runId: number }>,
): Partial<LabState> | null {
  const sc = s.scrub;
  if (!sc || s.viewing || ev.runId > sc.live.id) return null;
  if (ev.runId < sc.live.id) return {};
  const live = reduceRun(sc.live, ev, performance.now());
  if (ev.type !== 'snapshot') return { scrub: { ...sc, live } };
  const history = recordMoment(live, ev.snapshot, s.history);
  return { scrub: { ...sc, live, liveSnapshot: ev.snapshot }, history };
}

export const touchSlice: Slice = (set, get) => ({
  history: EMPTY,
  scrub: null,
  handEdit(layer, indices, action) {
    const s = get();
    if (s.scrub || s.viewing || indices.length === 0) return;
    send({ type: 'handEdit', layer, indices: [...indices], action });
  },
  handUndo() {
    const s = get();
    if (s.scrub || s.viewing) return;
    send({ type: 'handUndo' });
  },
  scrubTo(i) {
    const s = get();
    if (s.viewing) return;
    const n = runHistory.size;
    if (n === 0) return;
    if (i >= n - 1) return get().scrubLive();
    const m = runHistory.stats(Math.max(0, i));
    const snap = runHistory.snapshotAt(Math.max(0, i));
    if (!m || !snap) return;
    if (s.run.status === 'running') s.pause();
    const live = s.scrub?.live ?? s.run;
    const liveSnapshot = s.scrub ? s.scrub.liveSnapshot : s.snapshot;
    set({
      scrub: { at: Math.max(0, i), live, liveSnapshot },
      run: runAt(live, m),
      snapshot: snap,
      hover: null,
      connection: null,
    });
  },
  scrubLive() {
    const sc = get().scrub;
    if (!sc) return;
    set({ scrub: null, run: sc.live, snapshot: sc.liveSnapshot, hover: null, connection: null });
  },
});

/**
 * Records every live snapshot the store receives into the history (snapshots held aside while
 * scrubbing are recorded by `holdScrub`; a saved run's are not the live run's).
 */
export function watchHistory(store: {
  getState(): LabState;
  setState(p: Partial<LabState>): void;
  subscribe<T>(sel: (s: LabState) => T, f: (v: T) => void): () => void;
}): void {
  // A newer run (Reset, new settings) ends the look back: its events are not held.
  store.subscribe(
    (s) => s.run.id,
    (id) => {
      const sc = store.getState().scrub;
      if (sc && id > sc.live.id) store.setState({ scrub: null });
    },
  );
  store.subscribe(
    (s) => s.snapshot,
    (snap) => {
      const s = store.getState();
      if (!snap || snap.id < 0 || s.scrub || s.viewing) return;
      store.setState({ history: recordMoment(s.run, snap, s.history) });
    },
  );
}
