import type { StateCreator } from 'zustand';
import type { SavedUploadSummary } from '../../core/data/upload/persist';
import type {
  ParsedUpload,
  UploadChoices,
  UploadEvent,
  UploadSource,
} from '../../worker/upload/protocol';
import { assertNever } from '../../worker/protocol';
import { send } from '../port';
import type { LabState } from '../store';
import type { UploadDraft } from '../uploadDraft';
import { applyParsed, parsingDraft } from '../uploadDraft';
import { cancelUploadWork, sendUpload } from '../uploadPort';
import { uploadRunSettings } from '../uploadSettings';

export type { UploadDraft, UploadProblem } from '../uploadDraft';

export interface UploadSlice {
  draft: UploadDraft | null;
  /** Uploads kept in this browser (IndexedDB), newest first. */
  savedUploads: readonly SavedUploadSummary[];
  /** Whether uploads can be kept (null until the worker has looked), and why not. */
  storage: { readonly available: boolean | null; readonly message: string | null };
  /** A message about uploads outside the preview (storage full, a drop of several files). */
  uploadNotice: string | null;
  /** Parses a file, folder or example and shows its preview. */
  startUpload(source: UploadSource, choices?: UploadChoices): void;
  /** Parses the previewed upload again with other choices. */
  reparse(choices: UploadChoices): void;
  /** Stops a parse in flight. */
  cancelUpload(): void;
  discardUpload(): void;
  /** Switches the lab to the previewed dataset with its suggested model, trains, and saves it. */
  trainUpload(): void;
  openSaved(id: string): void;
  deleteSaved(id: string): void;
  setUploadNotice(message: string | null): void;
  receiveUpload(ev: UploadEvent): void;
}

type Slice = StateCreator<LabState, [['zustand/subscribeWithSelector', never]], [], UploadSlice>;

/** Parse ids: each parse asked for gets the next one. */
let nextId = 0;

export const uploadSlice: Slice = (set, get) => {
  const parse = (
    source: UploadSource,
    name: string,
    choices: UploadChoices,
    keep?: UploadDraft,
  ) => {
    const id = ++nextId;
    const d = parsingDraft(id, name, source, choices);
    // The last preview stays up (dimmed) while the same upload is parsed again.
    const again = keep && { kind: keep.kind, columns: keep.columns, result: keep.result };
    set({ draft: again ? { ...d, ...again } : d });
    const backend = get().backendReport?.backend ?? null;
    sendUpload({ type: 'parse', id, source, choices, backend });
  };
  /** Ends whatever the draft was waiting for with a problem. */
  const stopWaiting = (code: string, message: string) => {
    const d = get().draft;
    if (d?.parsing)
      set({ draft: { ...d, parsing: false, progress: null, error: { code, message } } });
    else set({ uploadNotice: message });
  };
  return {
    draft: null,
    savedUploads: [],
    storage: { available: null, message: null },
    uploadNotice: null,
    startUpload(source, choices = {}) {
      const name = source.kind === 'file' ? String(source.file.name) : source.name;
      set({ uploadNotice: null });
      parse(source, name, choices);
    },
    reparse(choices) {
      const d = get().draft;
      if (!d?.source) return;
      parse(d.source, d.name, choices, d);
    },
    cancelUpload() {
      const d = get().draft;
      if (!d?.parsing) return;
      cancelUploadWork();
      set({ draft: null });
    },
    discardUpload() {
      if (get().draft?.parsing) cancelUploadWork();
      set({ draft: null });
    },
    trainUpload() {
      const s = get();
      const d = s.draft;
      const r = d?.result;
      if (!d || !r || d.parsing) return;
      s.addUpload({ key: r.dataset.id, title: r.name, dataset: r.dataset });
      if (s.tab !== 'live') s.setTab('live'); // Train runs the live lab on it
      s.change(uploadRunSettings(r.dataset, s.backendReport?.backend));
      const c = get().confirm;
      if (c)
        set({ confirm: { ...c, message: `Training on ${r.name} starts a new run.`, play: true } });
      else send({ type: 'play' });
      const again = d.source?.kind === 'saved' && d.source.id === r.dataset.id;
      if (d.source && !again) {
        const { kind, name, dataset, report, warnings } = r;
        const upload = {
          kind,
          name,
          dataset,
          report,
          warnings,
          source: d.source,
          choices: d.choices,
        };
        sendUpload({ type: 'save', upload });
      }
      set({ draft: null });
    },
    openSaved(id) {
      const entry = get().savedUploads.find((u) => u.id === id);
      if (!entry) return;
      const d = parsingDraft(++nextId, entry.name, { kind: 'saved', id, name: entry.name }, {});
      set({ draft: { ...d, kind: entry.kind }, uploadNotice: null });
      sendUpload({ type: 'load', id });
    },
    deleteSaved(id) {
      sendUpload({ type: 'remove', id });
    },
    setUploadNotice(uploadNotice) {
      set({ uploadNotice });
    },
    receiveUpload(ev) {
      const s = get();
      switch (ev.type) {
        case 'storage':
          set({
            storage: { available: ev.available, message: ev.message },
            savedUploads: ev.saved,
          });
          return;
        case 'progress':
          if (s.draft?.id === ev.id && s.draft.parsing)
            set({
              draft: { ...s.draft, progress: { label: ev.label, done: ev.done, total: ev.total } },
            });
          return;
        case 'parsed':
          set({ draft: applyParsed(s.draft, ev.id, ev.outcome) });
          return;
        case 'saved':
          return; // the list follows
        case 'list':
          set({ savedUploads: ev.saved });
          return;
        case 'loaded': {
          const d = s.draft;
          const u = ev.upload;
          if (!d?.parsing || d.source?.kind !== 'saved' || d.source.id !== u.id) return;
          const { kind, name, dataset, report, warnings } = u;
          const outcome: ParsedUpload = { ok: true, kind, name, dataset, report, warnings };
          const next = applyParsed(d, d.id, outcome)!;
          set({
            draft: { ...next, source: u.choices ? d.source : null, choices: u.choices ?? {} },
          });
          return;
        }
        case 'removed': {
          const inUse = [s.config.source, s.applied?.source].some(
            (src) => src?.kind === 'upload' && src.key === ev.id,
          );
          const d = s.draft;
          set({
            savedUploads: s.savedUploads.filter((u) => u.id !== ev.id),
            uploads: inUse ? s.uploads : s.uploads.filter((u) => u.key !== ev.id),
            ...(d?.source?.kind === 'saved' && d.source.id === ev.id
              ? { draft: { ...d, source: null } }
              : {}),
          });
          return;
        }
        case 'storeError':
          if (s.draft?.parsing && s.draft.source?.kind === 'saved')
            stopWaiting('storage', ev.message);
          else set({ uploadNotice: ev.message });
          return;
        case 'failed':
          stopWaiting('worker', ev.message);
          return;
        default:
          assertNever(ev);
      }
    },
  };
};
