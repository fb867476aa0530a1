import * as tf from '@tensorflow/tfjs';
import { Network } from '../../../src/core/models/network';
import { createRng } from '../../../src/core/rng';
import type { ReportLayer } from '../../../src/core/report/layers';
import type { architecture } from '../../../src/core/models/zoo';
import { layerInfos } from '../../../src/core/models/zoo';
import type { Architecture } from '../../../src/core/models/types';

/** Report layers of an architecture with weights w(r, c) and keep flags keep(r, c). */
export function gridLayers(
  arch: Architecture,
  keep: (layer: number, r: number, c: number) => boolean = () => true,
  w: (layer: number, r: number, c: number) => number = (l, r, c) =>
    0.01 * (1 + ((r + 3 * c + l) % 7)),
): ReportLayer[] {
  return layerInfos(arch).map((info, k) => {
    const cols = info.weightShape[info.weightShape.length - 1]!;
    const rows = (info.size - cols) / cols;
    const ww = new Float32Array(rows * cols);
    const kw = new Uint8Array(rows * cols);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        const on = keep(k, r, c);
        kw[r * cols + c] = on ? 1 : 0;
        ww[r * cols + c] = on ? w(k, r, c) : 0;
      }
    return {
      name: info.name,
      kind: info.kind,
      shape: info.weightShape,
      rows,
      cols,
      w: ww,
      b: new Float32Array(cols).fill(0.1),
      keepW: kw,
      keepB: new Uint8Array(cols).fill(1),
    };
  });
}

/** A network with random weights, biases and masks of about `keep` density. */
export function randomMasked(arch: ReturnType<typeof architecture>, keep: number, seed = 1) {
  const net = new Network(arch, createRng(seed));
  net.layers.forEach((l, k) =>
    tf.tidy(() => {
      l.b.assign(tf.randomNormal(l.b.shape, 0, 0.1, 'float32', seed + k));
      l.wMask.assign(
        tf.cast(
          tf.less(tf.randomUniform(l.w.shape, 0, 1, 'float32', seed + 10 + k), keep),
          'float32',
        ),
      );
      l.bMask.assign(
        tf.cast(
          tf.less(tf.randomUniform(l.b.shape, 0, 1, 'float32', seed + 20 + k), 0.8),
          'float32',
        ),
      );
    }),
  );
  return net;
}
