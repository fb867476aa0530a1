import type { DecodedImage } from './types';

/** For each output index: the first source index, the tap count, and `taps` weights. */
interface AxisWeights {
  readonly start: Int32Array;
  readonly count: Int32Array;
  readonly taps: number;
  readonly w: Float32Array;
}

/**
 * Resampling weights along one axis: area averaging when shrinking (each output pixel is the mean
 * of the source pixels it covers, so thin strokes survive), linear interpolation when growing.
 */
function axisWeights(from: number, to: number): AxisWeights {
  const scale = from / to;
  const taps = scale > 1 ? Math.ceil(scale) + 1 : 2;
  const start = new Int32Array(to);
  const count = new Int32Array(to);
  const w = new Float32Array(to * taps);
  for (let o = 0; o < to; o++) {
    if (scale > 1) {
      const lo = o * scale;
      const hi = lo + scale;
      const first = Math.floor(lo);
      let n = 0;
      for (let i = first; i < hi && i < from; i++, n++)
        w[o * taps + n] = (Math.min(hi, i + 1) - Math.max(lo, i)) / scale;
      start[o] = first;
      count[o] = n;
    } else {
      const c = Math.min(from - 1, Math.max(0, (o + 0.5) * scale - 0.5));
      const i0 = Math.floor(c);
      const t = c - i0;
      start[o] = i0;
      count[o] = i0 + 1 < from ? 2 : 1;
      w[o * taps] = count[o] === 2 ? 1 - t : 1;
      w[o * taps + 1] = count[o] === 2 ? t : 0;
    }
  }
  return { start, count, taps, w };
}

/**
 * Resizes to `height` x `width` RGB. Alpha is premultiplied, so transparent pixels become black
 * (0, MNIST's background). Returns the pixels and whether every one is gray (r = g = b).
 */
export function resizeToRgb(
  img: DecodedImage,
  height: number,
  width: number,
): { rgb: Uint8Array; gray: boolean } {
  const { width: W, height: H, channels: C, pixels } = img;
  const xs = axisWeights(W, width);
  const ys = axisWeights(H, height);
  const color = C >= 3;
  const hasAlpha = C === 2 || C === 4;
  // Horizontal pass: H rows of `width` premultiplied RGB values.
  const tmp = new Float32Array(H * width * 3);
  for (let y = 0; y < H; y++)
    for (let ox = 0; ox < width; ox++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < xs.count[ox]!; k++) {
        const p = (y * W + xs.start[ox]! + k) * C;
        const wt = xs.w[ox * xs.taps + k]! * (hasAlpha ? pixels[p + C - 1]! / 255 : 1);
        r += wt * pixels[p]!;
        g += wt * pixels[p + (color ? 1 : 0)]!;
        b += wt * pixels[p + (color ? 2 : 0)]!;
      }
      const t = (y * width + ox) * 3;
      tmp[t] = r;
      tmp[t + 1] = g;
      tmp[t + 2] = b;
    }
  const rgb = new Uint8Array(height * width * 3);
  let gray = true;
  for (let oy = 0; oy < height; oy++)
    for (let ox = 0; ox < width; ox++) {
      const o = (oy * width + ox) * 3;
      for (let ch = 0; ch < 3; ch++) {
        let v = 0;
        for (let k = 0; k < ys.count[oy]!; k++)
          v += ys.w[oy * ys.taps + k]! * tmp[((ys.start[oy]! + k) * width + ox) * 3 + ch]!;
        rgb[o + ch] = Math.min(255, Math.max(0, Math.round(v)));
      }
      if (rgb[o] !== rgb[o + 1] || rgb[o] !== rgb[o + 2]) gray = false;
    }
  return { rgb, gray };
}

/** RGB to one gray channel with ITU-R BT.601 luma weights (what browsers and PIL use). */
export function rgbToGray(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgb.length / 3);
  for (let i = 0; i < out.length; i++)
    out[i] = Math.round(0.299 * rgb[3 * i]! + 0.587 * rgb[3 * i + 1]! + 0.114 * rgb[3 * i + 2]!);
  return out;
}

/** Repacks canvas RGBA into `channels` samples per pixel (gray takes red: r = g = b there). */
export function packRgba(
  rgba: Uint8Array | Uint8ClampedArray,
  channels: 1 | 2 | 3 | 4,
): Uint8Array {
  const n = rgba.length / 4;
  if (channels === 4) return new Uint8Array(rgba);
  const out = new Uint8Array(n * channels);
  const pick = channels === 1 ? [0] : channels === 2 ? [0, 3] : [0, 1, 2];
  for (let i = 0; i < n; i++)
    for (let k = 0; k < channels; k++) out[i * channels + k] = rgba[i * 4 + pick[k]!]!;
  return out;
}
