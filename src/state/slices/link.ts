import type { StateCreator } from 'zustand';
import type { ControlId, DroppedKey, OpenMode, ViewId } from '../link/schema';
import type { LabState } from '../store';

export interface LinkSlice {
  /** Controls the opening link (or lesson) hides. */
  hiddenControls: readonly ControlId[];
  /** The live views shown; null for all. */
  views: readonly ViewId[] | null;
  /** How the lab opened: paused, paused for stepping, or playing. */
  openMode: OpenMode;
  /** The lesson the link names (`lesson=`), kept for the lessons menu. */
  lesson: string | null;
  /** Keys of the opening link that were not applied, and why (one notice names them all). */
  linkDropped: readonly DroppedKey[];
  /** A message about the link's data (an upload this browser does not have). */
  linkDataMessage: string | null;
  /** Whether the Share panel is open. */
  shareOpen: boolean;
  setLinkView(v: {
    hiddenControls: readonly ControlId[];
    views: readonly ViewId[] | null;
    openMode: OpenMode;
    lesson: string | null;
  }): void;
  setLinkNotice(dropped: readonly DroppedKey[], dataMessage: string | null): void;
  dismissLinkNotice(): void;
  setShareOpen(open: boolean): void;
}

type Slice = StateCreator<LabState, [['zustand/subscribeWithSelector', never]], [], LinkSlice>;

export const linkSlice: Slice = (set) => ({
  hiddenControls: [],
  views: null,
  openMode: 'paused',
  lesson: null,
  linkDropped: [],
  linkDataMessage: null,
  shareOpen: false,
  setLinkView(v) {
    set(v);
  },
  setLinkNotice(linkDropped, linkDataMessage) {
    set({ linkDropped, linkDataMessage });
  },
  dismissLinkNotice() {
    set({ linkDropped: [], linkDataMessage: null });
  },
  setShareOpen(shareOpen) {
    set({ shareOpen });
  },
});
