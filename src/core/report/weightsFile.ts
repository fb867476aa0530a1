import { z } from 'zod';
import type { Checkpoint, CheckpointHeader } from '../models/checkpoint';
import { networkHeaderFields } from '../models/checkpoint';
import type { ReportLayer } from './layers';
import type { QuantGranularity } from './quantize';
import { dequantizeGrid, quantizeGrid } from './quantize';
import { ByteWriter } from './byteWriter';

/**
 * The deployable weight files the report writes and reads back. Layout: "PLWF", version, header
 * length (u32 LE each), the JSON header, then per layer in order (little-endian, no padding):
 * - dense-f32: rows × cols float32 weights (checkpoint layout), cols float32 biases;
 * - csr-f32 / csr-int8: compressed rows by output unit (the transpose of the grid, so a row is one
 *   output channel): u16 entry count per row, u8 relative index per entry, the values (float32, or
 *   int8 followed by float32 scales per channel or per layer), then cols float32 biases.
 * Relative indices as in Deep Compression (Han et al. 2016, §3 and Fig. 2): an entry sits `gap + 1`
 * positions after the previous one (the first after position −1); a gap over 255 is bridged by a
 * filler entry of value 0 at gap 255.
 */
export const WEIGHT_ENCODINGS = ['dense-f32', 'csr-f32', 'csr-int8'] as const;
export type WeightEncoding = (typeof WEIGHT_ENCODINGS)[number];

const MAGIC = 0x46574c50; // "PLWF" little-endian
const VERSION = 1;
const MAX_GAP = 255;
const MAX_ROW = 0xffff;

const headerSchema = z.object({
  format: z.literal('pruning-lab-weights'),
  encoding: z.enum(WEIGHT_ENCODINGS),
  ...networkHeaderFields,
  quant: z.enum(['channel', 'layer']).optional(),
  layers: z.array(
    z.object({
      name: z.string(),
      shape: z.array(z.number().int().positive()),
      rows: z.number().int().positive(),
      cols: z.number().int().positive(),
      /** Stored entries, fillers included (CSR only). */
      entries: z.number().int().nonnegative().optional(),
    }),
  ),
});
export type WeightsHeader = z.infer<typeof headerSchema>;

/** What the model is, copied from the checkpoint the layers came from. */
export type ModelIdentity = Pick<
  CheckpointHeader,
  'model' | 'dataset' | 'inputShape' | 'numClasses'
>;

/** One output row's kept positions as relative indices with fillers: [gaps, positions]. */
export function relativeIndices(positions: readonly number[]): { gaps: number[]; at: number[] } {
  const gaps: number[] = [];
  const at: number[] = [];
  let prev = -1;
  for (const p of positions) {
    while (p - prev - 1 > MAX_GAP) {
      prev += MAX_GAP + 1;
      gaps.push(MAX_GAP);
      at.push(prev); // filler: value 0 at this position
    }
    gaps.push(p - prev - 1);
    at.push(p);
    prev = p;
  }
  return { gaps, at };
}

