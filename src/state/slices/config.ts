import type { StateCreator } from 'zustand';
import { buildSpec, changeKind, datasetDefaults, DEFAULT_CONFIG, sourceId } from '../configRules';
import { send } from '../port';
import { withMaskSource, withResume } from '../runs/records';
import type { LabState } from '../store';
import type { BackendRequest, LabConfig, PendingConfirm, UploadedDataset } from '../types';

export interface ConfigSlice {
  /** The settings as the controls show them. */
  config: LabConfig;
  /** The settings the current run was built with (null before the first build). */
  applied: LabConfig | null;
  /** Settings changed during a run that apply on the next Reset. */
  pending: boolean;
  backend: BackendRequest;
  /** Steps per second, null for full speed. */
  speed: number | null;
  confirm: PendingConfirm | null;
  /** Datasets the user uploaded (issue 5 adds them; the worker gets them whole). */
  uploads: readonly UploadedDataset[];
  /** Changes settings: learning rate at once, data and model after asking, the rest on a rebuild. */
  change(patch: Partial<LabConfig>): void;
  chooseBackend(backend: BackendRequest): void;
  setSpeed(stepsPerSecond: number | null): void;
  confirmChange(): void;
  cancelChange(): void;
  /** Builds a fresh run from the current settings (step 0). */
  configure(): void;
  addUpload(u: UploadedDataset): void;
  removeUpload(key: string): void;
}

type Slice = StateCreator<LabState, [['zustand/subscribeWithSelector', never]], [], ConfigSlice>;

/** A run the user would lose: it has trained and has not finished. */
export function inProgress(s: Pick<LabState, 'run'>): boolean {
  const st = s.run.status;
  return s.run.step > 0 && st !== 'done' && st !== 'error' && st !== 'loading';
}

/**
 * A dataset change also brings that dataset's model, budget and batch defaults; settings the patch
 * names itself win over them (an upload brings its suggested model and a short pre-train).
 */
export function withDatasetDefaults(config: LabConfig, patch: Partial<LabConfig>): LabConfig {
  const next = { ...config, ...patch };
  if (patch.source && sourceId(config) !== sourceId(next)) {
    const d = datasetDefaults(sourceId(next));
    return { ...next, ...d, ...patch, methodConfig: patch.methodConfig ?? {} };
  }
  if (patch.model && JSON.stringify(patch.model) !== JSON.stringify(config.model))
    return { ...next, methodConfig: patch.methodConfig ?? {} }; // old per-layer settings no longer fit
  if (patch.method && patch.method !== config.method)
    return { ...next, methodConfig: patch.methodConfig ?? {} };
  return next;
}

let timer: ReturnType<typeof setTimeout> | null = null;
/** Milliseconds a burst of edits (typing a number) waits before the run is rebuilt. */
export const REBUILD_DEBOUNCE_MS = 300;

export const configSlice: Slice = (set, get) => {
  const rebuildSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      get().configure();
    }, REBUILD_DEBOUNCE_MS);
  };
  return {
    config: DEFAULT_CONFIG,
    applied: null,
    pending: false,
    backend: 'auto',
    speed: null,
    confirm: null,
    uploads: [],
    change(patch) {
      const s = get();
      const kind = changeKind(patch);
      if (kind === 'live') {
        set({ config: { ...s.config, ...patch } });
        if (patch.lr !== undefined)
          send({ type: 'setLr', lr: patch.lr ?? (s.config.optimizer === 'adam' ? 1e-3 : 0.01) });
        return;
      }
      if (kind === 'confirm' && inProgress(s)) {
        set({ confirm: { message: 'Changing the data or the model starts a new run.', patch } });
        return;
      }
      set({ config: withDatasetDefaults(s.config, patch) });
      if (inProgress(s)) set({ pending: true });
      else if (kind === 'confirm') get().configure();
      else rebuildSoon();
    },
    chooseBackend(backend) {
      const s = get();
      if (backend === s.backend) return;
      if (inProgress(s)) {
        set({
          confirm: { message: 'Switching the backend starts a new run.', patch: {}, backend },
        });
        return;
      }
      set({ backend });
      get().configure();
    },
    setSpeed(speed) {
      set({ speed });
      send({ type: 'setSpeed', stepsPerSecond: speed });
    },
    confirmChange() {
      const c = get().confirm;
      if (!c) return;
      set((s) => ({
        confirm: null,
        config: withDatasetDefaults(s.config, c.patch),
        ...(c.backend ? { backend: c.backend } : {}),
      }));
      get().configure();
      if (c.play) send({ type: 'play' });
    },
    cancelChange() {
      set({ confirm: null });
    },
    configure() {
      if (timer) clearTimeout(timer);
      timer = null;
      const s = get();
      try {
        // Continue a saved run: its weights start the run while model and data still match.
        const run = withMaskSource(
          withResume(buildSpec(s.config, s.uploads), s.resumeFrom),
          s.maskFrom,
        );
        set({
          applied: s.config,
          pending: false,
          ...(run.resume ? {} : { resumeFrom: null }),
          ...(run.masks ? {} : { maskFrom: null }),
        });
        send({ type: 'configure', run, backend: s.backend });
      } catch (e) {
        set({ appError: e instanceof Error ? e.message : String(e) });
      }
    },
    addUpload(u) {
      set((s) => ({ uploads: [...s.uploads.filter((x) => x.key !== u.key), u] }));
    },
    removeUpload(key) {
      set((s) => ({ uploads: s.uploads.filter((x) => x.key !== key) }));
    },
  };
};
