/**
 * Snapshots: at least this far apart (five a second at most), and far enough that reading them
 * back costs under 5% of the time (20 × their measured cost), but never further apart than the
 * maximum, so even a slow backend refreshes the heatmap.
 */
export const MIN_SNAPSHOT_INTERVAL_MS = 200;
export const MAX_SNAPSHOT_INTERVAL_MS = 1500;
const SNAPSHOT_COST_FACTOR = 20;

/** The wait between snapshots for a measured cost (ms) of reading one back. */
export function snapshotInterval(costMs: number): number {
  return Math.min(
    MAX_SNAPSHOT_INTERVAL_MS,
    Math.max(MIN_SNAPSHOT_INTERVAL_MS, SNAPSHOT_COST_FACTOR * costMs),
  );
}

/**
 * When the worker may build the next snapshot: one in flight at a time (the page acknowledges
 * each once drawn), paced by their cost, and never twice for the same step (a second one would
 * clear the "just cut" colours the page is showing). A snapshot wanted while one is in flight
 * (at a pause, a step, the end) is remembered and goes out after the ack.
 */
export class SnapshotGate {
  private inFlight: number | null = null;
  private pending = false;
  private lastAt = -Infinity;
  private lastStep = -1;
  private costMs = 0;
  private taken = 0;
  private nextId = 0;

  /** Whether to take one now at `step` (`force`: a pause or a step wants it regardless of pace). */
  shouldTake(step: number, force: boolean, nowMs: number): boolean {
    if (this.inFlight !== null) {
      if (force) this.pending = true;
      return false;
    }
    if (step === this.lastStep) return false;
    return force || nowMs - this.lastAt >= snapshotInterval(this.costMs);
  }

  /** Records a snapshot of `step` that took `costMs` to build; returns its id. */
  record(step: number, costMs: number, nowMs: number): number {
    this.taken++;
    // The first one compiles kernels: its cost says nothing about the next ones.
    if (this.taken === 2) this.costMs = costMs;
    else if (this.taken > 2) this.costMs = 0.7 * this.costMs + 0.3 * costMs;
    this.lastAt = nowMs;
    this.lastStep = step;
    this.pending = false;
    this.inFlight = ++this.nextId;
    return this.inFlight;
  }

  /** The network changed without a step (hand surgery): the next snapshot may repeat the step. */
  again(): void {
    this.lastStep = -1;
  }

  /** The page drew snapshot `id`. Returns true when a snapshot was wanted meanwhile. */
  ack(id: number): boolean {
    if (id !== this.inFlight) return false;
    this.inFlight = null;
    const wanted = this.pending;
    this.pending = false;
    return wanted;
  }
}