/** Serialises layers (masks applied) as one of the weight encodings. */
export function encodeWeights(
  id: ModelIdentity,
  layers: readonly ReportLayer[],
  encoding: WeightEncoding,
  quant: QuantGranularity = 'channel',
): Uint8Array {
  const body = new ByteWriter();
  const metas: WeightsHeader['layers'] = [];
  for (const l of layers) {
    const meta = { name: l.name, shape: [...l.shape], rows: l.rows, cols: l.cols };
    if (encoding === 'dense-f32') {
      for (let i = 0; i < l.w.length; i++) body.f32(l.w[i]!);
      for (let j = 0; j < l.cols; j++) body.f32(l.b[j]!);
      metas.push(meta);
      continue;
    }
    const q = encoding === 'csr-int8' ? quantizeGrid(l.w, l.rows, l.cols, quant) : null;
    const rows = Array.from({ length: l.cols }, (_, j) => {
      const kept: number[] = [];
      for (let r = 0; r < l.rows; r++) if (l.keepW[r * l.cols + j]) kept.push(r);
      return relativeIndices(kept);
    });
    for (const row of rows) {
      if (row.gaps.length > MAX_ROW)
        throw new Error(`layer ${l.name}: a row of ${row.gaps.length} entries exceeds ${MAX_ROW}`);
      body.u16(row.gaps.length);
    }
    for (const row of rows) for (const g of row.gaps) body.u8(g);
    let entries = 0;
    rows.forEach((row, j) => {
      for (const r of row.at) {
        const i = r * l.cols + j;
        const keep = l.keepW[i]!;
        if (q) body.i8(keep ? q.q[i]! : 0);
        else body.f32(keep ? l.w[i]! : 0);
        entries++;
      }
    });
    if (q) for (const s of q.scales) body.f32(s);
    for (let j = 0; j < l.cols; j++) body.f32(l.b[j]!);
    metas.push({ ...meta, entries });
  }
  const header: WeightsHeader = {
    format: 'pruning-lab-weights',
    encoding,
    model: id.model,
    dataset: id.dataset,
    inputShape: [...id.inputShape],
    numClasses: id.numClasses,
    ...(encoding === 'csr-int8' ? { quant } : {}),
    layers: metas,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new ByteWriter();
  out.u32(MAGIC);
  out.u32(VERSION);
  out.u32(json.length);
  out.bytes(json);
  out.bytes(body.done());
  return out.done();
}

/** A weight file read back: its header and, per layer, the float weights (grid layout) and biases. */
export interface DecodedWeights {
  readonly header: WeightsHeader;
  readonly layers: readonly { readonly w: Float32Array; readonly b: Float32Array }[];
}

/** Parses a weight file; throws a readable error when the bytes are not one or are cut short. */
export function decodeWeights(bytes: Uint8Array): DecodedWeights {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 0;
  const need = (n: number, what: string) => {
    if (off + n > bytes.length) throw new Error(`weight file is truncated (${what})`);
  };
  need(12, 'header');
  if (view.getUint32(0, true) !== MAGIC)
    throw new Error('not a Pruning Lab weight file (bad magic)');
  if (view.getUint32(4, true) !== VERSION) throw new Error('weight file version is not supported');
  const len = view.getUint32(8, true);
  off = 12;
  need(len, 'header');
  const parsed = headerSchema.safeParse(
    JSON.parse(new TextDecoder().decode(bytes.subarray(off, off + len))),
  );
  if (!parsed.success)
    throw new Error(`weight file header is not valid: ${parsed.error.issues[0]?.message}`);
  off += len;
  const header = parsed.data;
  const f32 = (): number => {
    const v = view.getFloat32(off, true);
    off += 4;
    return v;
  };
  const layers = header.layers.map((m) => {
    const n = m.rows * m.cols;
    const w = new Float32Array(n);
    const b = new Float32Array(m.cols);
    if (header.encoding === 'dense-f32') {
      need(4 * (n + m.cols), m.name);
      for (let i = 0; i < n; i++) w[i] = f32();
    } else {
      need(2 * m.cols, m.name);
      const counts: number[] = [];
      for (let j = 0; j < m.cols; j++, off += 2) counts.push(view.getUint16(off, true));
      const total = counts.reduce((a, c) => a + c, 0);
      const int8 = header.encoding === 'csr-int8';
      const channels = header.quant === 'layer' ? 1 : m.cols;
      need(total * (int8 ? 2 : 5) + (int8 ? 4 * channels : 0) + 4 * m.cols, m.name);
      const gaps = bytes.subarray(off, off + total);
      off += total;
      const pos = new Int32Array(total);
      let e = 0;
      for (const c of counts) {
        let prev = -1;
        for (let k = 0; k < c; k++, e++) {
          prev += gaps[e]! + 1;
          if (prev >= m.rows) throw new Error(`weight file layer ${m.name}: index past its row`);
          pos[e] = prev;
        }
      }
      const vals = new Float32Array(total);
      if (int8) for (let k = 0; k < total; k++) vals[k] = view.getInt8(off++);
      else for (let k = 0; k < total; k++) vals[k] = f32();
      const q = int8
        ? dequantScales(Array.from({ length: channels }, f32), channels === 1)
        : () => 1;
      e = 0;
      counts.forEach((c, j) => {
        for (let k = 0; k < c; k++, e++) w[pos[e]! * m.cols + j] = vals[e]! * q(j);
      });
    }
    for (let j = 0; j < m.cols; j++) b[j] = f32();
    return { w, b };
  });
  return { header, layers };
}

function dequantScales(scales: number[], perLayer: boolean): (j: number) => number {
  return (j) => scales[perLayer ? 0 : j]!;
}

/** A decoded weight file as a checkpoint without masks (pruned entries are exact zeros). */
export function weightsToCheckpoint(d: DecodedWeights): Checkpoint {
  const h = d.header;
  return {
    header: {
      format: 'pruning-lab-checkpoint',
      version: 1,
      model: h.model,
      dataset: h.dataset,
      inputShape: h.inputShape,
      numClasses: h.numClasses,
      params: h.layers.flatMap((l) => [
        { name: `${l.name}/w`, shape: l.shape },
        { name: `${l.name}/b`, shape: [l.cols] },
      ]),
      withMasks: false,
      meta: { from: h.encoding },
    },
    tensors: d.layers.flatMap((l) => [l.w, l.b]),
  };
}

/** The int8 network the csr-int8 file stands for, as report layers (for measuring it). */
export function quantizedLayers(
  layers: readonly ReportLayer[],
  quant: QuantGranularity = 'channel',
): ReportLayer[] {
  return layers.map((l) => {
    const g = quantizeGrid(l.w, l.rows, l.cols, quant);
    const w = dequantizeGrid(g, l.cols);
    for (let i = 0; i < w.length; i++) if (!l.keepW[i]) w[i] = 0;
    return { ...l, w };
  });
}
