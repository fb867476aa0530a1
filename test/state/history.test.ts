import { describe, expect, it } from 'vitest';
import { RunHistory, xorSorted } from '../../src/state/history';
import type { MomentStats } from '../../src/state/history';
import { createRng } from '../../src/core/rng';
import type { LayerView, SnapshotMsg } from '../../src/worker/protocol';
import { CELL_STATE, HAND_CELL } from '../../src/worker/protocol';

const ROWS = 40;
const COLS = 25;
const N = ROWS * COLS;

/** A snapshot whose cell states come from `mask` (flipped cells since `prev` marked "just"). */
function snap(step: number, mask: Uint8Array, prev: Uint8Array | null, hand?: number): SnapshotMsg {
  const state = new Uint8Array(N);
  for (let i = 0; i < N; i++)
    state[i] =
      prev && prev[i] !== mask[i]
        ? mask[i]
          ? CELL_STATE.justSpliced
          : CELL_STATE.justCut
        : mask[i]!;
  if (hand !== undefined) state[hand] = HAND_CELL.handCut;
  const kept = mask.reduce((a, b) => a + b, 0);
  const layer: LayerView = {
    index: 0,
    name: 'fc1',
    rows: ROWS,
    cols: COLS,
    kept,
    total: N,
    histogram: { maxAbs: 1, alive: new Float32Array(48), pruned: new Float32Array(48) },
    thresholds: null,
    shadeScale: 1,
    weights: new Float32Array(N).fill(step),
    state,
    shade: new Uint8Array(N),
  };
  return { id: step, phase: 'train', step, density: kept / N, layers: [layer] };
}

function stats(s: SnapshotMsg): MomentStats {
  return {
    step: s.step,
    epoch: 0,
    density: s.density,
    kept: [s.layers[0]!.kept],
    cuts: 0,
    splices: 0,
    hand: null,
    accuracy: null,
  };
}

const aliveOf = (s: number) =>
  s === CELL_STATE.alive || s === CELL_STATE.justSpliced || s === HAND_CELL.handSpliced ? 1 : 0;

/** Records `steps` moments of random mask flips; returns the masks by step. */
function fill(h: RunHistory, steps: number, seed = 1): Map<number, Uint8Array> {
  const rng = createRng(seed);
  const masks = new Map<number, Uint8Array>();
  let mask = new Uint8Array(N).fill(1);
  let prev: Uint8Array | null = null;
  for (let t = 0; t < steps; t++) {
    const next = mask.slice();
    for (let j = 0; j < 30; j++) {
      const i = Math.floor(rng.next() * N);
      next[i] = 1 - next[i]!;
    }
    const s = snap(t * 10, next, prev);
    h.record(s, stats(s));
    masks.set(t * 10, next);
    prev = next;
    mask = next;
  }
  return masks;
}

describe('xorSorted', () => {
  it('is the symmetric difference', () =>
    expect([...xorSorted(Uint32Array.of(1, 3, 5), Uint32Array.of(3, 4))]).toEqual([1, 4, 5]));
});

describe('RunHistory', () => {
  it('rebuilds every kept moment’s masks exactly, after thinning too', () => {
    const h = new RunHistory({ maxBytes: 1e9, maxMoments: 40, keyEvery: 7 });
    const masks = fill(h, 200);
    expect(h.size).toBeLessThanOrEqual(40);
    const steps = h.steps();
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(1990);
    steps.forEach((step, i) => {
      const st = h.snapshotAt(i)!.layers[0]!.state!;
      const got = Array.from(st, aliveOf);
      expect(got, `step ${step}`).toEqual(Array.from(masks.get(step)!));
    });
  });

  it('thins out older moments and stays under its byte bound', () => {
    const maxBytes = 200_000;
    const h = new RunHistory({ maxBytes, maxMoments: 10_000, keyEvery: 5 });
    fill(h, 500);
    expect(h.byteSize).toBeLessThanOrEqual(maxBytes + N); // + the latest mask it holds
    expect(h.peakBytes).toBeLessThanOrEqual(maxBytes + N + 20_000); // one moment over, at most
    const steps = h.steps();
    // Denser near the live end than near the start.
    const gapsOld = steps[1]! - steps[0]!;
    const gapsNew = steps.at(-1)! - steps.at(-2)!;
    expect(gapsOld).toBeGreaterThan(gapsNew);
  });

  it('shows the cells a moment changed as just cut/spliced, and the hand marks', () => {
    const h = new RunHistory({ maxBytes: 1e9, maxMoments: 100, keyEvery: 100 });
    const m0 = new Uint8Array(N).fill(1);
    const m1 = m0.slice();
    m1[5] = 0;
    const a = snap(0, m0, null);
    const b = snap(1, m1, m0, 9);
    h.record(a, stats(a));
    h.record(b, stats(b));
    const st = h.snapshotAt(1)!.layers[0]!.state!;
    expect(st[5]).toBe(CELL_STATE.justCut);
    expect(st[9]).toBe(HAND_CELL.handCut);
    expect(st[6]).toBe(CELL_STATE.alive);
  });

  it('a second snapshot of the same step (a hand edit) replaces the moment', () => {
    const h = new RunHistory({ maxBytes: 1e9, maxMoments: 100, keyEvery: 3 });
    fill(h, 4);
    const m = new Uint8Array(N);
    const s = snap(30, m, null);
    h.record(s, stats(s));
    expect(h.size).toBe(4);
    expect(h.stats(3)!.density).toBe(0);
    expect(Array.from(h.snapshotAt(3)!.layers[0]!.state!, aliveOf).every((v) => v === 0)).toBe(
      true,
    );
  });
});
