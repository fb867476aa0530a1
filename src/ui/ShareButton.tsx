import { useLab } from '../state/store';
import { SharePanel } from './SharePanel';

/** Share: opens the panel that builds a link of the current setup (not a dialog: the lab stays live). */
export function ShareButton() {
  const open = useLab((s) => s.shareOpen);
  const setOpen = useLab((s) => s.setShareOpen);
  return (
    <div
      className="share"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) setOpen(false);
      }}
    >
      <button
        type="button"
        data-testid="share"
        aria-expanded={open}
        title="Build a link of these settings"
        onClick={() => setOpen(!open)}
      >
        Share
      </button>
      {open && <SharePanel />}
    </div>
  );
}
