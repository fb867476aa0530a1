import * as tf from '@tensorflow/tfjs';
import type { Checkpoint } from '../models/checkpoint';
import type { Network, PrunableLayer } from '../models/network';
import { reportLayers } from '../report/layers';
import { randomMask } from './masks';

/** One layer's 0/1 masks as plain arrays: weights in the layer's row-major layout, and biases. */
export interface LayerMask {
  readonly name: string;
  readonly w: Uint8Array;
  readonly b: Uint8Array;
}

/** A whole network's masks, one entry per prunable layer, read back from the backend. */
export type MaskSet = readonly LayerMask[];

/** The masks a pruned checkpoint carries; a dense checkpoint (no masks) is an error. */
export function masksFromCheckpoint(ckpt: Checkpoint): MaskSet {
  if (!ckpt.header.withMasks)
    throw new Error(
      'the checkpoint has no masks (a dense start); give a pruned run’s checkpoint (lab run --save-checkpoint F with a pruning method)',
    );
  return reportLayers(ckpt).map((l) => ({ name: l.name, w: l.keepW, b: l.keepB }));
}

/** The network's current masks (one readback per layer). */
export async function readMasks(net: Network): Promise<MaskSet> {
  return Promise.all(
    net.layers.map(async (l) => ({
      name: l.name,
      w: Uint8Array.from(await l.wMask.data(), (v) => (v !== 0 ? 1 : 0)),
      b: Uint8Array.from(await l.bMask.data(), (v) => (v !== 0 ? 1 : 0)),
    })),
  );
}

/** Why these masks do not fit these layers (count or sizes), or null when they do. */
export function masksMismatch(masks: MaskSet, layers: readonly PrunableLayer[]): string | null {
  if (masks.length !== layers.length)
    return `the masks have ${masks.length} layers, the model has ${layers.length}`;
  for (let k = 0; k < layers.length; k++) {
    const l = layers[k]!;
    const m = masks[k]!;
    if (m.w.length !== l.w.size || m.b.length !== l.b.size)
      return `mask of layer ${k + 1} (${m.name}) has ${m.w.length}+${m.b.length} entries, ${l.name} has ${l.w.size}+${l.b.size}`;
  }
  return null;
}

/** Sets a network's masks (checked against its layers first). */
export function applyMasks(net: Network, masks: MaskSet): void {
  const why = masksMismatch(masks, net.layers);
  if (why) throw new Error(why);
  net.layers.forEach((l, k) => {
    const m = masks[k]!;
    tf.tidy(() => {
      l.wMask.assign(tf.tensor(Float32Array.from(m.w), l.wMask.shape));
      l.bMask.assign(tf.tensor(Float32Array.from(m.b), l.bMask.shape));
    });
  });
}

/** Ones in a 0/1 array. */
function ones(a: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i]!;
  return n;
}

/** Jaccard index |A∩B| / |A∪B| of two 0/1 masks of one length (1 when both keep nothing). */
export function jaccard(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error(`masks differ in length: ${a.length} vs ${b.length}`);
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.length; i++) {
    both += a[i]! & b[i]!;
    either += a[i]! | b[i]!;
  }
  return either === 0 ? 1 : both / either;
}

/** Jaccard overlap of two mask sets, per layer (weights and biases together) and over all layers. */
export function maskOverlap(
  a: MaskSet,
  b: MaskSet,
): { readonly overall: number; readonly layers: readonly number[] } {
  if (a.length !== b.length) throw new Error(`mask sets differ: ${a.length} vs ${b.length} layers`);
  let both = 0;
  let either = 0;
  const layers = a.map((la, k) => {
    const lb = b[k]!;
    const j = jaccard(concat(la), concat(lb));
    const union = ones(or(concat(la), concat(lb)));
    both += j * union;
    either += union;
    return j;
  });
  return { overall: either === 0 ? 1 : both / either, layers };
}

function concat(m: LayerMask): Uint8Array {
  const out = new Uint8Array(m.w.length + m.b.length);
  out.set(m.w);
  out.set(m.b, m.w.length);
  return out;
}

function or(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((v, i) => v | b[i]!);
}

/** Kept fraction per layer (weights and biases) and overall. */
export function maskDensity(m: MaskSet): { readonly overall: number; readonly layers: number[] } {
  let kept = 0;
  let total = 0;
  const layers = m.map((l) => {
    const k = ones(l.w) + ones(l.b);
    kept += k;
    total += l.w.length + l.b.length;
    return k / (l.w.length + l.b.length);
  });
  return { overall: total > 0 ? kept / total : 1, layers };
}

/**
 * Random masks with exactly the kept count of `like` in every layer's weights and in its biases,
 * at random places (`randomMask`, the control IMP's lottery tickets use), seeded.
 */
export async function randomMaskSetLike(like: MaskSet, seed: number): Promise<MaskSet> {
  const out: LayerMask[] = [];
  for (let k = 0; k < like.length; k++) {
    const l = like[k]!;
    const w = randomMask([l.w.length], ones(l.w), seed + 2 * k);
    const b = randomMask([l.b.length], ones(l.b), seed + 2 * k + 1);
    const [wv, bv] = await Promise.all([w.data(), b.data()]);
    w.dispose();
    b.dispose();
    out.push({ name: l.name, w: Uint8Array.from(wv), b: Uint8Array.from(bv) });
  }
  return out;
}
