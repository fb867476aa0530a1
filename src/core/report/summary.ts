import type { Dataset } from '../data/types';
import { readCheckpoint, saveCheckpoint } from '../models/checkpoint';
import type { Network } from '../models/network';
import { splitInputs } from './predict';
import { networkFigures } from './report';
import { measureLatency } from './robustness';
import type { LatencyFigure } from './latency';
import type { NetworkFigures, RunReport } from './types';

/** The few figures a compare or sweep keeps per run (the x-axes of the trade-off chart). */
export interface ReportSummary {
  readonly compression: number;
  readonly macsDense: number;
  /** Unstructured: kept weights × positions. */
  readonly macsSparse: number;
  /** The csr-int8 file, gzipped. */
  readonly bytesInt8Gzip: number;
  readonly int8Accuracy: number;
  readonly ece: number;
  /** Median ms of one batch-1 forward pass through the JS CSR product (null when not measured). */
  readonly latencySparseMs: number | null;
  /** Median ms of one batch-1 dense forward pass on the backend (null when not measured). */
  readonly latencyDenseMs: number | null;
}

/** The summary of one network's figures and (optionally) its latency figures. */
export function summaryFrom(
  n: NetworkFigures,
  latency: readonly LatencyFigure[] | null,
): ReportSummary {
  const lat = (v: 'dense' | 'sparse-js') =>
    latency?.find((l) => l.variant === v && l.batch === 1)?.medianMs ?? null;
  return {
    compression: n.compute.compression,
    macsDense: n.compute.macs.dense,
    macsSparse: n.compute.macs.sparse,
    bytesInt8Gzip: n.bytes['csr-int8'].gzip,
    int8Accuracy: n.int8.testAccuracy,
    ece: n.calibration.ece,
    latencySparseMs: lat('sparse-js'),
    latencyDenseMs: lat('dense'),
  };
}

/** The summary of a report (its pruned network). */
export const summaryOf = (r: RunReport): ReportSummary => summaryFrom(r.pruned, r.latency);

/**
 * The summary of a network as it is (masks applied): its weight files, int8 accuracy, ECE and,
 * unless `latency` is false, the batch-1 latency of the dense and sparse paths.
 */
export async function summarizeNetwork(
  net: Network,
  data: Dataset,
  opts: { latency?: boolean } = {},
): Promise<ReportSummary> {
  const ckpt = readCheckpoint(await saveCheckpoint(net, { dataset: data.id, withMasks: true }));
  const test = splitInputs(data, data.test);
  const { figures } = await networkFigures(ckpt, test, 'channel');
  const latency = opts.latency === false ? null : await measureLatency(ckpt, test, {}, [1]);
  return summaryFrom(figures, latency);
}
