import type { Checkpoint } from '../models/checkpoint';
import type { Architecture } from '../models/types';
import { architecture, layerInfos } from '../models/zoo';

/**
 * One prunable layer of a checkpoint as the report reads it: the weights viewed as a grid of
 * `rows` fan-in positions × `cols` output units (row-major, the layout of the checkpoint), with the
 * mask applied (pruned entries exactly 0) and a 0/1 keep flag per entry.
 */
export interface ReportLayer {
  readonly name: string;
  readonly kind: 'dense' | 'conv2d';
  /** [in, out] (dense) or [k, k, channels, filters] (conv). */
  readonly shape: readonly number[];
  readonly rows: number;
  readonly cols: number;
  /** w ⊙ mask, rows × cols. */
  readonly w: Float32Array;
  /** b ⊙ bias mask, one per output unit. */
  readonly b: Float32Array;
  /** 1 where the weight is kept. */
  readonly keepW: Uint8Array;
  readonly keepB: Uint8Array;
}

/** The architecture a checkpoint was saved from. */
export function checkpointArchitecture(ckpt: Checkpoint): Architecture {
  const h = ckpt.header;
  return architecture(h.model, h.inputShape, h.numClasses);
}

/** The prunable layers of a checkpoint, masks applied (a checkpoint without masks keeps all). */
export function reportLayers(ckpt: Checkpoint): ReportLayer[] {
  const infos = layerInfos(checkpointArchitecture(ckpt));
  const per = ckpt.header.withMasks ? 4 : 2;
  if (ckpt.tensors.length !== infos.length * per)
    throw new Error(
      `checkpoint has ${ckpt.tensors.length} tensors, its model needs ${infos.length * per}`,
    );
  return infos.map((info, k) => {
    const w0 = ckpt.tensors[k * per]!;
    const b0 = ckpt.tensors[k * per + 1]!;
    const wm = ckpt.header.withMasks ? ckpt.tensors[k * per + 2]! : null;
    const bm = ckpt.header.withMasks ? ckpt.tensors[k * per + 3]! : null;
    const cols = info.weightShape[info.weightShape.length - 1]!;
    if (w0.length !== info.size - cols || b0.length !== cols)
      throw new Error(`checkpoint layer ${info.name} does not match its model's shape`);
    const keepW = new Uint8Array(w0.length);
    const keepB = new Uint8Array(cols);
    const w = new Float32Array(w0.length);
    const b = new Float32Array(cols);
    for (let i = 0; i < w0.length; i++) {
      keepW[i] = wm ? (wm[i]! !== 0 ? 1 : 0) : 1;
      w[i] = keepW[i] ? w0[i]! : 0;
    }
    for (let j = 0; j < cols; j++) {
      keepB[j] = bm ? (bm[j]! !== 0 ? 1 : 0) : 1;
      b[j] = keepB[j] ? b0[j]! : 0;
    }
    return {
      name: info.name,
      kind: info.kind,
      shape: info.weightShape,
      rows: w0.length / cols,
      cols,
      w,
      b,
      keepW,
      keepB,
    };
  });
}

/** Counts the ones of a 0/1 array. */
export function countKept(keep: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < keep.length; i++) n += keep[i]!;
  return n;
}
