import { describe, expect, it } from 'vitest';
import {
  MAX_SNAPSHOT_INTERVAL_MS,
  MIN_SNAPSHOT_INTERVAL_MS,
  SnapshotGate,
  snapshotInterval,
} from '../../src/worker/snapshotGate';

describe('SnapshotGate', () => {
  it('paces snapshots by their cost, within bounds', () => {
    expect(snapshotInterval(0)).toBe(MIN_SNAPSHOT_INTERVAL_MS);
    expect(snapshotInterval(20)).toBe(400);
    expect(snapshotInterval(1000)).toBe(MAX_SNAPSHOT_INTERVAL_MS);
  });

  it('keeps one in flight; a forced one waits for the ack', () => {
    const g = new SnapshotGate();
    expect(g.shouldTake(0, false, 0)).toBe(true);
    const id = g.record(0, 5, 0);
    expect(g.shouldTake(1, false, 10_000)).toBe(false); // in flight
    expect(g.shouldTake(1, true, 10_000)).toBe(false); // wanted: remembered
    expect(g.ack(id + 1)).toBe(false); // not the one in flight
    expect(g.ack(id)).toBe(true); // the wanted one may go now
    expect(g.shouldTake(1, true, 10_000)).toBe(true);
  });

  it('never takes two of the same step (the "just" colours stay on screen)', () => {
    const g = new SnapshotGate();
    g.ack(g.record(7, 5, 0));
    expect(g.shouldTake(7, true, 10_000)).toBe(false);
    expect(g.shouldTake(8, true, 10_000)).toBe(true);
  });

  it('ignores the first cost (kernel compilation) when pacing', () => {
    const g = new SnapshotGate();
    g.ack(g.record(0, 5_000, 0)); // compiling
    expect(g.shouldTake(1, false, MIN_SNAPSHOT_INTERVAL_MS)).toBe(true);
    g.ack(g.record(1, 50, MIN_SNAPSHOT_INTERVAL_MS)); // 50 ms: 1,000 ms apart
    expect(g.shouldTake(2, false, MIN_SNAPSHOT_INTERVAL_MS + 900)).toBe(false);
    expect(g.shouldTake(2, false, MIN_SNAPSHOT_INTERVAL_MS + 1000)).toBe(true);
  });
});
