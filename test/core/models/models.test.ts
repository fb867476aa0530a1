import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyCheckpoint,
  readCheckpoint,
  saveCheckpoint,
} from '../../../src/core/models/checkpoint';
import { conv2dFilterGradViaConv } from '../../../src/core/models/conv';
import { maxPoolRouted } from '../../../src/core/models/pool';
import { Network } from '../../../src/core/models/network';
import { architecture, layerInfos } from '../../../src/core/models/zoo';
import { createRng } from '../../../src/core/rng';
import { arr, backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

describe('model zoo', () => {
  it('LeNet-300-100 has 266,610 parameters', () => {
    const net = new Network(architecture({ id: 'lenet300' }, [28, 28, 1], 10), createRng(1));
    expect(net.paramCount).toBe(266610);
    expect(net.layers.map((l) => l.size)).toEqual([235500, 30100, 1010]);
    net.dispose();
  });

  it('LeNet-5 (Caffe) has 431,080 parameters', () => {
    const arch = architecture({ id: 'lenet5' }, [28, 28, 1], 10);
    expect(layerInfos(arch).reduce((s, l) => s + l.size, 0)).toBe(431080);
    const net = new Network(arch, createRng(1));
    expect(net.paramCount).toBe(431080);
    const logits = net.predict(tf.zeros([2, 28, 28, 1]));
    expect(logits.shape).toEqual([2, 10]);
    tf.dispose(logits);
    net.dispose();
  });

  it('initialises like Caffe xavier: U(±sqrt(3/fan_in)), biases 0', () => {
    const net = new Network(architecture({ id: 'lenet300' }, [784], 10), createRng(1));
    const w = arr(net.layers[0]!.w);
    const bound = Math.sqrt(3 / 784);
    const maxAbs = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(maxAbs).toBeLessThanOrEqual(bound);
    expect(maxAbs).toBeGreaterThan(0.99 * bound);
    const mean = w.reduce((a, b) => a + b) / w.length;
    const variance = w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length;
    expect(variance).toBeCloseTo(1 / 784, 4); // Var U(-r, r) = r²/3 = 1/fan_in
    expect(arr(net.layers[0]!.b).every((v) => v === 0)).toBe(true);
    net.dispose();
  });

  it('the same seed gives the same weights', () => {
    const a = new Network(architecture({ id: 'mlp', hidden: [8] }, [4], 3), createRng(9));
    const b = new Network(architecture({ id: 'mlp', hidden: [8] }, [4], 3), createRng(9));
    expect(arr(a.layers[1]!.w)).toEqual(arr(b.layers[1]!.w));
    a.dispose();
    b.dispose();
  });

  it('rejects LeNet-5 on tabular data with a readable message', () => {
    expect(() => architecture({ id: 'lenet5' }, [4], 3)).toThrow(/image input/);
  });
});

describe('conv2d filter gradient via a forward conv', () => {
  it('matches the native gradients', () => {
    const rng = createRng(5);
    const x = tf.tensor4d(
      Array.from({ length: 2 * 9 * 8 * 3 }, () => rng.normal()),
      [2, 9, 8, 3],
    );
    const w = tf.tensor4d(
      Array.from({ length: 3 * 3 * 3 * 4 }, () => rng.normal()),
      [3, 3, 3, 4],
    );
    const f1 = (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid')));
    const f2 = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(conv2dFilterGradViaConv(a, b)));
    const [dx1, dw1] = tf.grads(f1)([x, w]);
    const [dx2, dw2] = tf.grads(f2)([x, w]);
    const close = (p: tf.Tensor, q: tf.Tensor) =>
      arr(p).forEach((v, i) => expect(v).toBeCloseTo(arr(q)[i]!, 3));
    close(dx1!, dx2!);
    close(dw1!, dw2!);
  });
});

describe('checkpoints', () => {
  it('round-trip weights and masks', async () => {
    const arch = architecture({ id: 'mlp', hidden: [5] }, [3], 2);
    const a = new Network(arch, createRng(1));
    tf.tidy(() =>
      a.layers[0]!.wMask.assign(tf.cast(tf.greater(tf.abs(a.layers[0]!.w), 0.3), 'float32')),
    );
    const bytes = await saveCheckpoint(a, {
      dataset: 'toy',
      withMasks: true,
      meta: { testAccuracy: 0.5 },
    });
    const b = new Network(arch, createRng(2));
    const ckpt = readCheckpoint(bytes);
    expect(ckpt.header.meta['testAccuracy']).toBe(0.5);
    applyCheckpoint(b, ckpt);
    for (let k = 0; k < 2; k++) {
      expect(arr(b.layers[k]!.w)).toEqual(arr(a.layers[k]!.w));
      expect(arr(b.layers[k]!.wMask)).toEqual(arr(a.layers[k]!.wMask));
    }
    a.dispose();
    b.dispose();
  });

  it('refuses bytes that are not a checkpoint, and shape mismatches', async () => {
    expect(() => readCheckpoint(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))).toThrow(
      /bad magic/,
    );
    const a = new Network(architecture({ id: 'mlp', hidden: [5] }, [3], 2), createRng(1));
    const b = new Network(architecture({ id: 'mlp', hidden: [6] }, [3], 2), createRng(1));
    const ckpt = readCheckpoint(await saveCheckpoint(a, { dataset: 'toy' }));
    expect(() => applyCheckpoint(b, ckpt)).toThrow(/shape/);
    a.dispose();
    b.dispose();
  });
});

