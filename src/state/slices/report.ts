import type { StateCreator } from 'zustand';
import type { RunReport } from '../../core/report/types';
import type { ReportEvent } from '../../worker/reportProtocol';
import { send } from '../port';
import { loadRun } from './runs';
import type { LabState } from '../store';

/** One report the page asked the worker for. */
export interface ReportRequest {
  readonly id: number;
  /** The live run it reports on. */
  readonly runId: number;
  /** The step the run was at when asked (a report of a run still going is of that moment). */
  readonly step: number;
  readonly full: boolean;
  readonly status: 'running' | 'done' | 'error';
  readonly label: string | null;
  readonly report: RunReport | null;
  /** The run's csr-int8 weight file, gzipped, for the download button. */
  readonly int8Gzip: Uint8Array | null;
  readonly error: string | null;
  /** The saved run it reports on (null: the live run). */
  readonly saved: { readonly key: string; readonly name: string } | null;
}

export interface ReportSlice {
  /** The latest report asked for (null before any). */
  report: ReportRequest | null;
  /** Asks the worker for the live run's report (`full`: corruption sweep and latency too). */
  requestReport(full: boolean): void;
  /** Asks the worker for a saved run's report, from its saved weights and masks. */
  requestSavedReport(key: string, full: boolean): Promise<void>;
  /** Opens a saved run and shows its report (the Runs list's Report action). */
  reportSavedRun(key: string): Promise<void>;
  receiveReport(ev: ReportEvent): void;
}

type Slice = StateCreator<LabState, [['zustand/subscribeWithSelector', never]], [], ReportSlice>;

let nextId = 0;

export const reportSlice: Slice = (set, get) => ({
  report: null,
  requestReport(full) {
    const s = get();
    if (s.report?.status === 'running') return;
    const id = ++nextId;
    set({
      report: {
        id,
        runId: s.run.id,
        step: s.run.step,
        full,
        status: 'running',
        label: 'Asking the worker',
        report: null,
        int8Gzip: null,
        error: null,
        saved: null,
      },
    });
    send({ type: 'report', id, full });
  },
  async requestSavedReport(key, full) {
    if (get().report?.status === 'running') return;
    const id = ++nextId;
    const base = { id, runId: get().run.id, full, label: null, report: null, int8Gzip: null };
    set({
      report: {
        ...base,
        step: 0,
        status: 'running',
        label: 'Reading the saved weights',
        error: null,
        saved: { key, name: get().viewing?.name ?? key },
      },
    });
    try {
      const loaded = await loadRun(key);
      const saved = { key, name: loaded.run.name };
      if (get().report?.id !== id) return;
      if (!loaded.checkpoint) throw new Error('this saved run has no saved weights yet');
      const step = loaded.run.checkpoint?.step ?? loaded.run.step;
      set({ report: { ...get().report!, step, saved, label: 'Asking the worker' } });
      const seed = loaded.run.runConfig.seed ?? 1;
      send({ type: 'report', id, full, saved: { bytes: loaded.checkpoint, seed } });
    } catch (e) {
      if (get().report?.id !== id) return;
      const error = e instanceof Error ? e.message : String(e);
      set({ report: { ...get().report!, status: 'error', label: null, error } });
    }
  },
  async reportSavedRun(key) {
    await get().openSavedRun(key);
    if (get().viewing?.key === key) set({ tab: 'report' });
  },
  receiveReport(ev) {
    const r = get().report;
    if (!r || r.id !== ev.id) return;
    switch (ev.type) {
      case 'reportProgress':
        set({ report: { ...r, label: ev.label } });
        return;
      case 'reportResult':
        set({
          report: { ...r, status: 'done', label: null, report: ev.report, int8Gzip: ev.int8Gzip },
        });
        return;
      case 'reportError':
        set({ report: { ...r, status: 'error', label: null, error: ev.message } });
        return;
    }
  },
});
