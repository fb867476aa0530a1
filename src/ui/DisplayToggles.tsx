import { useLab } from '../state/store';

/** The theme switch and projector mode, side by side in the top bar. */
export function DisplayToggles() {
  const theme = useLab((s) => s.theme);
  const projector = useLab((s) => s.projector);
  const { setTheme, setProjector } = useLab.getState();
  const dark = theme === 'dark';
  return (
    <div className="display-toggles" role="group" aria-label="Display">
      <button
        type="button"
        data-testid="theme-toggle"
        aria-pressed={dark}
        title={dark ? 'Dark theme on: switch to light' : 'Switch to the dark theme'}
        onClick={() => setTheme(dark ? 'light' : 'dark')}
      >
        <span aria-hidden="true">☾</span> Dark
      </button>
      <button
        type="button"
        data-testid="projector-toggle"
        aria-pressed={projector}
        aria-keyshortcuts="P"
        title={
          projector
            ? 'Leave projector mode (P)'
            : 'Projector mode: large type, the heatmap and one chart, settings tucked away (P)'
        }
        onClick={() => setProjector(!projector)}
      >
        Projector
      </button>
    </div>
  );
}
