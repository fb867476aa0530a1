/** Heatmap frames drawn and the time they took (read by `npm run bench:ui`). */
export const drawStats = {
  frames: 0,
  totalMs: 0,
  maxMs: 0,
  /** Snapshots drawn (several canvases draw one snapshot in the same frame). */
  snapshots: 0,
  lastSnapshot: -1,
};

/** Records one canvas draw of snapshot `id` that took `ms`. */
export function recordDraw(id: number, ms: number): void {
  drawStats.frames++;
  drawStats.totalMs += ms;
  drawStats.maxMs = Math.max(drawStats.maxMs, ms);
  if (id !== drawStats.lastSnapshot) {
    drawStats.snapshots++;
    drawStats.lastSnapshot = id;
  }
}
