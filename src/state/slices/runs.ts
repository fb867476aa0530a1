import type { StateCreator } from 'zustand';
import { RUN_COLOURS } from '../../charts/theme';
import { modelLabel } from '../../core/models/zoo';
import type { ExportFile, ExportFormat } from '../../core/export/types';
import type { RunConfigInput } from '../../core/config';
import type { RunsEvent } from '../../worker/runsProtocol';
import { reduceRun } from '../runReducer';
import { answer, ask, runsDb } from '../runs/calls';
import { fileStem, fromImport, savedRunView, toRunFile, tradeoffEntry } from '../runs/records';
import type { MaskSource } from '../runs/records';
import type { ImportFiles } from '../runs/importFiles';
import type { LoadedRun, SavedRun } from '../runs/types';
import type { LabState } from '../store';
import type { LabConfig, RunView, SnapshotMsg } from '../types';

/** A saved run shown in the lab's views, with the live run held aside until the user goes back. */
export interface Viewing {
  readonly key: string;
  readonly name: string;
  readonly live: RunView;
  readonly liveSnapshot: SnapshotMsg | null;
}

/** Saved weights to continue from: the next run built with matching model and data starts there. */
export interface ResumeFrom {
  readonly key: string;
  readonly name: string;
  readonly step: number;
  readonly runConfig: RunConfigInput;
  readonly bytes: Uint8Array;
}

export interface RunsMessage {
  readonly kind: 'error' | 'info';
  readonly text: string;
}

export interface RunsSlice {
  /** Saved runs, newest first (null until read). */
  savedRuns: readonly SavedRun[] | null;
  /** Why runs are not being saved (storage full, blocked or missing); the runs go on in memory. */
  runsStorage: string | null;
  runsMessage: RunsMessage | null;
  viewing: Viewing | null;
  resumeFrom: ResumeFrom | null;
  /** A saved run whose masks the live run trains under (method fixedMask), while model and data match. */
  maskFrom: MaskSource | null;
  /** The mask source's saved masks as heatmap cells (for the overlap with the live run's). */
  maskFromView: SnapshotMsg | null;
  busy: string | null;
  receiveRuns(ev: RunsEvent): void;
  refreshRuns(): Promise<void>;
  openSavedRun(key: string): Promise<void>;
  leaveSavedRun(): void;
  deleteSavedRun(key: string): Promise<void>;
  continueSavedRun(key: string): Promise<void>;
  /** A new live run under a saved run's masks, kept fixed: on a fresh init or the dense start. */
  trainWithMasks(key: string, reinit: boolean): Promise<void>;
  /** Back to the run's own method (drops the borrowed masks). */
  dropMaskSource(): void;
  /** Builds a fresh run with a saved run's settings (an imported config has no weights). */
  applySettingsOf(key: string): void;
  /** Adds a saved run to (or takes it off) the accuracy-vs-sparsity chart. */
  toggleTradeoff(key: string): Promise<void>;
  /** The files of one format for a saved run (key) or the run on screen (null). */
  exportFiles(key: string | null, format: ExportFormat | 'runfile'): Promise<ExportFile[] | null>;
  importRun(files: ImportFiles): Promise<void>;
  setRunsMessage(m: RunsMessage | null): void;
  setRunsStorage(message: string | null): void;
}

type Slice = StateCreator<LabState, [['zustand/subscribeWithSelector', never]], [], RunsSlice>;

/** Where the live run's state comes from: the saver knows it (set by the client). */
let liveRun: () => Promise<LoadedRun | null> = () => Promise.resolve(null);
let liveKey: () => string | null = () => null;
export function connectSaver(s: {
  current: () => Promise<LoadedRun | null>;
  key: () => string | null;
}): void {
  liveRun = s.current;
  liveKey = s.key;
}

/**
 * While a saved run is on screen, the live run's events update the run held aside; an event of
 * a newer run (Continue, a settings change) returns to the live view. Null: not held.
 */
export function holdLive(
  s: LabState,
  ev: Parameters<typeof reduceRun>[1],
): Partial<LabState> | null {
  const v = s.viewing;
  if (!v || ev.runId > v.live.id) return null;
  if (ev.runId < v.live.id) return {};
  const live = reduceRun(v.live, ev, performance.now());
  const liveSnapshot = ev.type === 'snapshot' ? ev.snapshot : v.liveSnapshot;
  return { viewing: { ...v, live, liveSnapshot } };
}

function copy(bytes: Uint8Array): Uint8Array {
  return bytes.slice();
}

