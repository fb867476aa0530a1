import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import { conv2dValid } from './conv';
import { applyMask } from './masked';
import { maxPool } from './pool';
import type { Architecture } from './types';

/** A layer with weights, bias and a 0/1 mask for each (the masks are not trained). */
export interface PrunableLayer {
  readonly index: number;
  readonly name: string;
  readonly kind: 'dense' | 'conv2d';
  readonly w: tf.Variable;
  readonly b: tf.Variable;
  readonly wMask: tf.Variable;
  readonly bMask: tf.Variable;
  /** Inputs feeding one output unit (Caffe's fan_in). */
  readonly fanIn: number;
  /** Weights viewed as a 2-D grid for heatmaps: rows = fan-in positions, cols = output units. */
  readonly rows: number;
  readonly cols: number;
  /** Weights plus biases. */
  readonly size: number;
}

/** Weights and biases as the forward pass uses them (W⊙T, or W for the dense baseline). */
export interface EffectiveParams {
  readonly w: readonly tf.Tensor[];
  readonly b: readonly tf.Tensor[];
}

/** Caffe's `xavier` filler: U(-sqrt(3 / fan_in), +sqrt(3 / fan_in)). */
export function xavierUniform(count: number, fanIn: number, rng: Rng): Float32Array {
  const scale = Math.sqrt(3 / fanIn);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (2 * rng.next() - 1) * scale;
  return out;
}

/**
 * The initial weights `Network` gives a layer: Caffe xavier from the layer's own stream of the
 * network's `init` rng (`createRng(seed).fork('init')`), so they can be rebuilt from the seed alone.
 */
export function initialWeights(
  layer: { readonly name: string; readonly fanIn: number },
  count: number,
  initRng: Rng,
): Float32Array {
  return xavierUniform(count, layer.fanIn, initRng.fork(`init:${layer.name}`));
}

/** A feed-forward network of masked layers, built from an architecture. */
export class Network {
  readonly layers: readonly PrunableLayer[];

  constructor(
    readonly arch: Architecture,
    rng: Rng,
  ) {
    const layers: PrunableLayer[] = [];
    let shape = [...arch.inputShape];
    for (const spec of arch.layers) {
      if (spec.kind === 'flatten') {
        shape = [shape.reduce((p, q) => p * q, 1)];
      } else if (spec.kind === 'maxpool') {
        shape = [Math.floor(shape[0]! / spec.size), Math.floor(shape[1]! / spec.size), shape[2]!];
      } else if (spec.kind === 'dense') {
        if (shape.length !== 1) throw new Error(`dense layer ${spec.name} needs flat input`);
        const fanIn = shape[0]!;
        layers.push(
          this.makeLayer(
            layers.length,
            spec.name,
            'dense',
            [fanIn, spec.units],
            fanIn,
            spec.units,
            rng,
          ),
        );
        shape = [spec.units];
      } else {
        const [h, w, c] = shape as [number, number, number];
        const k = spec.kernel;
        const fanIn = k * k * c;
        layers.push(
          this.makeLayer(
            layers.length,
            spec.name,
            'conv2d',
            [k, k, c, spec.filters],
            fanIn,
            spec.filters,
            rng,
          ),
        );
        shape = [h - k + 1, w - k + 1, spec.filters];
      }
    }
    this.layers = layers;
  }

  private makeLayer(
    index: number,
    name: string,
    kind: 'dense' | 'conv2d',
    wShape: number[],
    fanIn: number,
    units: number,
    rng: Rng,
  ): PrunableLayer {
    const count = wShape.reduce((p, q) => p * q, 1);
    const init = initialWeights({ name, fanIn }, count, rng);
    // tidy frees the initial values (a variable keeps its own reference to the data).
    const vars = tf.tidy(() => ({
      w: tf.variable(tf.tensor(init, wShape), true),
      b: tf.variable(tf.zeros([units]), true),
      wMask: tf.variable(tf.ones(wShape), false),
      bMask: tf.variable(tf.ones([units]), false),
    }));
    return {
      index,
      name,
      kind,
      ...vars,
      fanIn,
      rows: count / units,
      cols: units,
      size: count + units,
    };
  }

  /** Total weights and biases of the prunable layers. */
  get paramCount(): number {
    return this.layers.reduce((s, l) => s + l.size, 0);
  }

  /** W⊙T and b⊙Tb per layer, or the raw parameters when `masked` is false (dense baseline). */
  effectiveParams(masked: boolean): EffectiveParams {
    return {
      w: this.layers.map((l) => (masked ? applyMask(l.w, l.wMask) : l.w)),
      b: this.layers.map((l) => (masked ? applyMask(l.b, l.bMask) : l.b)),
    };
  }

  /** Logits for a batch, given the effective parameters. */
  forward(x: tf.Tensor, p: EffectiveParams): tf.Tensor2D {
    let h = x;
    let k = 0;
    for (const spec of this.arch.layers) {
      if (spec.kind === 'flatten') h = tf.reshape(h, [h.shape[0]!, -1]);
      else if (spec.kind === 'maxpool') h = maxPool(h as tf.Tensor4D, spec.size);
      else {
        const w = p.w[k]!;
        const b = p.b[k]!;
        k++;
        if (spec.kind === 'dense') {
          const activation = spec.relu ? 'relu' : 'linear';
          h = tf.fused.matMul({ a: h as tf.Tensor2D, b: w as tf.Tensor2D, bias: b, activation });
        } else {
          h = tf.add(conv2dValid(h as tf.Tensor4D, w as tf.Tensor4D), b);
          if (spec.relu) h = tf.relu(h);
        }
      }
    }
    return h as tf.Tensor2D;
  }

  /** Logits with the current masks applied (or not). */
  predict(x: tf.Tensor, masked = true): tf.Tensor2D {
    return tf.tidy(() => this.forward(x, this.effectiveParams(masked)));
  }

  /** Frees every variable of the network. */
  dispose(): void {
    for (const l of this.layers) for (const v of [l.w, l.b, l.wMask, l.bMask]) v.dispose();
  }
}
