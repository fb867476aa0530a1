import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import {
  applyMasks,
  jaccard,
  maskDensity,
  maskOverlap,
  randomMaskSetLike,
} from '../../../src/core/pruning/maskSet';
import type { MaskSet } from '../../../src/core/pruning/maskSet';
import { createRng } from '../../../src/core/rng';
import { backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

const u8 = (...v: number[]) => Uint8Array.from(v);

describe('Jaccard overlap', () => {
  it('is |A∩B| / |A∪B| on hand-made masks', () => {
    expect(jaccard(u8(1, 1, 0, 0), u8(1, 0, 1, 0))).toBeCloseTo(1 / 3, 12);
    expect(jaccard(u8(1, 1, 1, 0), u8(1, 1, 1, 0))).toBe(1);
    expect(jaccard(u8(1, 0, 0, 0), u8(0, 1, 0, 0))).toBe(0);
    expect(jaccard(u8(0, 0), u8(0, 0))).toBe(1);
    expect(() => jaccard(u8(1), u8(1, 0))).toThrow(/differ in length/);
  });

  it('pools layers by their unions, biases included', () => {
    const a: MaskSet = [
      { name: 'l1', w: u8(1, 1, 0, 0), b: u8(1) },
      { name: 'l2', w: u8(1, 0), b: u8(0) },
    ];
    const b: MaskSet = [
      { name: 'l1', w: u8(1, 0, 1, 0), b: u8(1) },
      { name: 'l2', w: u8(1, 0), b: u8(0) },
    ];
    const o = maskOverlap(a, b);
    // l1: ∩ = {w0, b0}, ∪ = {w0, w1, w2, b0}; l2: ∩ = ∪ = {w0}
    expect(o.layers).toEqual([0.5, 1]);
    expect(o.overall).toBeCloseTo(3 / 5, 12);
  });
});

describe('random masks of the same per-layer density', () => {
  it('keep exactly the same count in every layer’s weights and biases, elsewhere', async () => {
    const like: MaskSet = [
      {
        name: 'a',
        w: Uint8Array.from({ length: 300 }, (_, i) => (i < 37 ? 1 : 0)),
        b: u8(1, 0, 1),
      },
      {
        name: 'b',
        w: Uint8Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? 1 : 0)),
        b: u8(0, 0),
      },
    ];
    const r = await randomMaskSetLike(like, 5);
    const count = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);
    r.forEach((l, k) => {
      expect(count(l.w)).toBe(count(like[k]!.w));
      expect(count(l.b)).toBe(count(like[k]!.b));
      expect(l.w.length).toBe(like[k]!.w.length);
    });
    expect(maskDensity(r).layers).toEqual(maskDensity(like).layers);
    expect(maskOverlap(r, like).layers[0]).toBeLessThan(0.5); // moved, not copied
    expect(await randomMaskSetLike(like, 5)).toEqual(r); // seeded
  });
});

describe('applying masks', () => {
  it('refuses masks of another model with a message naming the layer', () => {
    const net = new Network(
      architecture({ id: 'mlp', hidden: [4] }, [2], 2),
      createRng(1).fork('init'),
    );
    const wrong: MaskSet = [
      { name: 'fc1', w: new Uint8Array(9), b: new Uint8Array(4) },
      { name: 'fc2', w: new Uint8Array(8), b: new Uint8Array(2) },
    ];
    expect(() => applyMasks(net, wrong)).toThrow(/layer 1 \(fc1\) has 9\+4 entries, fc1 has 8\+4/);
    expect(() => applyMasks(net, wrong.slice(1))).toThrow(/1 layers, the model has 2/);
    net.dispose();
  });
});
