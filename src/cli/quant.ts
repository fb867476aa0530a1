import type { QuantFigures } from '../core/quant/qat';
import { masksFromCheckpoint } from '../core/pruning/maskSet';
import type { MaskSet } from '../core/pruning/maskSet';
import { UsageError } from './args';
import { pct, table } from './format';
import { loadSource } from './transfer';

/** The masks of `--masks FILE` (a checkpoint with masks or a run file), or a usage error. */
export async function masksFlag(path: string): Promise<MaskSet> {
  const { checkpoint } = await loadSource(path);
  try {
    return masksFromCheckpoint(checkpoint);
  } catch (e) {
    throw new UsageError(`${path}: ${(e as Error).message}`);
  }
}

/** Float vs post-training int8 vs quantization-aware int8: test accuracy and bytes. */
export function quantTable(q: QuantFigures): string {
  const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  const rows: (string | number)[][] = [
    ['float32', pct(q.float.accuracy), kib(q.float.bytes)],
    ['int8, post-training', pct(q.ptq.accuracy), kib(q.ptq.bytes)],
  ];
  if (q.qat) {
    const epochs = `${q.qat.epochs} QAT epoch${q.qat.epochs === 1 ? '' : 's'}`;
    rows.push([`int8, after ${epochs}`, pct(q.qat.accuracy), kib(q.qat.bytes)]);
    rows.push([`(its float weights, unrounded)`, pct(q.qat.floatAccuracy), '']);
  }
  return table(['weights', 'test accuracy', 'sparse weight file (CSR)'], rows);
}
