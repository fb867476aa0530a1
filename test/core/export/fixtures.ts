import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeBatch } from '../../../src/core/data/batcher';
import { loadBuiltinDataset } from '../../../src/core/data/builtin';
import type { Dataset } from '../../../src/core/data/types';
import type { Checkpoint } from '../../../src/core/models/checkpoint';
import { applyCheckpoint, readCheckpoint } from '../../../src/core/models/checkpoint';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { createRng } from '../../../src/core/rng';
import { CHECKPOINT_DIR } from '../../../src/node/checkpoints';
import { fsSource } from '../../../src/node/fsSource';

/** A shipped dense checkpoint from public/checkpoints/. */
export async function shipped(file: string): Promise<Checkpoint> {
  return readCheckpoint(new Uint8Array(await readFile(join(CHECKPOINT_DIR, file))));
}

/**
 * The checkpoint with masks: per layer, the `fraction` smallest |w| cut (magnitude pruning, Han
 * et al. 2015), and every third bias cut, so exports see weight and bias masks both.
 */
export function withMagnitudeMask(ckpt: Checkpoint, fraction: number): Checkpoint {
  const h = ckpt.header;
  if (h.withMasks) throw new Error('fixture expects a dense checkpoint');
  const params: { name: string; shape: number[] }[] = [];
  const tensors: Float32Array[] = [];
  for (let k = 0; k < h.params.length; k += 2) {
    const [pw, pb] = [h.params[k]!, h.params[k + 1]!];
    const [w, b] = [ckpt.tensors[k]!, ckpt.tensors[k + 1]!];
    const sorted = Float32Array.from(w, Math.abs).sort();
    const cut = sorted[Math.floor(fraction * (sorted.length - 1))]!;
    const wMask = Float32Array.from(w, (v) => (Math.abs(v) <= cut ? 0 : 1));
    const bMask = Float32Array.from(b, (_, i) => (i % 3 === 1 ? 0 : 1));
    const layer = pw.name.split('/')[0]!;
    params.push(
      pw,
      pb,
      { name: `${layer}/wMask`, shape: pw.shape },
      { name: `${layer}/bMask`, shape: pb.shape },
    );
    tensors.push(w, b, wMask, bMask);
  }
  return { header: { ...h, params, withMasks: true }, tensors };
}

let mnist: Promise<Dataset> | null = null;
/** MNIST as the lab loads it (loaded once per test file). */
export function loadMnist(): Promise<Dataset> {
  mnist ??= loadBuiltinDataset('mnist', fsSource());
  return mnist;
}

/** The lab's masked logits (tfjs `Network.predict`) for test examples [0, count). */
export async function labLogits(
  ckpt: Checkpoint,
  data: Dataset,
  count: number,
): Promise<Float32Array> {
  const h = ckpt.header;
  const net = new Network(
    architecture(h.model, h.inputShape, h.numClasses),
    createRng(1).fork('init'),
  );
  try {
    applyCheckpoint(net, ckpt);
    const out: Float32Array[] = [];
    for (let start = 0; start < count; start += 500) {
      const idx = Array.from({ length: Math.min(500, count - start) }, (_, i) => start + i);
      const batch = makeBatch(data, data.test, idx);
      const logits = net.predict(batch.x, true);
      out.push((await logits.data()) as Float32Array);
      tf.dispose([batch.x, batch.y, logits]);
    }
    const all = new Float32Array(out.reduce((s, a) => s + a.length, 0));
    let off = 0;
    for (const a of out) {
      all.set(a, off);
      off += a.length;
    }
    return all;
  } finally {
    net.dispose();
  }
}

/** Raw test pixels 0..255 of examples [0, count) as float32 (what the exports take). */
export function rawPixels(data: Dataset, count: number): Float32Array {
  return Float32Array.from(data.test.x.subarray(0, count * data.featureSize));
}

/** Fraction of rows whose largest logit is the label. */
export function accuracy(logits: Float32Array, classes: number, labels: Uint8Array): number {
  const n = logits.length / classes;
  let right = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++)
      if (logits[i * classes + c]! > logits[i * classes + best]!) best = c;
    if (best === labels[i]) right++;
  }
  return right / n;
}

/** Largest |a - b| over two arrays of the same length. */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths ${a.length} and ${b.length} differ`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
