import { useEffect, useLayoutEffect, useRef } from 'react';
import { recordDraw } from '../charts/heatmap/drawStats';
import { useLab } from '../state/store';
import type { SnapshotMsg } from '../worker/protocol';

/** Canvases waiting to draw the latest snapshot, in the order they asked. */
const waiting = new Set<() => void>();
let frame = 0;

/**
 * Draws every waiting canvas (three heatmaps, the receptive fields) in one animation frame, so a
 * snapshot costs one compositor commit: a trace under load showed each extra frame with a canvas
 * in it committing for 20–50 ms.
 */
function drawWaiting(): void {
  frame = 0;
  const jobs = [...waiting];
  waiting.clear();
  for (const job of jobs) job();
}

function requestDraw(job: () => void): void {
  waiting.add(job);
  if (!frame) frame = requestAnimationFrame(drawWaiting);
}

/**
 * Calls `draw` with each new snapshot in a coming animation frame, outside React (several
 * snapshots before its turn make one draw; see drawWaiting), and again whenever
 * `redrawKey` changes (a resize). `draw` returns whether it drew. While `visible` is false (the
 * canvas is scrolled out of view, see useInView) nothing is drawn; the latest snapshot is drawn
 * when it comes back into view.
 */
export function useSnapshotDraw(
  draw: (s: SnapshotMsg) => boolean,
  redrawKey: string,
  visible = true,
): void {
  const latest = useRef(draw);
  useLayoutEffect(() => {
    latest.current = draw;
  });
  useEffect(() => {
    if (!visible) return;
    const job = () => {
      const snap = useLab.getState().snapshot;
      if (!snap) return;
      const t0 = performance.now();
      if (latest.current(snap)) recordDraw(snap.id, performance.now() - t0);
    };
    const schedule = (s: SnapshotMsg | null) => {
      if (s) requestDraw(job);
    };
    schedule(useLab.getState().snapshot);
    const unsubscribe = useLab.subscribe((s) => s.snapshot, schedule);
    return () => {
      unsubscribe();
      waiting.delete(job);
    };
  }, [redrawKey, visible]);
}
