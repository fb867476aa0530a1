import type { StateCreator } from 'zustand';
import { send } from '../port';
import type { LabState } from '../store';
import type { CheckpointEntry, Hover, ManifestInfo } from '../types';

export interface ViewSlice {
  hover: Hover | null;
  /** Built-in datasets' titles and licences (About the data). */
  manifest: readonly ManifestInfo[] | null;
  /** The shipped dense checkpoints (null until the index is read). */
  checkpoints: readonly CheckpointEntry[] | null;
  /** Sets the hovered cell and asks the worker for its history. */
  setHover(h: Hover | null): void;
  setManifest(m: readonly ManifestInfo[]): void;
  setCheckpoints(c: readonly CheckpointEntry[]): void;
}

type Slice = StateCreator<LabState, [['zustand/subscribeWithSelector', never]], [], ViewSlice>;

let queryId = 0;

export const viewSlice: Slice = (set, get) => ({
  hover: null,
  manifest: null,
  checkpoints: null,
  setHover(h) {
    const prev = get().hover;
    if (h && prev && h.layer === prev.layer && h.index === prev.index) {
      if (h.x !== prev.x || h.y !== prev.y) set({ hover: h });
      return;
    }
    set({ hover: h, connection: null });
    if (h) send({ type: 'query', id: ++queryId, layer: h.layer, index: h.index });
  },
  setManifest(manifest) {
    set({ manifest });
  },
  setCheckpoints(checkpoints) {
    set({ checkpoints });
  },
});
