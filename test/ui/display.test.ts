import { describe, expect, it } from 'vitest';
import { cellColours, CELL_COLOURS, hexToRgb, lutFor } from '../../src/charts/heatmap/palette';
import { THEME_KEY } from '../../src/state/slices/display';
import { useLab } from '../../src/state/store';
import { heatmapAlt, histogramAlt } from '../../src/ui/altText';
import { CELL_STATE, SHADES } from '../../src/worker/protocol';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('text alternatives of the canvases', () => {
  it('a heatmap says its shape and its kept and pruned counts', () => {
    expect(heatmapAlt('fc1', 784, 300, { kept: 4700, total: 235500 })).toBe(
      'Heatmap of fc1: 784 inputs × 300 units; 4,700 of 235,500 weights and biases kept (2.0%), 230,800 pruned.',
    );
    expect(heatmapAlt('fc3', 100, 10)).toBe(
      'Heatmap of fc3: 100 inputs × 10 units, 1,000 connections.',
    );
  });
  it('a histogram says its counts and both DNS thresholds, or the one threshold', () => {
    const h = { maxAbs: 0.5, alive: new Float32Array([3, 4]), pruned: new Float32Array([10, 0]) };
    expect(histogramAlt('fc2', h, { a: 0.1234, b: 0.2346 })).toContain(
      '7 alive and 10 pruned weights',
    );
    expect(histogramAlt('fc2', h, { a: 0.1234, b: 0.2346 })).toContain(
      'cut threshold a = 0.123, splice threshold b = 0.235',
    );
    expect(histogramAlt('fc2', undefined, { a: 0.2, b: 0.2 })).toMatch(/threshold 0\.2/);
  });
});

describe('dark heatmap palette', () => {
  it('turns lightness over: alive is lighter than pruned in dark, darker in light', () => {
    const dark = cellColours('dark');
    expect(luminance(dark.aliveStrong)).toBeGreaterThan(luminance(dark.pruned));
    expect(luminance(CELL_COLOURS.aliveStrong)).toBeLessThan(luminance(CELL_COLOURS.pruned));
  });
  it('builds one lookup table per theme, with different pruned pixels', () => {
    expect(lutFor('dark')).toBe(lutFor('dark'));
    const at = CELL_STATE.pruned * SHADES;
    expect(lutFor('dark')[at]).not.toBe(lutFor('light')[at]);
  });
});

describe('theme choice', () => {
  it('follows the system until the user chooses, then remembers the choice', () => {
    const stored = new Map<string, string>();
    Object.assign(globalThis, {
      localStorage: {
        getItem: (k: string) => stored.get(k) ?? null,
        setItem: stored.set.bind(stored),
      },
    });
    const s = useLab.getState();
    useLab.setState({ theme: 'light', themeChosen: false });
    s.systemTheme('dark');
    expect(useLab.getState().theme).toBe('dark');
    s.setTheme('light');
    expect(stored.get(THEME_KEY)).toBe('light');
    s.systemTheme('dark');
    expect(useLab.getState().theme).toBe('light');
  });
});
