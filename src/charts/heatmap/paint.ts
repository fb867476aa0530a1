import { SHADES } from '../../worker/protocol';

/** The cells of one layer as the worker sends them (row-major: rows = fan-in, cols = units). */
export interface Cells {
  readonly rows: number;
  readonly cols: number;
  readonly state: Uint8Array;
  readonly shade: Uint8Array;
}

/**
 * Paints a layer into `out` (one pixel per connection), transposed so the image is as wide as
 * the fan-in and as tall as the layer has units: x = input, y = unit. Pure: no DOM.
 */
export function paintLayer(out: Uint32Array, c: Cells, lut: Uint32Array): void {
  const { rows, cols, state, shade } = c;
  for (let i = 0; i < rows; i++) {
    const src = i * cols;
    for (let u = 0; u < cols; u++)
      out[u * rows + i] = lut[state[src + u]! * SHADES + shade[src + u]!]!;
  }
}

/** Draws a layer onto a canvas of size rows × cols (CSS scales it, pixelated). */
export function drawLayer(ctx: CanvasRenderingContext2D, c: Cells, lut: Uint32Array): void {
  const img = ctx.createImageData(c.rows, c.cols);
  paintLayer(new Uint32Array(img.data.buffer), c, lut);
  ctx.putImageData(img, 0, 0);
}

/** The connection under a point of a heatmap drawn `cssW` × `cssH` (hover is arithmetic). */
export function cellAt(
  x: number,
  y: number,
  cssW: number,
  cssH: number,
  rows: number,
  cols: number,
): { input: number; unit: number; index: number } | null {
  if (x < 0 || y < 0 || x >= cssW || y >= cssH || cssW <= 0 || cssH <= 0) return null;
  const input = Math.min(rows - 1, Math.floor((x / cssW) * rows));
  const unit = Math.min(cols - 1, Math.floor((y / cssH) * cols));
  return { input, unit, index: input * cols + unit };
}

/**
 * CSS scale of a rows × cols heatmap in a box: as large as fits (at most 24 px per connection);
 * below 1 the browser smooths, at or above 1 it draws crisp pixels.
 */
export function fitScale(rows: number, cols: number, maxW: number, maxH: number): number {
  if (maxW <= 0 || rows <= 0 || cols <= 0) return 1;
  return Math.min(maxW / rows, maxH / cols, 24);
}
