import type { StateCreator } from 'zustand';
import type { CompareEvent } from '../../worker/compareProtocol';
import {
  isCompareRunEvent,
  mergeResults,
  reduceCompare,
  reduceSensitivity,
} from '../compareReducer';
import {
  buildCompareSpec,
  compareSetup,
  DEFAULT_COMPARE_FORM,
  planCompare,
  sweepCommandLine,
} from '../compareSpec';
import type {
  CompareForm,
  CompareResults,
  CompareRun,
  LabTab,
  SensitivityView,
} from '../compareTypes';
import { send } from '../port';
import type { LabState } from '../store';

export interface CompareSlice {
  /** Which view the main area shows. */
  tab: LabTab;
  compareForm: CompareForm;
  /** The latest compare (queued, running or over). */
  compare: CompareRun | null;
  /** Results kept for the chart and the table (one setup: data, model, start, budget). */
  compareResults: CompareResults | null;
  sensitivity: SensitivityView;
  setTab(tab: LabTab): void;
  editCompare(patch: Partial<CompareForm>): void;
  /** Queues the form's runs on the lab's data, model and start; the live run pauses meanwhile. */
  queueCompare(): void;
  cancelCompare(): void;
  clearCompareResults(): void;
  /** Per-layer sensitivity of the live run's network as it is now (the run pauses). */
  analyseSensitivity(): void;
  receiveCompare(ev: CompareEvent): void;
}

type Slice = StateCreator<LabState, [['zustand/subscribeWithSelector', never]], [], CompareSlice>;

/** A compare that has not ended yet. */
export function compareActive(run: CompareRun | null): boolean {
  return (
    run !== null &&
    (run.status === 'starting' || run.status === 'running' || run.status === 'cancelling')
  );
}

let nextId = 0;

export const compareSlice: Slice = (set, get) => ({
  tab: 'live',
  compareForm: DEFAULT_COMPARE_FORM,
  compare: null,
  compareResults: null,
  sensitivity: {
    id: 0,
    status: 'idle',
    done: 0,
    total: 0,
    result: null,
    at: null,
    message: null,
  },
  setTab(tab) {
    set({ tab });
  },
  editCompare(patch) {
    set((s) => ({ compareForm: { ...s.compareForm, ...patch } }));
  },
  queueCompare() {
    const s = get();
    if (compareActive(s.compare)) return;
    const form = s.compareForm;
    const jobs = planCompare(form, s.methods);
    if (jobs.length === 0) return;
    const id = ++nextId;
    try {
      const spec = buildCompareSpec(id, s.config, s.uploads, form);
      set({
        compare: {
          id,
          status: 'starting',
          jobs,
          done: 0,
          progress: null,
          backend: null,
          message: null,
          startedMs: performance.now(),
          endedMs: null,
          command: sweepCommandLine(s.config, form),
          ...compareSetup(s.config, form),
        },
      });
      send({ type: 'compare', spec });
    } catch (e) {
      set({ appError: e instanceof Error ? e.message : String(e) });
    }
  },
  cancelCompare() {
    const c = get().compare;
    if (!c || !compareActive(c)) return;
    set({ compare: { ...c, status: 'cancelling' } });
    send({ type: 'cancelCompare', id: c.id });
  },
  clearCompareResults() {
    if (!compareActive(get().compare)) set({ compareResults: null });
  },
  analyseSensitivity() {
    const s = get();
    if (s.sensitivity.status === 'running' || compareActive(s.compare)) return;
    const id = s.sensitivity.id + 1;
    set({
      sensitivity: {
        id,
        status: 'running',
        done: 0,
        total: 0,
        result: null,
        at: null,
        message: null,
      },
    });
    send({ type: 'sensitivity', id });
  },
  receiveCompare(ev) {
    const s = get();
    if (!isCompareRunEvent(ev)) {
      set({ sensitivity: reduceSensitivity(s.sensitivity, ev) });
      return;
    }
    const compare = reduceCompare(s.compare, ev, performance.now());
    if (ev.type === 'compareResults' && compare && compare.id === ev.id)
      set({ compare, compareResults: mergeResults(s.compareResults, compare, ev.results) });
    else set({ compare });
  },
});
