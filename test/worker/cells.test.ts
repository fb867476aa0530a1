import { describe, expect, it } from 'vitest';
import { layerView, quantizeShades, shadeScale } from '../../src/worker/cells';
import type { SnapshotMsg } from '../../src/worker/protocol';
import { SHADES, snapshotTransfer } from '../../src/worker/protocol';

describe('shades', () => {
  it('scales to the bin where 99% of the alive weights are', () => {
    const alive = new Float32Array(10);
    alive[0] = 990;
    alive[9] = 10;
    expect(shadeScale({ maxAbs: 1, alive, pruned: new Float32Array(10) })).toBeCloseTo(0.1);
    expect(
      shadeScale({ maxAbs: 2, alive: new Float32Array(10), pruned: new Float32Array(10) }),
    ).toBe(2);
  });

  it('quantises |w| and clamps above the scale', () => {
    const q = quantizeShades(new Float32Array([0, -0.5, 0.999, 5, -5]), 1);
    expect(Array.from(q)).toEqual([0, SHADES / 2, SHADES - 1, SHADES - 1, SHADES - 1]);
  });

  it('adds shades only where a layer has cells, and moves every buffer once', () => {
    const h = { maxAbs: 1, alive: new Float32Array([1, 1]), pruned: new Float32Array([0, 0]) };
    const base = {
      index: 0,
      name: 'l',
      kind: 'dense' as const,
      rows: 2,
      cols: 1,
      kept: 2,
      total: 3,
      histogram: h,
      thresholds: null,
    };
    const withCells = layerView({
      ...base,
      weights: new Float32Array([0.1, -1]),
      state: new Uint8Array([1, 1]),
    });
    expect(withCells.shade).toBeDefined();
    expect(layerView(base).shade).toBeUndefined();
    const msg: SnapshotMsg = {
      id: 1,
      phase: 'train',
      step: 3,
      density: 0.5,
      layers: [withCells, layerView(base)],
    };
    const buffers = snapshotTransfer(msg);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toContain(withCells.weights!.buffer);
    expect(buffers).toContain(withCells.shade!.buffer);
  });
});
