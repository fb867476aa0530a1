import { useEffect, useLayoutEffect, useRef } from 'react';
import { recordDraw } from '../charts/heatmap/drawStats';
import { useLab } from '../state/store';
import type { SnapshotMsg } from '../worker/protocol';

/**
 * Calls `draw` with each new snapshot in the next animation frame, outside React (several
 * snapshots before a frame make one draw), and again whenever `redrawKey` changes (a resize).
 * `draw` returns whether it drew. The client acks a snapshot after this frame.
 */
export function useSnapshotDraw(draw: (s: SnapshotMsg) => boolean, redrawKey: string): void {
  const latest = useRef(draw);
  useLayoutEffect(() => {
    latest.current = draw;
  });
  useEffect(() => {
    let frame = 0;
    const schedule = (s: SnapshotMsg | null) => {
      if (!s || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const snap = useLab.getState().snapshot;
        if (!snap) return;
        const t0 = performance.now();
        if (latest.current(snap)) recordDraw(snap.id, performance.now() - t0);
      });
    };
    schedule(useLab.getState().snapshot);
    const unsubscribe = useLab.subscribe((s) => s.snapshot, schedule);
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [redrawKey]);
}