export async function loadRun(key: string): Promise<LoadedRun> {
  const db = await runsDb();
  if (!db.ok) throw new Error(db.error.message);
  const r = await db.value.load(key);
  if (!r.ok) throw new Error(r.error.message);
  if (!r.value) throw new Error('that run is no longer saved');
  return r.value;
}

/**
 * A saved run a new live run starts from (continued, or trained under its masks): its record,
 * weights and lab settings, or an error naming what it lacks.
 */
async function loadStart(
  key: string,
  noWeights: (name: string) => string,
): Promise<{ r: LoadedRun['run']; checkpoint: Uint8Array; config: LabConfig }> {
  const loaded = await loadRun(key);
  const r = loaded.run;
  if (!loaded.checkpoint) throw new Error(noWeights(r.name));
  const config: LabConfig | null = r.config ?? null;
  if (!config)
    throw new Error(
      `"${r.name}" was trained on ${r.runConfig.dataset}, which this lab does not have; upload it first`,
    );
  return { r, checkpoint: loaded.checkpoint, config };
}

export const runsSlice: Slice = (set, get) => {
  const fail = (e: unknown) =>
    set({
      runsMessage: { kind: 'error', text: e instanceof Error ? e.message : String(e) },
      busy: null,
    });
  /** The run a key names, or the run on screen (a saved one, or the live one from memory). */
  const loadAny = async (key: string | null): Promise<LoadedRun> => {
    const k = key ?? get().viewing?.key ?? null;
    if (k) return loadRun(k);
    const live = await liveRun();
    if (!live) throw new Error('no run to export yet');
    return live;
  };
  return {
    savedRuns: null,
    runsStorage: null,
    runsMessage: null,
    viewing: null,
    resumeFrom: null,
    maskFrom: null,
    maskFromView: null,
    busy: null,
    receiveRuns(ev) {
      answer(ev);
    },
    async refreshRuns() {
      const db = await runsDb();
      if (!db.ok) {
        set({ savedRuns: [], runsStorage: db.error.message });
        return;
      }
      const r = await db.value.list();
      if (r.ok) set({ savedRuns: r.value });
      else set({ runsStorage: r.error.message });
    },
    async openSavedRun(key) {
      try {
        const loaded = await loadRun(key);
        const s = get();
        if (s.run.status === 'running') s.pause();
        const live = s.viewing?.live ?? s.run;
        const liveSnapshot = s.viewing ? s.viewing.liveSnapshot : s.snapshot;
        set({
          viewing: { key, name: loaded.run.name, live, liveSnapshot },
          run: savedRunView(loaded, live.id),
          snapshot: null,
          hover: null,
          connection: null,
          tab: 'live',
          runsMessage: null,
        });
        if (!loaded.checkpoint) return;
        const ev = await ask({ type: 'viewCheckpoint', bytes: copy(loaded.checkpoint) });
        if (get().viewing?.key !== key) return;
        if (ev.type === 'checkpointView') set({ snapshot: ev.snapshot });
        else if (ev.type === 'runsError')
          set({
            runsMessage: {
              kind: 'error',
              text: `The saved weights could not be read: ${ev.message}`,
            },
          });
      } catch (e) {
        fail(e);
      }
    },
    leaveSavedRun() {
      const v = get().viewing;
      if (!v) return;
      set({ viewing: null, run: v.live, snapshot: v.liveSnapshot, hover: null, connection: null });
    },
    async deleteSavedRun(key) {
      const db = await runsDb();
      if (!db.ok) return fail(db.error.message);
      const r = await db.value.remove(key);
      if (!r.ok) return fail(r.error.message);
      if (get().viewing?.key === key) get().leaveSavedRun();
      set((s) => ({ sessionRuns: s.sessionRuns.filter((x) => x.id !== savedChartId(key)) }));
      await get().refreshRuns();
    },
    async continueSavedRun(key) {
      try {
        const { r, checkpoint, config } = await loadStart(
          key,
          (name) => `"${name}" has no saved weights yet, so it cannot be continued`,
        );
        get().leaveSavedRun();
        set({
          config,
          maskFrom: null,
          resumeFrom: {
            key,
            name: r.name,
            step: r.checkpoint?.step ?? r.step,
            runConfig: r.runConfig,
            bytes: copy(checkpoint),
          },
          tab: 'live',
          runsMessage: null,
        });
        get().configure();
      } catch (e) {
        fail(e);
      }
    },
    applySettingsOf(key) {
      const r = get().savedRuns?.find((x) => x.key === key);
      if (!r?.config) return;
      get().leaveSavedRun();
      set({ config: r.config, resumeFrom: null, maskFrom: null, tab: 'live', runsMessage: null });
      get().configure();
    },
    async trainWithMasks(key, reinit) {
      try {
        const { r, checkpoint, config } = await loadStart(
          key,
          (name) => `"${name}" has no saved weights and masks yet`,
        );
        if (r.runConfig.method === 'none')
          throw new Error(`"${r.name}" trained dense: it has no masks to train with`);
        get().leaveSavedRun();
        set({
          config,
          resumeFrom: null,
          maskFrom: {
            key,
            name: r.name,
            step: r.checkpoint?.step ?? r.step,
            runConfig: r.runConfig,
            bytes: copy(checkpoint),
            reinit,
          },
          maskFromView: null,
          tab: 'live',
          runsMessage: null,
        });
        get().configure();
        const ev = await ask({ type: 'viewCheckpoint', bytes: copy(checkpoint) });
        if (get().maskFrom?.key !== key) return;
        if (ev.type === 'checkpointView') set({ maskFromView: ev.snapshot });
      } catch (e) {
        fail(e);
      }
    },
    dropMaskSource() {
      set({ maskFrom: null, maskFromView: null });
      get().configure();
    },
    async toggleTradeoff(key) {
      const s = get();
      const id = savedChartId(key);
      if (s.sessionRuns.some((r) => r.id === id)) {
        set({ sessionRuns: s.sessionRuns.filter((r) => r.id !== id) });
        return;
      }
      try {
        const loaded = await loadRun(key);
        const n = s.sessionRuns.length;
        const entry = tradeoffEntry(loaded, id, RUN_COLOURS[(n + 3) % RUN_COLOURS.length]!);
        set((st) => ({ sessionRuns: [...st.sessionRuns, entry] }));
      } catch (e) {
        fail(e);
      }
    },
    async exportFiles(key, format) {
      set({ busy: format, runsMessage: null });
      try {
        const loaded = await loadAny(key);
        if (!loaded.checkpoint)
          throw new Error('this run has no saved weights yet; train a few steps first');
        const stem = fileStem(loaded.run);
        const run = toRunFile(loaded, `${stem}.ckpt`);
        if (format === 'runfile') {
          set({ busy: null });
          return [
            {
              name: `${stem}.json`,
              mime: 'application/json',
              bytes: new TextEncoder().encode(JSON.stringify(run, null, 1)),
            },
            { name: `${stem}.ckpt`, mime: 'application/octet-stream', bytes: loaded.checkpoint },
          ];
        }
        const ev = await ask({
          type: 'exportRun',
          format,
          bytes: copy(loaded.checkpoint),
          run,
          baseName: stem,
        });
        set({ busy: null });
        if (ev.type === 'exported') return [...ev.files];
        throw new Error(ev.type === 'runsError' ? ev.message : 'the export failed');
      } catch (e) {
        fail(e);
        return null;
      }
    },
    async importRun(files) {
      set({ busy: 'import', runsMessage: null });
      try {
        const ev = await ask({ type: 'checkImport', json: files.json, bytes: files.checkpoint });
        if (ev.type === 'runsError') throw new Error(`${files.label}: ${ev.message}`);
        if (ev.type !== 'importChecked') throw new Error('the import failed');
        const now = Date.now();
        const key = `import-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
        const c = ev.config;
        const name = `${ev.run ? 'imported' : 'config'}: ${c.method} · ${modelLabel(c.model)} · ${c.dataset}`;
        const loaded = fromImport(
          key,
          now,
          name,
          c,
          ev.run,
          ev.info,
          files.checkpoint,
          get().uploads,
        );
        const db = await runsDb();
        if (!db.ok) throw new Error(db.error.message);
        const put = await db.value.putWhole(loaded);
        if (!put.ok) throw new Error(put.error.message);
        await get().refreshRuns();
        set({
          busy: null,
          runsMessage: { kind: 'info', text: `Imported ${files.label} as “${name}”.` },
        });
      } catch (e) {
        fail(e);
      }
    },
    setRunsMessage(m) {
      set({ runsMessage: m });
    },
    setRunsStorage(message) {
      set({ runsStorage: message });
    },
  };
};

/** The trade-off chart id of a saved run (negative: never a live run's). */
export function savedChartId(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return -1 - (Math.abs(h) % 1_000_000_000);
}

/** The key of the live run's saved record, null until it has trained or when storage is down. */
export function liveRunKey(): string | null {
  return liveKey();
}
