import { useCallback, useRef, useState } from 'react';

/**
 * The content width of an element, kept current with a ResizeObserver. Returns a callback ref, so
 * it also works for elements that mount later than the component.
 */
export function useElementWidth<T extends HTMLElement>() {
  const observer = useRef<ResizeObserver | null>(null);
  const [width, setWidth] = useState(0);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    const ro = new ResizeObserver((entries) =>
      setWidth(Math.floor(entries[0]?.contentRect.width ?? 0)),
    );
    ro.observe(el);
    observer.current = ro;
  }, []);
  return [ref, width] as const;
}
