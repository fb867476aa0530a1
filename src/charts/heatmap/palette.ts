import { CELL_STATE as CELL, SHADES } from '../../worker/protocol';
import { COLOURS, OKABE_ITO } from '../theme';

export type Rgb = readonly [number, number, number];

/**
 * Heatmap colours (colour-blind safe: the states differ in lightness as well as hue). Alive
 * connections are ink, darker for larger |w|; pruned ones are pale grey; "just" cut and spliced
 * (since the previous snapshot shown) are Okabe-Ito vermillion and blue.
 */
export const CELL_COLOURS = {
  pruned: '#e6e6e6',
  aliveWeak: '#a3a3a3',
  aliveStrong: '#141414',
  justCut: OKABE_ITO.vermillion,
  justSpliced: OKABE_ITO.blue,
} as const;

/** Page background around receptive-field tiles. */
export const GAP_COLOUR = '#ffffff';

export function hexToRgb(hex: string): Rgb {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** One ImageData pixel as a Uint32 (ImageData is RGBA bytes; every browser is little-endian). */
export function packRgba([r, g, b]: Rgb, a = 255): number {
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** The colour of an alive connection of shade `s` in 0..SHADES-1 (weak to strong, linear). */
export function aliveRgb(s: number): Rgb {
  const t = SHADES > 1 ? Math.min(1, Math.max(0, s / (SHADES - 1))) : 1;
  const a = hexToRgb(CELL_COLOURS.aliveWeak);
  const b = hexToRgb(CELL_COLOURS.aliveStrong);
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as unknown as Rgb;
}

/** The colour of a cell in `state` (CELL) with quantised |w| `shade`. */
export function cellRgb(state: number, shade: number): Rgb {
  switch (state) {
    case CELL.pruned:
      return hexToRgb(CELL_COLOURS.pruned);
    case CELL.justCut:
      return hexToRgb(CELL_COLOURS.justCut);
    case CELL.justSpliced:
      return hexToRgb(CELL_COLOURS.justSpliced);
    default:
      return aliveRgb(shade);
  }
}

/** Lookup table indexed by `state * SHADES + shade`: one array read per pixel when drawing. */
export function buildLut(): Uint32Array {
  const lut = new Uint32Array(4 * SHADES);
  for (let state = 0; state < 4; state++)
    for (let s = 0; s < SHADES; s++) lut[state * SHADES + s] = packRgba(cellRgb(state, s));
  return lut;
}

/** Legend entries in reading order. */
export const LEGEND = [
  {
    label: 'alive (darker = larger |w|)',
    colours: [CELL_COLOURS.aliveWeak, CELL_COLOURS.aliveStrong],
  },
  { label: 'pruned', colours: [CELL_COLOURS.pruned] },
  { label: 'just cut', colours: [CELL_COLOURS.justCut] },
  { label: 'just spliced back', colours: [CELL_COLOURS.justSpliced] },
] as const;

export { COLOURS };
