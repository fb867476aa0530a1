import * as tf from '@tensorflow/tfjs';
import { Network } from '../core/models/network';
import type { Architecture } from '../core/models/types';
import { createRng } from '../core/rng';

/** A seeded network and batch on the current backend, ready to run forward and backward. */
export interface GradientProbe {
  /** Loss, logits and the gradients with respect to W⊙T (only the loss unless `readAll`). */
  run(readAll: boolean): Promise<Float32Array[]>;
  dispose(): void;
}

/**
 * Builds the numbers one training step depends on, on the current backend: a seeded network with
 * a third of its masks at zero (so the masked forward pass is exercised as in training) and a
 * seeded batch of the model's real input shape.
 */
export function gradientProbe(arch: Architecture, batch: number, seed = 7): GradientProbe {
  const rng = createRng(seed);
  const net = new Network(arch, rng.fork('init'));
  const mrng = rng.fork('mask');
  for (const l of net.layers) {
    const m = new Float32Array(l.w.size);
    for (let i = 0; i < m.length; i++) m[i] = mrng.next() < 0.3 ? 0 : 1;
    tf.tidy(() => l.wMask.assign(tf.tensor(m, l.w.shape)));
  }
  const d = arch.inputShape.reduce((p, q) => p * q, 1);
  const xs = new Float32Array(batch * d);
  for (let i = 0; i < xs.length; i++) xs[i] = rng.next();
  const ys = new Int32Array(batch);
  for (let i = 0; i < batch; i++) ys[i] = rng.int(arch.numClasses);
  const x = tf.tensor(xs, [batch, ...arch.inputShape]);
  const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(ys, 'int32'), arch.numClasses), 'float32'));
  const L = net.layers.length;
  return {
    async run(readAll) {
      const outs = tf.tidy(() => {
        const eff = net.effectiveParams(true);
        const kept: { logits?: tf.Tensor } = {};
        const lossOf = (...ps: tf.Tensor[]): tf.Scalar => {
          const logits = net.forward(x, { w: ps.slice(0, L), b: ps.slice(L) });
          kept.logits = tf.keep(logits);
          return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
        };
        const { value, grads } = tf.valueAndGrads(lossOf)([...eff.w, ...eff.b]);
        return [value, kept.logits!, ...grads];
      });
      try {
        const wanted = readAll ? outs : [outs[0]!];
        return await Promise.all(wanted.map((t) => t.data() as Promise<Float32Array>));
      } finally {
        tf.dispose(outs);
      }
    },
    dispose() {
      tf.dispose([x, y]);
      net.dispose();
    },
  };
}

/** Every number of one gradient probe (for comparing a backend with cpu). */
export async function probeGradients(
  arch: Architecture,
  batch: number,
  seed = 7,
): Promise<Float32Array[]> {
  const p = gradientProbe(arch, batch, seed);
  try {
    return await p.run(true);
  } finally {
    p.dispose();
  }
}

/**
 * Milliseconds of one forward and backward pass at `batch` on the current backend, after a first
 * pass that compiles the kernels for these shapes.
 */
export async function timeGradients(arch: Architecture, batch: number): Promise<number> {
  const p = gradientProbe(arch, batch, 5);
  try {
    await p.run(false);
    const t0 = performance.now();
    await p.run(false);
    return performance.now() - t0;
  } finally {
    p.dispose();
  }
}

/** Names of the arrays `probeGradients` returns, for messages. */
export function probeNames(arch: Architecture): string[] {
  const names = arch.layers.flatMap((l) =>
    l.kind === 'dense' || l.kind === 'conv2d' ? [l.name] : [],
  );
  return [
    'loss',
    'logits',
    ...names.map((n) => `${n} weight gradient`),
    ...names.map((n) => `${n} bias gradient`),
  ];
}

export interface Comparison {
  readonly ok: boolean;
  /** Largest error relative to the largest reference value of its array. */
  readonly worst: number;
  readonly where: string;
}

/** Compares a backend's probe with the cpu reference; NaN or a shape mismatch counts as a failure. */
export function compareProbes(
  ref: readonly Float32Array[],
  got: readonly Float32Array[],
  names: readonly string[],
  tolerance = 1e-2,
): Comparison {
  let worst = 0;
  let where = '';
  for (let k = 0; k < ref.length; k++) {
    const a = ref[k]!;
    const b = got[k];
    const name = names[k] ?? `array ${k}`;
    if (!b || b.length !== a.length)
      return { ok: false, worst: Infinity, where: `${name} (wrong size)` };
    let scale = 0;
    for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]!));
    let err = 0;
    for (let i = 0; i < a.length; i++) {
      const e = Math.abs(a[i]! - b[i]!);
      if (!(e <= err)) err = Number.isNaN(e) ? Infinity : e;
    }
    const rel = err / Math.max(scale, 1e-6);
    if (rel > worst || (rel === worst && !where)) {
      worst = rel;
      where = name;
    }
  }
  return { ok: worst <= tolerance, worst, where };
}
