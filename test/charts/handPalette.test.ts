import { describe, expect, it } from 'vitest';
import {
  buildLut,
  CELL_COLOURS,
  CELL_COLOURS_DARK,
  hexToRgb,
  legendFor,
  packRgba,
} from '../../src/charts/heatmap/palette';
import { CELL_STATE, HAND_CELL, SHADES } from '../../src/worker/protocol';

describe('hand surgery colours', () => {
  it('draws cells cut and spliced by hand in their own colours, in both themes', () => {
    for (const c of [CELL_COLOURS, CELL_COLOURS_DARK]) {
      const lut = buildLut(c);
      for (const shade of [0, SHADES - 1]) {
        expect(lut[HAND_CELL.handCut * SHADES + shade]).toBe(packRgba(hexToRgb(c.handCut)));
        expect(lut[HAND_CELL.handSpliced * SHADES + shade]).toBe(packRgba(hexToRgb(c.handSpliced)));
      }
      const others = [c.pruned, c.justCut, c.justSpliced, c.aliveStrong, c.aliveWeak];
      expect(others).not.toContain(c.handCut);
      expect(others).not.toContain(c.handSpliced);
    }
  });

  it('hand states follow the CELL states and the legend names them', () => {
    expect(HAND_CELL.handCut).toBe(Math.max(...Object.values(CELL_STATE)) + 1);
    const labels = legendFor().map((e) => e.label);
    expect(labels).toContain('cut by hand');
    expect(labels).toContain('spliced by hand');
  });
});
