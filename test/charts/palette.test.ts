import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../src/core/backend';
import { START_MODES } from '../../src/core/config';
import { CELL } from '../../src/core/train/snapshot';
import type { Rgb } from '../../src/charts/heatmap/palette';
import {
  aliveRgb,
  buildLut,
  CELL_COLOURS,
  cellRgb,
  hexToRgb,
  packRgba,
} from '../../src/charts/heatmap/palette';
import { BACKEND_ORDER, CELL_STATE, SHADES, START_ORDER } from '../../src/worker/protocol';

/** Relative luminance (WCAG) of an sRGB colour. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Machado, Oliveira & Fernandes (2009) full-severity simulation matrices (linear RGB). */
const CVD: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

function simulate(rgb: Rgb, m: number[][]): number[] {
  const lin = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return m.map((row) =>
    Math.min(1, Math.max(0, row[0]! * lin[0]! + row[1]! * lin[1]! + row[2]! * lin[2]!)),
  );
}

function distance(a: number[], b: number[]): number {
  return Math.hypot(...a.map((v, i) => v - b[i]!));
}

describe('wire constants mirror the core', () => {
  it('cell states', () => expect(CELL_STATE).toEqual(CELL));
  it('backend order', () => expect([...BACKEND_ORDER]).toEqual([...BACKENDS]));
  it('start modes', () => expect([...START_ORDER]).toEqual([...START_MODES]));
});

describe('heatmap colours', () => {
  const lut = buildLut();
  const at = (state: number, shade: number) => lut[state * SHADES + shade]!;

  it('packs pixels in ImageData byte order (RGBA)', () => {
    const bytes = new Uint8Array(new Uint32Array([packRgba([1, 2, 3])]).buffer);
    expect(Array.from(bytes)).toEqual([1, 2, 3, 255]);
  });

  it('maps each state to its colour, whatever the shade', () => {
    for (const shade of [0, SHADES - 1]) {
      expect(at(CELL.pruned, shade)).toBe(packRgba(hexToRgb(CELL_COLOURS.pruned)));
      expect(at(CELL.justCut, shade)).toBe(packRgba(hexToRgb(CELL_COLOURS.justCut)));
      expect(at(CELL.justSpliced, shade)).toBe(packRgba(hexToRgb(CELL_COLOURS.justSpliced)));
    }
    expect(at(CELL.alive, 0)).toBe(packRgba(hexToRgb(CELL_COLOURS.aliveWeak)));
    expect(at(CELL.alive, SHADES - 1)).toBe(packRgba(hexToRgb(CELL_COLOURS.aliveStrong)));
  });

  it('shades alive weights darker as |w| grows', () => {
    const l = Array.from({ length: SHADES }, (_, s) => luminance(aliveRgb(s)));
    for (let s = 1; s < SHADES; s++) expect(l[s]!).toBeLessThanOrEqual(l[s - 1]!);
    expect(l[0]! - l[SHADES - 1]!).toBeGreaterThan(0.3);
  });

  it('keeps the weakest alive weight clearly darker than a pruned one', () => {
    expect(luminance(cellRgb(CELL.pruned, 0)) / luminance(aliveRgb(0))).toBeGreaterThan(2);
  });

  it.each(Object.keys(CVD))('keeps the four states apart under %s', (kind) => {
    const states = [
      cellRgb(CELL.pruned, 0),
      aliveRgb(SHADES >> 1),
      cellRgb(CELL.justCut, 0),
      cellRgb(CELL.justSpliced, 0),
    ];
    const seen = states.map((c) => simulate(c, CVD[kind]!));
    for (let i = 0; i < seen.length; i++)
      for (let j = i + 1; j < seen.length; j++)
        expect(distance(seen[i]!, seen[j]!)).toBeGreaterThan(0.08);
  });
});
