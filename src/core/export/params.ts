import type { Checkpoint } from '../models/checkpoint';
import type { Architecture, LayerSpec } from '../models/types';
import { architecture } from '../models/zoo';
import { shapeMismatch } from '../runfile/runFile';

/** A prunable layer of a checkpoint, ready to export: weights with the mask applied, and masks. */
export interface ExportLayer {
  readonly name: string;
  readonly spec: Extract<LayerSpec, { kind: 'dense' | 'conv2d' }>;
  /** Weight shape as the lab stores it: dense [in, out], conv [kh, kw, in, out] (HWIO). */
  readonly shape: readonly number[];
  /** W⊙T: pruned entries are exactly +0. */
  readonly w: Float32Array;
  readonly b: Float32Array;
  readonly wMask: Float32Array;
  readonly bMask: Float32Array;
  /** For the first dense layer after conv layers: the [h, w, c] it flattens (NHWC order). */
  readonly flattenedFrom?: readonly [number, number, number];
}

/** The checkpoint's model, its layers and the factor the lab applies to inputs. */
export interface ExportModel {
  readonly arch: Architecture;
  readonly layers: readonly ExportLayer[];
  /** Whether the model takes images ([h, w, c], pixels 0..255 scaled by `inputScale`). */
  readonly image: boolean;
  /** What the lab multiplies stored inputs by: 1/255 for images, 1 for (standardised) features. */
  readonly inputScale: number;
  /** Whether the model has conv layers (then exports take channels-first images). */
  readonly convolutional: boolean;
}

function masked(w: Float32Array, mask: Float32Array): Float32Array {
  const out = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = mask[i] === 0 ? 0 : w[i]! * mask[i]!;
  return out;
}

/** Reads a checkpoint into export layers (masks all ones when it has none); throws on a bad one. */
export function exportModel(ckpt: Checkpoint): ExportModel {
  const bad = shapeMismatch(ckpt);
  if (bad) throw new Error(bad);
  const h = ckpt.header;
  const arch = architecture(h.model, h.inputShape, h.numClasses);
  const per = h.withMasks ? 4 : 2;
  const layers: ExportLayer[] = [];
  let shape = [...arch.inputShape];
  let flattenedFrom: [number, number, number] | undefined;
  let sawConv = false;
  for (const spec of arch.layers) {
    if (spec.kind === 'flatten') {
      if (shape.length === 3 && sawConv) flattenedFrom = shape as [number, number, number];
      shape = [shape.reduce((p, q) => p * q, 1)];
      continue;
    }
    if (spec.kind === 'maxpool') {
      shape = [Math.floor(shape[0]! / spec.size), Math.floor(shape[1]! / spec.size), shape[2]!];
      continue;
    }
    const k = layers.length;
    const t = ckpt.tensors;
    const w = t[k * per]!;
    const b = t[k * per + 1]!;
    const wMask = h.withMasks ? t[k * per + 2]! : new Float32Array(w.length).fill(1);
    const bMask = h.withMasks ? t[k * per + 3]! : new Float32Array(b.length).fill(1);
    const wShape = h.params[k * per]!.shape;
    layers.push({
      name: spec.name,
      spec,
      shape: wShape,
      w: masked(w, wMask),
      b: masked(b, bMask),
      wMask,
      bMask,
      ...(spec.kind === 'dense' && flattenedFrom ? { flattenedFrom } : {}),
    });
    if (spec.kind === 'dense') {
      flattenedFrom = undefined;
      shape = [spec.units];
    } else {
      sawConv = true;
      shape = [shape[0]! - spec.kernel + 1, shape[1]! - spec.kernel + 1, spec.filters];
    }
  }
  const image = arch.inputShape.length === 3;
  return { arch, layers, image, inputScale: image ? 1 / 255 : 1, convolutional: sawConv };
}

/**
 * A weight (or mask) in PyTorch layout: dense [out, in], conv OIHW. A dense layer fed by a
 * flattened NHWC conv output gets its input rows permuted to a channels-first (C, H, W) flatten.
 */
export function torchLayout(
  layer: ExportLayer,
  values: Float32Array,
): { shape: number[]; data: Float32Array } {
  const out = new Float32Array(values.length);
  if (layer.spec.kind === 'conv2d') {
    const [kh, kw, ci, co] = layer.shape as [number, number, number, number];
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++)
        for (let i = 0; i < ci; i++)
          for (let o = 0; o < co; o++)
            out[((o * ci + i) * kh + y) * kw + x] = values[((y * kw + x) * ci + i) * co + o]!;
    return { shape: [co, ci, kh, kw], data: out };
  }
  const [nIn, nOut] = layer.shape as [number, number];
  const row = inputRowOrder(layer);
  // out[o, j] = W[row(j), o]: j counts inputs in channels-first order
  for (let j = 0; j < nIn; j++) {
    const r = row(j);
    for (let o = 0; o < nOut; o++) out[o * nIn + j] = values[r * nOut + o]!;
  }
  return { shape: [nOut, nIn], data: out };
}

/** Maps a channels-first flat input index to the lab's (NHWC) row of a dense weight. */
function inputRowOrder(layer: ExportLayer): (j: number) => number {
  const f = layer.flattenedFrom;
  if (!f) return (j) => j;
  const [h, w, c] = f;
  return (j) => {
    const ch = Math.floor(j / (h * w));
    const rest = j % (h * w);
    const y = Math.floor(rest / w);
    const x = rest % w;
    return (y * w + x) * c + ch;
  };
}
