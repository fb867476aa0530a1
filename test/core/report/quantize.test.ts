import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dequantizeGrid, quantizeGrid } from '../../../src/core/report/quantize';

describe('int8 quantization', () => {
  it('takes one scale per output channel: max|w| / 127', () => {
    // rows × cols = 2 × 2, channel 0: [1.27, -0.5], channel 1: [0, -2.54]
    const g = quantizeGrid(Float32Array.from([1.27, 0, -0.5, -2.54]), 2, 2);
    expect(Array.from(g.scales)).toEqual([Math.fround(0.01), Math.fround(0.02)]);
    expect(Array.from(g.q)).toEqual([127, 0, -50, -127]);
  });

  it('per layer takes one scale for the whole grid', () => {
    const g = quantizeGrid(Float32Array.from([1.27, 0, -0.5, -2.54]), 2, 2, 'layer');
    expect(g.scales.length).toBe(1);
    expect(g.scales[0]).toBeCloseTo(0.02, 7);
    expect(Array.from(g.q)).toEqual([64, 0, -25, -127]);
  });

  it('round-trips within half a step (per channel and per layer), zeros stay zero', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -4, max: 4, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.constantFrom<'channel' | 'layer'>('channel', 'layer'),
        (vals, gran) => {
          const w = Float32Array.from(vals);
          w[5] = 0;
          const g = quantizeGrid(w, 4, 3, gran);
          const back = dequantizeGrid(g, 3);
          for (let i = 0; i < w.length; i++) {
            const s = g.scales[gran === 'channel' ? i % 3 : 0]!;
            expect(Math.abs(back[i]! - w[i]!)).toBeLessThanOrEqual(s / 2 + 1e-6);
          }
          expect(back[5]).toBe(0);
        },
      ),
    );
  });
});