describe('max-pool with a routed gradient', () => {
  it('matches the native gradient, windows of negative values included', () => {
    const rng = createRng(11);
    // 7x7 input: the last row and column fall outside the 2x2 windows and get no gradient
    const x = tf.tensor4d(
      Array.from({ length: 2 * 7 * 7 * 3 }, () => rng.normal() - 1),
      [2, 7, 7, 3],
    );
    const wts = tf.tensor4d(
      Array.from({ length: 2 * 3 * 3 * 3 }, () => rng.normal()),
      [2, 3, 3, 3],
    );
    const native = tf.grad((a: tf.Tensor) =>
      tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid'), wts)),
    )(x);
    const routed = tf.grad((a: tf.Tensor) =>
      tf.sum(tf.mul(maxPoolRouted(a as tf.Tensor4D, 2), wts)),
    )(x);
    expect(arr(routed).map((v) => v + 0)).toEqual(arr(native).map((v) => v + 0));
    expect(arr(maxPoolRouted(x, 2))).toEqual(arr(tf.maxPool(x, 2, 2, 'valid')));
  });

  it('shares the gradient of a tied window equally', () => {
    const x = tf.tensor4d([1, 1, 0, 1], [1, 2, 2, 1]);
    const g = tf.grad((a: tf.Tensor) => tf.sum(maxPoolRouted(a as tf.Tensor4D, 2)))(x);
    expect(arr(g).map((v) => Math.round(v * 1000) / 1000)).toEqual([0.333, 0.333, 0, 0.333]);
  });
});

/**
 * A reference forward pass from stock tfjs ops (tf.conv2d, tf.maxPool, tf.matMul with their own
 * registered gradients), independent of the lab's conv and pooling paths and their custom gradients.
 */
function stockForward(net: Network, x: tf.Tensor, w: tf.Tensor[], b: tf.Tensor[]): tf.Tensor {
  let h = x;
  let k = 0;
  for (const spec of net.arch.layers) {
    if (spec.kind === 'flatten') h = tf.reshape(h, [h.shape[0]!, -1]);
    else if (spec.kind === 'maxpool')
      h = tf.maxPool(h as tf.Tensor4D, spec.size, spec.size, 'valid');
    else {
      h =
        spec.kind === 'dense'
          ? tf.add(tf.matMul(h as tf.Tensor2D, w[k] as tf.Tensor2D), b[k]!)
          : tf.add(tf.conv2d(h as tf.Tensor4D, w[k] as tf.Tensor4D, 1, 'valid'), b[k]!);
      if (spec.relu) h = tf.relu(h);
      k++;
    }
  }
  return h;
}

describe('LeNet-5 gradients', () => {
  const rng = createRng(3);
  const xs = Array.from({ length: 2 * 28 * 28 }, () => rng.next());
  const labels = [3, 7];

  /** Gradients of the loss w.r.t. W⊙T and b on backend `be`, with the lab's or the stock forward. */
  async function gradsOn(net: Network, be: 'cpu' | 'wasm', forward: 'lab' | 'stock') {
    await backend(be);
    return tf.tidy(() => {
      const x = tf.tensor4d(xs, [2, 28, 28, 1]);
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
      const p = net.effectiveParams(true);
      const g = tf.grads((...ps: tf.Tensor[]) => {
        const [w, b] = [ps.slice(0, 4), ps.slice(4)];
        const logits = forward === 'lab' ? net.forward(x, { w, b }) : stockForward(net, x, w, b);
        return tf.losses.softmaxCrossEntropy(y, logits);
      })([...p.w, ...p.b]);
      return g.map((t) => arr(t));
    });
  }

  /** Sum of absolute differences over the sum of absolute reference values, per tensor. */
  function relErrors(ref: number[][], got: number[][]): number[] {
    return ref.map((r, k) => {
      const num = r.reduce((s, v, i) => s + Math.abs(v - got[k]![i]!), 0);
      return num / r.reduce((s, v) => s + Math.abs(v), 0);
    });
  }

  function lenet5WithSomeMaskedOut(): Network {
    const net = new Network(architecture({ id: 'lenet5' }, [28, 28, 1], 10), createRng(1));
    // Masks with holes, so the gradients are taken w.r.t. W⊙T as in training. (Built from host
    // values: a float mask cast from bool on cpu reads as garbage once moved to wasm in tfjs 4.22.)
    const holes = createRng(9);
    tf.tidy(() =>
      net.layers.forEach((l) => {
        const m = Float32Array.from({ length: l.w.size }, () => (holes.next() < 0.3 ? 0 : 1));
        l.wMask.assign(tf.tensor(m, l.w.shape));
      }),
    );
    return net;
  }

  it('on cpu equal the stock tfjs ops on cpu (the lab’s conv and pooling gradients)', async () => {
    const net = lenet5WithSomeMaskedOut();
    const ref = await gradsOn(net, 'cpu', 'stock');
    const got = await gradsOn(net, 'cpu', 'lab');
    for (const e of relErrors(ref, got)) expect(e).toBeLessThan(1e-4);
    net.dispose();
  });

  it('on wasm equal the cpu backend', async () => {
    const net = lenet5WithSomeMaskedOut();
    const ref = await gradsOn(net, 'cpu', 'lab');
    const got = await gradsOn(net, 'wasm', 'lab');
    for (const e of relErrors(ref, got)) expect(e).toBeLessThan(1e-3);
    await backend('cpu');
    net.dispose();
  });
});
