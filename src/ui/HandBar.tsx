import { useEffect } from 'react';
import { useLab } from '../state/store';
import { formatInt } from './format';
import { handAllowed } from './useHandBrush';
import { isTyping } from './useKeyboard';

/**
 * Hand surgery's line above the heatmaps: how to edit, the hand's counts (apart from the
 * method's), what just happened (DNS splicing a hand cut back), and Undo (also Ctrl+Z).
 */
export function HandBar() {
  const hand = useLab((s) => s.run.hand ?? null);
  const allowed = useLab(handAllowed);
  const methodName = useLab((s) =>
    (s.applied ?? s.config).method === 'dns' ? 'DNS' : 'the method',
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z')
        return;
      if (isTyping(e.target)) return;
      const s = useLab.getState();
      if (!handAllowed(s) || !s.run.hand || s.run.hand.undoDepth === 0) return;
      e.preventDefault();
      s.handUndo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!allowed && !hand) return null;
  return (
    <div className="hand-bar" data-testid="hand-bar">
      <span className="field-hint">
        Hand surgery: click a pixel to cut it (or splice it back), drag to brush; Shift+click takes
        a unit&apos;s whole row, Alt+click an input&apos;s whole column.
      </span>
      {hand && (
        <span data-testid="hand-counts">
          By hand: <span className="cut">{formatInt(hand.cuts)} cut</span> ·{' '}
          <span className="splice">{formatInt(hand.splices)} spliced</span>
          {hand.splicedBack > 0 && (
            <>
              {' '}
              · <b data-testid="hand-spliced-back">{formatInt(hand.splicedBack)}</b> spliced back by{' '}
              {methodName} after a hand cut
            </>
          )}
        </span>
      )}
      <button
        type="button"
        data-testid="hand-undo"
        aria-keyshortcuts="Control+Z"
        title="Take the last hand edit back (Ctrl+Z)"
        disabled={!allowed || !hand || hand.undoDepth === 0}
        onClick={() => useLab.getState().handUndo()}
      >
        Undo
      </button>
      {hand && (
        <p className="hand-message" role="status" data-testid="hand-message">
          {hand.message}
        </p>
      )}
    </div>
  );
}
