import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellAt, fitScale, paintLayer } from '../../src/charts/heatmap/paint';
import { buildLut } from '../../src/charts/heatmap/palette';
import { fieldAt, fieldGrid, paintFields } from '../../src/charts/heatmap/receptiveFields';
import { CELL_STATE, SHADES } from '../../src/worker/protocol';

const lut = buildLut();

/** A rows × cols layer whose cell (i, u) has state (i + u) % 4 and shade i. */
function layer(rows: number, cols: number) {
  const state = new Uint8Array(rows * cols);
  const shade = new Uint8Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let u = 0; u < cols; u++) {
      state[i * cols + u] = (i + u) % 4;
      shade[i * cols + u] = i % SHADES;
    }
  return { rows, cols, state, shade };
}

describe('paintLayer', () => {
  it('draws one pixel per connection, x = input, y = unit', () => {
    const l = layer(5, 3);
    const out = new Uint32Array(15);
    paintLayer(out, l, lut);
    for (let i = 0; i < 5; i++)
      for (let u = 0; u < 3; u++)
        expect(out[u * 5 + i]).toBe(lut[((i + u) % 4) * SHADES + (i % SHADES)]);
  });
});

describe('cellAt', () => {
  it('finds the connection under a point of a scaled heatmap', () => {
    // 784 inputs x 300 units drawn 392 x 600 CSS pixels.
    expect(cellAt(0, 0, 392, 600, 784, 300)).toEqual({ input: 0, unit: 0, index: 0 });
    expect(cellAt(391.9, 599.9, 392, 600, 784, 300)).toEqual({
      input: 783,
      unit: 299,
      index: 783 * 300 + 299,
    });
    expect(cellAt(100, 10, 392, 600, 784, 300)).toEqual({
      input: 200,
      unit: 5,
      index: 200 * 300 + 5,
    });
    expect(cellAt(-1, 5, 392, 600, 784, 300)).toBeNull();
    expect(cellAt(392, 5, 392, 600, 784, 300)).toBeNull();
  });
});

describe('fitScale', () => {
  it('fills the box without passing 24 pixels per connection', () => {
    expect(fitScale(784, 300, 800, 300)).toBe(1);
    expect(fitScale(100, 10, 800, 150)).toBe(8);
    expect(fitScale(2, 16, 800, 300)).toBe(18.75);
    expect(fitScale(1, 1, 800, 300)).toBe(24);
    expect(fitScale(800, 500, 700, 300)).toBeCloseTo(0.6);
  });
});

describe('receptive fields', () => {
  it('tiles 300 units of 28x28 to fit the width at one pixel per weight', () => {
    const g = fieldGrid(300, [28, 28], 2, 600);
    expect(g.perRow).toBe(20);
    expect(g.width).toBeLessThanOrEqual(600);
    expect(g.height).toBe(15 * 30 - 2);
  });

  it('falls back to a near-square grid when no width is given', () => {
    const g = fieldGrid(20, [5, 5]);
    expect(g.perRow).toBeGreaterThanOrEqual(4);
    expect(g.perRow * Math.ceil(20 / g.perRow)).toBeGreaterThanOrEqual(20);
  });

  it('puts input pixel (y, x) of unit u at its place in u’s tile, and reads it back', () => {
    const c = layer(4 * 3, 7); // 4 x 3 images, 7 units
    const g = fieldGrid(7, [4, 3], 1, 12);
    const out = new Uint32Array(g.width * g.height);
    paintFields(out, g, c, lut, 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 11 }), (u, i) => {
        const x = (u % g.perRow) * (g.tileW + g.gap) + (i % 3);
        const y = Math.floor(u / g.perRow) * (g.tileH + g.gap) + Math.floor(i / 3);
        expect(out[y * g.width + x]).toBe(lut[c.state[i * 7 + u]! * SHADES + c.shade[i * 7 + u]!]);
        expect(fieldAt(g, x + 0.5, y + 0.5)).toEqual({ unit: u, input: i });
      }),
    );
    // Gaps keep the background.
    expect(fieldAt(g, g.tileW + 0.5, 0)).toBeNull();
    expect(out[g.tileW]).toBe(0);
  });

  it('colours a pruned pixel pale and an alive one dark', () => {
    const c = {
      rows: 1,
      cols: 1,
      state: new Uint8Array([CELL_STATE.pruned]),
      shade: new Uint8Array([0]),
    };
    const g = fieldGrid(1, [1, 1]);
    const out = new Uint32Array(1);
    paintFields(out, g, c, lut, 0);
    expect(out[0]).toBe(lut[0]);
  });
});
