import { SHADES } from '../../worker/protocol';
import type { Cells } from './paint';

/** Layout of the receptive-field tiles: one h × w tile per unit, in rows, with a gap between. */
export interface FieldGrid {
  readonly units: number;
  readonly tileH: number;
  readonly tileW: number;
  readonly perRow: number;
  readonly gap: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Tiles of `units` units of `shape` in a near-square grid (a little wider than tall), with fewer
 * tiles per row when that many would not fit in `maxWidth` pixels at one pixel per weight.
 */
export function fieldGrid(
  units: number,
  shape: readonly [number, number],
  gap = 2,
  maxWidth = Infinity,
): FieldGrid {
  const [tileH, tileW] = shape;
  const square = Math.ceil(Math.sqrt(units * 1.4 * (tileH / tileW)));
  const fit = Number.isFinite(maxWidth) ? Math.floor((maxWidth + gap) / (tileW + gap)) : square;
  const perRow = Math.max(1, Math.min(units, square, fit >= 1 ? fit : square));
  const rowsOfTiles = Math.ceil(units / perRow);
  return {
    units,
    tileH,
    tileW,
    perRow,
    gap,
    width: perRow * (tileW + gap) - gap,
    height: rowsOfTiles * (tileH + gap) - gap,
  };
}

/**
 * Paints each unit's incoming connections as an h × w image (fan-in position i = y·w + x, as the
 * flattened input is laid out), so the tile shows which pixels the unit still looks at.
 */
export function paintFields(
  out: Uint32Array,
  g: FieldGrid,
  c: Cells,
  lut: Uint32Array,
  background: number,
): void {
  out.fill(background);
  const n = g.tileH * g.tileW;
  for (let u = 0; u < Math.min(g.units, c.cols); u++) {
    const ox = (u % g.perRow) * (g.tileW + g.gap);
    const oy = Math.floor(u / g.perRow) * (g.tileH + g.gap);
    for (let i = 0; i < Math.min(n, c.rows); i++) {
      const src = i * c.cols + u;
      const px = (oy + Math.floor(i / g.tileW)) * g.width + ox + (i % g.tileW);
      out[px] = lut[c.state[src]! * SHADES + c.shade[src]!]!;
    }
  }
}

/** The unit and fan-in position under a point of the tile image (null in a gap). */
export function fieldAt(
  g: FieldGrid,
  x: number,
  y: number,
): { unit: number; input: number } | null {
  const col = Math.floor(x / (g.tileW + g.gap));
  const row = Math.floor(y / (g.tileH + g.gap));
  const tx = Math.floor(x) - col * (g.tileW + g.gap);
  const ty = Math.floor(y) - row * (g.tileH + g.gap);
  if (x < 0 || y < 0 || col >= g.perRow || tx >= g.tileW || ty >= g.tileH) return null;
  const unit = row * g.perRow + col;
  return unit < g.units ? { unit, input: ty * g.tileW + tx } : null;
}
