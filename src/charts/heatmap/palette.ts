import { CELL_STATE as CELL, HAND_CELL, SHADES } from '../../worker/protocol';
import type { ThemeName } from '../theme';
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
  // Hand surgery (HAND_CELL): connections the user cut or spliced, still as the hand left them.
  handCut: OKABE_ITO.reddishPurple,
  handSpliced: OKABE_ITO.bluishGreen,
} as const;

export type CellColours = { readonly [K in keyof typeof CELL_COLOURS]: string };

/**
 * The dark theme's heatmap: the same meanings with lightness turned over (alive is light, pruned
 * near the page), and sky blue for splices, which Okabe-Ito blue would lose on a dark page.
 */
export const CELL_COLOURS_DARK: CellColours = {
  pruned: '#30343a',
  aliveWeak: '#7d838c',
  aliveStrong: '#f4f4f4',
  justCut: OKABE_ITO.vermillion,
  justSpliced: OKABE_ITO.skyBlue,
  handCut: OKABE_ITO.reddishPurple,
  handSpliced: OKABE_ITO.bluishGreen,
};

/** The heatmap colours of a theme. */
export function cellColours(theme: ThemeName): CellColours {
  return theme === 'dark' ? CELL_COLOURS_DARK : CELL_COLOURS;
}

/** Page background around receptive-field tiles. */
export const GAP_COLOUR = '#ffffff';
/** The dark theme's page colour around receptive-field tiles. */
export const GAP_COLOUR_DARK = '#1f2226';

export function hexToRgb(hex: string): Rgb {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** One ImageData pixel as a Uint32 (ImageData is RGBA bytes; every browser is little-endian). */
export function packRgba([r, g, b]: Rgb, a = 255): number {
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** The colour of an alive connection of shade `s` in 0..SHADES-1 (weak to strong, linear). */
export function aliveRgb(s: number, c: CellColours = CELL_COLOURS): Rgb {
  const t = SHADES > 1 ? Math.min(1, Math.max(0, s / (SHADES - 1))) : 1;
  const a = hexToRgb(c.aliveWeak);
  const b = hexToRgb(c.aliveStrong);
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as unknown as Rgb;
}

/** The colour of a cell in `state` (CELL) with quantised |w| `shade`. */
export function cellRgb(state: number, shade: number, c: CellColours = CELL_COLOURS): Rgb {
  switch (state) {
    case CELL.pruned:
      return hexToRgb(c.pruned);
    case CELL.justCut:
      return hexToRgb(c.justCut);
    case CELL.justSpliced:
      return hexToRgb(c.justSpliced);
    case HAND_CELL.handCut:
      return hexToRgb(c.handCut);
    case HAND_CELL.handSpliced:
      return hexToRgb(c.handSpliced);
    default:
      return aliveRgb(shade, c);
  }
}

/** Cell states the table covers: CELL's four and hand surgery's two. */
const CELL_STATES = 6;

/** Lookup table indexed by `state * SHADES + shade`: one array read per pixel when drawing. */
export function buildLut(c: CellColours = CELL_COLOURS): Uint32Array {
  const lut = new Uint32Array(CELL_STATES * SHADES);
  for (let state = 0; state < CELL_STATES; state++)
    for (let s = 0; s < SHADES; s++) lut[state * SHADES + s] = packRgba(cellRgb(state, s, c));
  return lut;
}

const LUTS: Partial<Record<ThemeName, Uint32Array>> = {};

/** The lookup table of a theme, built once. */
export function lutFor(theme: ThemeName): Uint32Array {
  return (LUTS[theme] ??= buildLut(cellColours(theme)));
}

/** Legend entries in reading order, in a theme's colours. */
export function legendFor(c: CellColours = CELL_COLOURS) {
  const dark = c === CELL_COLOURS_DARK;
  return [
    {
      id: 'alive',
      label: `alive (${dark ? 'lighter' : 'darker'} = larger |w|)`,
      colours: [c.aliveWeak, c.aliveStrong],
    },
    { id: 'pruned', label: 'pruned', colours: [c.pruned] },
    { id: 'justCut', label: 'just cut', colours: [c.justCut] },
    { id: 'justSpliced', label: 'just spliced back', colours: [c.justSpliced] },
    { id: 'handCut', label: 'cut by hand', colours: [c.handCut] },
    { id: 'handSpliced', label: 'spliced by hand', colours: [c.handSpliced] },
  ] as const;
}

/** Legend entries of the light theme. */
export const LEGEND = legendFor();

export { COLOURS };
