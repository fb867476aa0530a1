import * as tf from '@tensorflow/tfjs';
import type { PrunableLayer } from '../models/network';

export { lineIndices } from './handLines';

/** What a hand edit does to the connections it names: cut the alive ones or splice the pruned ones. */
export type HandAction = 'cut' | 'splice';

/**
 * What Undo puts back: the edited connections' mask entries and weights as they were before the
 * edit (only those: the rest of the layer keeps what training did since).
 */
export interface HandUndo {
  readonly layer: number;
  readonly indices: Uint32Array;
  readonly wMask: Float32Array;
  readonly w: Float32Array;
}

/** The outcome of one hand edit on one layer. */
export interface HandEditResult {
  /** The connections whose mask the edit flipped (already in the wanted state: left out), sorted. */
  readonly changed: Uint32Array;
  /** The changed connections' mask entries and weights before the edit. */
  readonly undo: HandUndo;
  /** Alive weights of the layer after the edit (biases apart). */
  readonly keptWeights: number;
}

/**
 * Cuts or splices the named connections of one layer by hand, between two training steps. A cut
 * sets the mask entry to 0 and, when `zeroCut` (methods that train with masked gradients and keep
 * pruned weights at zero, as TFMOT's W⊙T assignment does), the weight to 0 as well; DNS keeps the
 * weight, so its own surgery may splice the connection back once |w| > b (Guo et al. 2016, eq. 3).
 * A splice sets the mask entry to 1 and leaves the weight as it is. Indices out of range are
 * ignored. One readback of the layer's mask and weights (the Undo copy).
 */
export async function applyHandEdit(
  layer: PrunableLayer,
  indices: ArrayLike<number>,
  action: HandAction,
  opts: { readonly zeroCut: boolean },
): Promise<HandEditResult> {
  const [maskV, wV] = await Promise.all([layer.wMask.data(), layer.w.data()]);
  const mask = Float32Array.from(maskV);
  const w = Float32Array.from(wV);
  const want = action === 'cut' ? 0 : 1;
  const picked = new Set<number>();
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j]!;
    if (!Number.isInteger(i) || i < 0 || i >= mask.length) continue;
    if ((mask[i]! > 0.5 ? 1 : 0) === want) continue;
    picked.add(i);
    mask[i] = want;
    if (want === 0 && opts.zeroCut) w[i] = 0;
  }
  const changed = Uint32Array.from(picked).sort();
  const undo: HandUndo = {
    layer: layer.index,
    indices: changed,
    wMask: Float32Array.from(changed, (i) => maskV[i]!),
    w: Float32Array.from(changed, (i) => wV[i]!),
  };
  if (changed.length > 0) assignLayer(layer, mask, opts.zeroCut && want === 0 ? w : null);
  let kept = 0;
  for (let i = 0; i < mask.length; i++) kept += mask[i]! > 0.5 ? 1 : 0;
  return { changed, undo, keptWeights: kept };
}

/**
 * Puts back the mask entries and weights a hand edit changed (Undo); returns the layer's alive
 * weights after it. One readback of the layer.
 */
export async function restoreHandEdit(layer: PrunableLayer, undo: HandUndo): Promise<number> {
  const [maskV, wV] = await Promise.all([layer.wMask.data(), layer.w.data()]);
  const mask = Float32Array.from(maskV);
  const w = Float32Array.from(wV);
  undo.indices.forEach((i, j) => {
    mask[i] = undo.wMask[j]!;
    w[i] = undo.w[j]!;
  });
  if (undo.indices.length > 0) assignLayer(layer, mask, w);
  let kept = 0;
  for (let i = 0; i < mask.length; i++) kept += mask[i]! > 0.5 ? 1 : 0;
  return kept;
}

function assignLayer(layer: PrunableLayer, mask: Float32Array, w: Float32Array | null): void {
  tf.tidy(() => {
    layer.wMask.assign(tf.tensor(mask, layer.wMask.shape, 'float32'));
    if (w) layer.w.assign(tf.tensor(w, layer.w.shape, 'float32'));
  });
}

/**
 * A bounded stack of Undo copies (newest last): past `limit` the oldest is dropped, so a long
 * session of edits holds at most `limit` copies of one layer's mask and weights.
 */
export class UndoStack<T> {
  private readonly items: T[] = [];
  constructor(readonly limit: number) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.limit) this.items.shift();
  }

  pop(): T | undefined {
    return this.items.pop();
  }

  get depth(): number {
    return this.items.length;
  }

  clear(): void {
    this.items.length = 0;
  }
}
