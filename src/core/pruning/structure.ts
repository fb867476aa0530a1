import * as tf from '@tensorflow/tfjs';
import type { Architecture } from '../models/types';
import type { PrunableLayer } from '../models/network';

/**
 * What removing whole units costs and saves. A unit is a neuron of a dense layer or a filter of a
 * conv layer; removing it deletes its incoming weights and bias and makes dead the inputs of the
 * next layer that read it (one row of a dense layer, a k·k slice of a conv, or the h·w positions a
 * flattened feature map gives the first dense layer).
 */

/** Per prunable layer: its units, and how many weight rows of it each upstream unit feeds. */
export interface LayerGeometry {
  readonly name: string;
  readonly kind: 'dense' | 'conv2d';
  /** Neurons or filters. */
  readonly units: number;
  /** Weight rows (fan-in positions) per unit of the previous prunable layer; 0 for the first layer. */
  readonly rowsPerInput: number;
  /** Weight rows of the first layer (its input is not prunable); 0 for the others. */
  readonly inputRows: number;
  /** Output positions per unit (conv: h·w of its feature map; dense: 1): MACs per weight. */
  readonly positions: number;
}

/** Geometry of an architecture's prunable layers (channels-last flatten, as the zoo builds). */
export function layerGeometry(arch: Architecture): LayerGeometry[] {
  const out: LayerGeometry[] = [];
  let shape = [...arch.inputShape];
  let prevUnits = 0;
  for (const s of arch.layers) {
    if (s.kind === 'flatten') shape = [shape.reduce((p, q) => p * q, 1)];
    else if (s.kind === 'maxpool')
      shape = [Math.floor(shape[0]! / s.size), Math.floor(shape[1]! / s.size), shape[2]!];
    else {
      const rows = s.kind === 'dense' ? shape[0]! : s.kernel * s.kernel * (shape[2] ?? 1);
      const units = s.kind === 'dense' ? s.units : s.filters;
      let positions = 1;
      if (s.kind === 'conv2d') {
        shape = [shape[0]! - s.kernel + 1, shape[1]! - s.kernel + 1, s.filters];
        positions = shape[0]! * shape[1]!;
      } else shape = [s.units];
      out.push({
        name: s.name,
        kind: s.kind,
        units,
        rowsPerInput: prevUnits > 0 ? rows / prevUnits : 0,
        inputRows: prevUnits > 0 ? 0 : rows,
        positions,
      });
      prevUnits = units;
    }
  }
  return out;
}

/** The same geometry read off live layers: row r of a layer reads unit r mod (previous units). */
export function geometryOfLayers(layers: readonly PrunableLayer[]): LayerGeometry[] {
  return layers.map((l, k) => {
    const prev = k > 0 ? layers[k - 1]!.cols : 0;
    if (prev > 0 && l.rows % prev !== 0)
      throw new Error(`layer ${l.name}: ${l.rows} inputs do not divide among ${prev} units`);
    return {
      name: l.name,
      kind: l.kind,
      units: l.cols,
      rowsPerInput: prev > 0 ? l.rows / prev : 0,
      inputRows: prev > 0 ? 0 : l.rows,
      positions: 1,
    };
  });
}

/** Parameters (weights + biases) and multiply-accumulates of one inference, dense vs kept. */
export interface StructuredCost {
  readonly denseParams: number;
  readonly keptParams: number;
  readonly denseMacs: number;
  readonly keptMacs: number;
  /** FLOPs counted as 2 per multiply-accumulate. */
  readonly denseFlops: number;
  readonly keptFlops: number;
}

/**
 * The real drop from keeping `keptUnits[l]` units of each layer: a layer's weights shrink with its
 * own kept units and with the kept units of the layer before it (dead inputs), its MACs likewise.
 */
export function structuredCost(
  geometry: readonly LayerGeometry[],
  keptUnits: readonly number[],
): StructuredCost {
  let denseParams = 0;
  let keptParams = 0;
  let denseMacs = 0;
  let keptMacs = 0;
  geometry.forEach((g, l) => {
    const prevAll = l > 0 ? geometry[l - 1]!.units : 0;
    const prevKept = l > 0 ? keptUnits[l - 1]! : 0;
    const rowsAll = l > 0 ? g.rowsPerInput * prevAll : g.inputRows;
    const rowsKept = l > 0 ? g.rowsPerInput * prevKept : g.inputRows;
    const u = keptUnits[l]!;
    denseParams += rowsAll * g.units + g.units;
    keptParams += rowsKept * u + u;
    denseMacs += rowsAll * g.units * g.positions;
    keptMacs += rowsKept * u * g.positions;
  });
  return {
    denseParams,
    keptParams,
    denseMacs,
    keptMacs,
    denseFlops: 2 * denseMacs,
    keptFlops: 2 * keptMacs,
  };
}

/** Units per layer that still have a kept incoming weight or bias (one small readback). */
export async function aliveUnits(layers: readonly PrunableLayer[]): Promise<number[]> {
  const t = tf.tidy(() =>
    tf.stack(
      layers.map((l) => {
        const cols = tf.add(tf.sum(tf.reshape(l.wMask, [-1, l.cols]), 0), l.bMask);
        return tf.sum(tf.cast(tf.greater(cols, 0), 'float32'));
      }),
    ),
  );
  const v = await t.data();
  t.dispose();
  return Array.from(v);
}

/**
 * 0/1 weight masks for keeping the units marked in `unitKeep` (one 1-D 0/1 tensor per layer):
 * a column per kept unit, a row per kept upstream unit (row r reads unit r mod previous units).
 */
export function unitMasks(
  layers: readonly PrunableLayer[],
  unitKeep: readonly tf.Tensor[],
): tf.Tensor[] {
  return tf.tidy(() =>
    layers.map((l, k) => {
      const rows =
        k === 0 ? tf.ones([l.rows]) : tf.tile(unitKeep[k - 1]!, [l.rows / layers[k - 1]!.cols]);
      const m = tf.mul(tf.reshape(rows, [l.rows, 1]), tf.reshape(unitKeep[k]!, [1, l.cols]));
      return tf.reshape(m, l.w.shape);
    }),
  );
}
