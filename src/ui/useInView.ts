import { useCallback, useRef, useState } from 'react';

/** How near the viewport an element counts as in view (it is about to be scrolled to). */
export const IN_VIEW_MARGIN = '200px';

/**
 * Whether an element is on screen (within IN_VIEW_MARGIN of the viewport), kept current with an
 * IntersectionObserver. Returns a callback ref. True until the observer first answers, and always
 * where there is no IntersectionObserver: only a known-hidden element skips work.
 */
export function useInView<T extends Element>() {
  const observer = useRef<IntersectionObserver | null>(null);
  const [inView, setInView] = useState(true);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el || typeof IntersectionObserver !== 'function') return;
    const io = new IntersectionObserver(
      (entries) => {
        const e = entries.at(-1);
        if (e) setInView(e.isIntersecting);
      },
      { rootMargin: IN_VIEW_MARGIN },
    );
    io.observe(el);
    observer.current = io;
  }, []);
  return [ref, inView] as const;
}
