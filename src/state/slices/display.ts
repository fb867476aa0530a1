import type { StateCreator } from 'zustand';
import type { ThemeName } from '../../charts/theme';
import type { LabState } from '../store';

/** localStorage key of the chosen theme (absent: follow the system's prefers-color-scheme). */
export const THEME_KEY = 'pruning-lab.theme';

export interface DisplaySlice {
  /** The theme shown: the user's choice, else the system's. */
  theme: ThemeName;
  /** Whether the user chose the theme (it is remembered) rather than following the system. */
  themeChosen: boolean;
  /** Projector mode: large type, thick lines, the heatmap and one chart, controls tucked away. */
  projector: boolean;
  setTheme(theme: ThemeName): void;
  /** The system's preference changed: followed unless the user chose a theme. */
  systemTheme(theme: ThemeName): void;
  setProjector(on: boolean): void;
}

type Slice = StateCreator<LabState, [['zustand/subscribeWithSelector', never]], [], DisplaySlice>;

/** The remembered theme, if any (storage can be missing or refuse: then nothing is remembered). */
export function storedTheme(): ThemeName | null {
  try {
    const v = globalThis.localStorage?.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

function systemPrefers(): ThemeName {
  const mq = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  return mq?.matches ? 'dark' : 'light';
}

export const displaySlice: Slice = (set, get) => {
  const chosen = storedTheme();
  return {
    theme: chosen ?? systemPrefers(),
    themeChosen: chosen !== null,
    projector: false,
    setTheme(theme) {
      try {
        globalThis.localStorage?.setItem(THEME_KEY, theme);
      } catch {
        // private mode or a full store: the choice lasts for this page only
      }
      set({ theme, themeChosen: true });
    },
    systemTheme(theme) {
      if (!get().themeChosen) set({ theme });
    },
    setProjector(projector) {
      set({ projector });
      // The projector shows the live run's heatmap and accuracy: the other tabs have neither.
      if (projector && get().tab !== 'live') get().setTab('live');
    },
  };
};
