import { useEffect } from 'react';
import { useLab } from '../state/store';
import { isTyping } from './useKeyboard';

/**
 * Puts the theme and projector mode on <html> (styles.css keys off `data-theme` and
 * `data-projector`), follows the system's colour scheme until the user picks a theme, and
 * toggles projector mode with the P key.
 */
export function useDisplay(): void {
  const theme = useLab((s) => s.theme);
  const projector = useLab((s) => s.projector);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset['theme'] = theme;
    root.style.colorScheme = theme;
  }, [theme]);
  useEffect(() => {
    const root = document.documentElement;
    if (projector) root.dataset['projector'] = '';
    else delete root.dataset['projector'];
  }, [projector]);
  useEffect(() => {
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onChange = (e: MediaQueryListEvent) =>
      useLab.getState().systemTheme(e.matches ? 'dark' : 'light');
    mq?.addEventListener('change', onChange);
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e.target)) return;
      if (e.key !== 'p' && e.key !== 'P') return;
      const s = useLab.getState();
      if (!s.confirm) s.setProjector(!s.projector);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      mq?.removeEventListener('change', onChange);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
