import type { DecisionGrid } from '../../core/train/boundary';
import { OKABE_ITO } from '../theme';

/** Class colours of the decision-boundary picture (Okabe & Ito; yellow is too light for points). */
export const CLASS_COLOURS = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
] as const;

export function hexRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * RGBA pixels of the grid (one pixel per cell): the predicted class's colour over white, more
 * opaque where the model is sure. With k classes a coin toss (1/k) is white, certainty is 55%.
 */
export function boundaryPixels(
  g: DecisionGrid,
  numClasses: number,
): Uint8ClampedArray<ArrayBuffer> {
  const px = new Uint8ClampedArray(new ArrayBuffer(g.size * g.size * 4));
  const floor = 1 / Math.max(2, numClasses);
  for (let i = 0; i < g.size * g.size; i++) {
    const [r, gr, b] = hexRgb(CLASS_COLOURS[g.classes[i]! % CLASS_COLOURS.length]!);
    const sure = Math.max(0, Math.min(1, (g.confidence[i]! - floor) / (1 - floor)));
    const a = 0.12 + 0.43 * sure;
    px[4 * i] = 255 + (r - 255) * a;
    px[4 * i + 1] = 255 + (gr - 255) * a;
    px[4 * i + 2] = 255 + (b - 255) * a;
    px[4 * i + 3] = 255;
  }
  return px;
}

/** Canvas position of a point of the plane (y up). */
export function toCanvas(g: DecisionGrid, x: number, y: number, w: number, h: number) {
  return { cx: ((x - g.x0) / (g.x1 - g.x0)) * w, cy: ((g.y1 - y) / (g.y1 - g.y0)) * h };
}

/** Share of the training points drawn that fall in a cell predicting their own class. */
export function pointsAgreement(g: DecisionGrid): number {
  const n = g.labels.length;
  if (n === 0) return 0;
  let hit = 0;
  for (let i = 0; i < n; i++) {
    const col = Math.floor(((g.points[2 * i]! - g.x0) / (g.x1 - g.x0)) * g.size);
    const row = Math.floor(((g.y1 - g.points[2 * i + 1]!) / (g.y1 - g.y0)) * g.size);
    const r = Math.min(g.size - 1, Math.max(0, row));
    const c = Math.min(g.size - 1, Math.max(0, col));
    if (g.classes[r * g.size + c] === g.labels[i]) hit++;
  }
  return hit / n;
}

/** Fraction of the plane each class takes. */
export function classAreas(g: DecisionGrid, numClasses: number): number[] {
  const a = new Array<number>(numClasses).fill(0);
  for (const c of g.classes) a[c] = (a[c] ?? 0) + 1 / g.classes.length;
  return a;
}

/** Draws the grid, stretched, and the points as outlined dots. */
export function paintBoundary(
  ctx: CanvasRenderingContext2D,
  g: DecisionGrid,
  numClasses: number,
  w: number,
  h: number,
): void {
  const img = new ImageData(boundaryPixels(g, numClasses), g.size, g.size);
  const off = new OffscreenCanvas(g.size, g.size);
  off.getContext('2d')!.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.clearRect(0, 0, w, h);
  ctx.drawImage(off, 0, 0, w, h);
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#ffffff';
  for (let i = 0; i < g.labels.length; i++) {
    const { cx, cy } = toCanvas(g, g.points[2 * i]!, g.points[2 * i + 1]!, w, h);
    ctx.beginPath();
    ctx.arc(cx, cy, 3.2, 0, 2 * Math.PI);
    ctx.fillStyle = CLASS_COLOURS[g.labels[i]! % CLASS_COLOURS.length]!;
    ctx.fill();
    ctx.stroke();
  }
}
