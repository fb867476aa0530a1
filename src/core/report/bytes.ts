import { gzipSync } from 'fflate';
import type { ReportLayer } from './layers';
import type { QuantGranularity } from './quantize';
import type { ModelIdentity, WeightEncoding } from './weightsFile';
import { encodeWeights, WEIGHT_ENCODINGS } from './weightsFile';

/** One written weight file: its encoding, bytes, and the same bytes gzipped. */
export interface WeightFile {
  readonly encoding: WeightEncoding;
  readonly bytes: Uint8Array;
  readonly gzipped: Uint8Array;
}

/** Sizes of the files, in bytes. */
export type ByteFigures = Record<WeightEncoding, { readonly raw: number; readonly gzip: number }>;

/** File name suffix of each encoding (beside the run file: X.dense-f32.bin, X.csr-int8.bin.gz …). */
export function weightFileName(base: string, encoding: WeightEncoding, gzip: boolean): string {
  return `${base}.${encoding}.bin${gzip ? '.gz' : ''}`;
}

/** The three weight files of a network (masks applied), each also gzipped (DEFLATE level 9). */
export function weightFiles(
  id: ModelIdentity,
  layers: readonly ReportLayer[],
  quant: QuantGranularity = 'channel',
): WeightFile[] {
  return WEIGHT_ENCODINGS.map((encoding) => {
    const bytes = encodeWeights(id, layers, encoding, quant);
    return { encoding, bytes, gzipped: gzipSync(bytes, { level: 9, mtime: 0 }) };
  });
}

/** Byte counts of written files. */
export function byteFigures(files: readonly WeightFile[]): ByteFigures {
  const out = {} as Record<WeightEncoding, { raw: number; gzip: number }>;
  for (const f of files) out[f.encoding] = { raw: f.bytes.length, gzip: f.gzipped.length };
  return out;
}
