import { useEffect } from 'react';
import { useLab } from '../state/store';

/** Whether a key press belongs to a form control (typing a number must not start training). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable;
}

/** Space play/pause, S one step, R reset. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const s = useLab.getState();
      if (s.confirm) return;
      if (e.key === ' ') {
        e.preventDefault();
        if (!e.repeat) s.togglePlay();
      } else if (e.key === 's' || e.key === 'S') s.step();
      else if ((e.key === 'r' || e.key === 'R') && !e.repeat) s.reset();
    };
    // A focused button would also "click" on the Space key's release: Space means play/pause.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ' && (e.target as HTMLElement | null)?.tagName === 'BUTTON')
        e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, []);
}
