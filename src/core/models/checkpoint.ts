import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import type { Network } from './network';

const MAGIC = 0x4b434c50; // "PLCK" little-endian
const FORMAT_VERSION = 1;

/** What a weights file says of the network it belongs to (checkpoints and the report's files). */
export const networkHeaderFields = {
  model: z.object({
    id: z.enum(['lenet300', 'lenet5', 'mlp']),
    hidden: z.array(z.number().int().positive()).optional(),
  }),
  dataset: z.string(),
  inputShape: z.array(z.number().int().positive()),
  numClasses: z.number().int().positive(),
};

const headerSchema = z.object({
  format: z.literal('pruning-lab-checkpoint'),
  version: z.literal(FORMAT_VERSION),
  ...networkHeaderFields,
  params: z.array(z.object({ name: z.string(), shape: z.array(z.number().int().nonnegative()) })),
  withMasks: z.boolean(),
  meta: z.record(z.string(), z.unknown()),
});

/** What a checkpoint file says about itself. */
export type CheckpointHeader = z.infer<typeof headerSchema>;

/** A checkpoint read from bytes: the header and one Float32Array per parameter, in order. */
export interface Checkpoint {
  readonly header: CheckpointHeader;
  readonly tensors: readonly Float32Array[];
}

function layerTensors(net: Network, withMasks: boolean) {
  return net.layers.flatMap((l) => [
    { name: `${l.name}/w`, v: l.w },
    { name: `${l.name}/b`, v: l.b },
    ...(withMasks
      ? [
          { name: `${l.name}/wMask`, v: l.wMask },
          { name: `${l.name}/bMask`, v: l.bMask },
        ]
      : []),
  ]);
}

/**
 * Serialises a network: "PLCK", format version, header length (u32 LE each), the JSON header,
 * zero padding to 4 bytes, then every tensor as little-endian float32 in header order.
 */
export async function saveCheckpoint(
  net: Network,
  info: { dataset: string; withMasks?: boolean; meta?: Record<string, unknown> },
): Promise<Uint8Array> {
  const withMasks = info.withMasks ?? false;
  const entries = layerTensors(net, withMasks);
  const header: CheckpointHeader = {
    format: 'pruning-lab-checkpoint',
    version: FORMAT_VERSION,
    model: {
      id: net.arch.model.id,
      ...(net.arch.model.hidden ? { hidden: [...net.arch.model.hidden] } : {}),
    },
    dataset: info.dataset,
    inputShape: [...net.arch.inputShape],
    numClasses: net.arch.numClasses,
    params: entries.map((e) => ({ name: e.name, shape: e.v.shape })),
    withMasks,
    meta: info.meta ?? {},
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerEnd = 12 + json.length;
  const dataStart = Math.ceil(headerEnd / 4) * 4;
  const datas = await Promise.all(entries.map((e) => e.v.data() as Promise<Float32Array>));
  const total = dataStart + datas.reduce((s, d) => s + d.length * 4, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  let off = dataStart;
  for (const d of datas) {
    for (let i = 0; i < d.length; i++) view.setFloat32(off + 4 * i, d[i]!, true);
    off += d.length * 4;
  }
  return out;
}

/** Parses checkpoint bytes; throws a readable error when they are not a checkpoint. */
export function readCheckpoint(bytes: Uint8Array): Checkpoint {
  if (bytes.length < 12) throw new Error('not a Pruning Lab checkpoint (file too short)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC)
    throw new Error('not a Pruning Lab checkpoint (bad magic)');
  const version = view.getUint32(4, true);
  if (version !== FORMAT_VERSION) throw new Error(`checkpoint format ${version} is not supported`);
  const len = view.getUint32(8, true);
  if (12 + len > bytes.length) throw new Error('checkpoint header is truncated');
  const parsed = headerSchema.safeParse(
    JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len))),
  );
  if (!parsed.success)
    throw new Error(`checkpoint header is not valid: ${parsed.error.issues[0]?.message}`);
  const header = parsed.data;
  let off = Math.ceil((12 + len) / 4) * 4;
  const tensors = header.params.map((p) => {
    const n = p.shape.reduce((a, b) => a * b, 1);
    if (off + 4 * n > bytes.length) throw new Error(`checkpoint data for ${p.name} is truncated`);
    const arr = new Float32Array(n);
    for (let i = 0; i < n; i++) arr[i] = view.getFloat32(off + 4 * i, true);
    off += 4 * n;
    return arr;
  });
  return { header, tensors };
}

/** Loads a checkpoint's weights (and masks, when it has them) into a network of the same shape. */
export function applyCheckpoint(net: Network, ckpt: Checkpoint): void {
  const entries = layerTensors(net, ckpt.header.withMasks);
  if (entries.length !== ckpt.header.params.length)
    throw new Error(
      `checkpoint has ${ckpt.header.params.length} tensors, the model needs ${entries.length}`,
    );
  entries.forEach((e, k) => {
    const p = ckpt.header.params[k]!;
    if (p.shape.join('x') !== e.v.shape.join('x'))
      throw new Error(
        `checkpoint ${p.name} has shape ${p.shape.join('x')}, model expects ${e.v.shape.join('x')}`,
      );
    tf.tidy(() => e.v.assign(tf.tensor(ckpt.tensors[k]!, e.v.shape)));
  });
}
