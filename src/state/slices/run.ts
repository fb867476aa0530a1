import type { StateCreator } from 'zustand';
import type { ConnectionInfo, WorkerEvent } from '../../worker/protocol';
import { assertNever } from '../../worker/protocol';
import { modelLabel } from '../../core/models/zoo';
import { runLabel, sourceId } from '../configRules';
import { send } from '../port';
import { compareActive } from './compare';
import { pageInbox } from '../inbox';
import { holdLive } from './runs';
import { holdScrub } from './touch';
import { emptyRun, isRunEvent, reduceRun, runError } from '../runReducer';
import { addRun, addTrajectoryPoint, setRunBaseline, setRunEnd } from '../sessionRuns';
import type { LabState } from '../store';
import type {
  BackendReport,
  MethodInfo,
  Progress,
  RunView,
  SessionRun,
  SnapshotMsg,
} from '../types';

export interface RunSlice {
  run: RunView;
  /** The latest snapshot (heatmaps subscribe to it and draw outside React). */
  snapshot: SnapshotMsg | null;
  progress: Progress;
  backendReport: BackendReport | null;
  methods: readonly MethodInfo[];
  /** Runs kept for the accuracy-vs-sparsity chart. */
  sessionRuns: readonly SessionRun[];
  runsStarted: number;
  connection: ConnectionInfo | null;
  /** A message about the app itself (not one run): shown as a banner. */
  appError: string | null;
  /**
   * A worker event. In the page, the training stream (metrics, snapshots…) waits for an animation
   * frame (at most five flushes a second) and is applied with whatever else came (inbox.ts); other
   * events apply at once.
   */
  receive(ev: WorkerEvent): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(): void;
  reset(): void;
  dismissError(): void;
}

type Slice = StateCreator<LabState, [['zustand/subscribeWithSelector', never]], [], RunSlice>;

/** What a worker event does to the session-wide parts of the state. */
function sessionPart(s: LabState, ev: WorkerEvent, run: RunView): Partial<LabState> {
  switch (ev.type) {
    case 'ready': {
      const n = s.runsStarted + 1;
      const cfg = s.applied ?? s.config;
      // A run under another run's masks is an arm of a mask transfer: say so on the charts.
      const label = s.maskFrom
        ? `#${n} fixedMask (masks of ${s.maskFrom.name}, ${s.maskFrom.reinit ? 'fresh init' : 'dense start'}) · ${modelLabel(cfg.model)} · ${sourceId(cfg)}`
        : runLabel(n, cfg);
      return {
        runsStarted: n,
        sessionRuns: addRun(s.sessionRuns, ev.runId, label, n - 1, ev.info.baseline),
        progress: {},
        connection: null,
        snapshot: null,
      };
    }
    case 'validation':
      return { sessionRuns: addTrajectoryPoint(s.sessionRuns, ev.runId, ev.point) };
    case 'baseline':
      return { sessionRuns: setRunBaseline(s.sessionRuns, ev.runId, ev.accuracy) };
    case 'done':
      return {
        sessionRuns: setRunEnd(s.sessionRuns, ev.runId, {
          density: ev.result.density,
          accuracy: ev.result.testAccuracy,
        }),
      };
    case 'snapshot':
      return ev.runId === run.id ? { snapshot: ev.snapshot } : {};
    case 'connection':
      return ev.runId === run.id ? { connection: ev.info } : {};
    case 'status':
      return ev.status === 'loading' ? { snapshot: null } : {};
    default:
      return {};
  }
}

export const runSlice: Slice = (set, get) => {
  /** One worker event applied to the store now. */
  function apply(ev: WorkerEvent): void {
    const s = get();
    switch (ev.type) {
      case 'hello':
        set({ methods: ev.methods });
        return;
      case 'progress':
        set({ progress: { ...s.progress, [ev.task]: { label: ev.label, fraction: ev.fraction } } });
        return;
      case 'backend':
        set({ backendReport: ev.report, progress: { ...s.progress, backend: undefined } });
        return;
      case 'verdicts':
        return; // the client stores them
      case 'debugInfo':
        return; // the client hands it to the test hook
      case 'error':
        if (ev.runId === undefined) set({ appError: ev.message });
        else if (s.viewing && ev.runId <= s.viewing.live.id)
          set({ viewing: { ...s.viewing, live: runError(s.viewing.live, ev.runId, ev.message) } });
        else set({ run: runError(s.run, ev.runId, ev.message), progress: {}, viewing: null });
        return;
      case 'ready':
      case 'status':
      case 'metrics':
      case 'validation':
      case 'baseline':
      case 'firstCut':
      case 'methodConfig':
      case 'snapshot':
      case 'done':
      case 'connection':
      case 'hand':
      case 'notice':
      case 'checkpointMissing': {
        if (!isRunEvent(ev)) return;
        // A saved run, or an earlier moment (the time scrubber), is on screen: the live one waits aside.
        const held = holdLive(s, ev) ?? holdScrub(s, ev);
        if (held) return set(held);
        if (ev.runId < s.run.id) return;
        const run = reduceRun(s.run, ev, performance.now());
        set({ run, ...sessionPart(s, ev, run), ...(s.viewing ? { viewing: null } : {}) });
        return;
      }
      case 'compareStarted':
      case 'compareProgress':
      case 'compareResults':
      case 'compareEnd':
      case 'sensitivityProgress':
      case 'sensitivityResult':
      case 'sensitivityError':
        s.receiveCompare(ev);
        return;
      case 'reportProgress':
      case 'reportResult':
      case 'reportError':
        s.receiveReport(ev);
        return;
      case 'checkpointSaved':
      case 'checkpointView':
      case 'exported':
      case 'importChecked':
      case 'runsError':
        s.receiveRuns(ev);
        return;
      default:
        assertNever(ev);
    }
  }
  const inbox = pageInbox(apply);
  return {
    run: emptyRun(0),
    snapshot: null,
    progress: {},
    backendReport: null,
    methods: [],
    sessionRuns: [],
    runsStarted: 0,
    connection: null,
    appError: null,
    receive(ev) {
      if (inbox) inbox.push(ev);
      else apply(ev);
    },
    play() {
      const s = get();
      const st = s.run.status;
      if (st === 'needsStart' || compareActive(s.compare)) return; // a compare holds the worker
      if (s.viewing) return; // a saved run is on screen: Continue or go back to the live one
      if (s.scrub) return void (get().scrubLive(), get().play()); // Play resumes from the live end
      const playedAt = s.run.playedAt ?? performance.now();
      if (st === 'done' || st === 'error') {
        if (st === 'error') get().configure();
        else send({ type: 'reset' });
        send({ type: 'play' });
        return;
      }
      set({ run: { ...s.run, playedAt } });
      send({ type: 'play' });
    },
    pause() {
      send({ type: 'pause' });
    },
    togglePlay() {
      const st = get().run.status;
      if (st === 'running') get().pause();
      else get().play();
    },
    step() {
      if (get().scrub) get().scrubLive(); // a step trains on from the live end
      const st = get().run.status;
      if ((st === 'ready' || st === 'paused') && !get().viewing) send({ type: 'step' });
    },
    reset() {
      if (get().pending) get().configure();
      else send({ type: 'reset' });
    },
    dismissError() {
      set({ appError: null });
    },
  };
};
