import type { Dataset } from '../data/types';
import type { Checkpoint } from '../models/checkpoint';
import { modelLabel } from '../models/zoo';
import type { WeightFile } from './bytes';
import { byteFigures, weightFiles } from './bytes';
import { calibration, softmax } from './calibration';
import { computeFigures } from './compute';
import { checkpointArchitecture, reportLayers } from './layers';
import type { LatencyFigure } from './latency';
import { latencyVerdicts } from './latency';
import { accuracyOf, argmaxRow, logitsOf, splitInputs, withNetwork } from './predict';
import type { QuantGranularity } from './quantize';
import { sparseForward } from './sparseForward';
import { corruptionSweep, measureLatency } from './robustness';
import type { CorruptionRow, LoaderCheck, NetworkFigures, RunReport } from './types';
import { decodeWeights, quantizedLayers, weightsToCheckpoint } from './weightsFile';

export interface ReportInputs {
  /** The run's final network, with masks. */
  readonly pruned: Checkpoint;
  /** The dense start it began from, when known. */
  readonly dense: Checkpoint | null;
  readonly data: Dataset;
  readonly backend: string;
  /** Corruption sweep and latency too. */
  readonly full?: boolean;
  readonly quant?: QuantGranularity;
  readonly seed?: number;
  /** Test examples used (all by default). */
  readonly testLimit?: number;
  readonly latency?: { readonly warmup?: number; readonly runs?: number };
  readonly onProgress?: (label: string) => void | Promise<void>;
}

/** A report and the weight files behind its byte figures. */
export interface ReportOutput {
  readonly report: RunReport;
  /** The pruned network's files. */
  readonly files: readonly WeightFile[];
  /** The dense start's files (null without a dense start). */
  readonly denseFiles: readonly WeightFile[] | null;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function agreement(a: Float32Array, b: Float32Array, n: number, k: number): number {
  let same = 0;
  for (let i = 0; i < n; i++) if (argmaxRow(a, i, k) === argmaxRow(b, i, k)) same++;
  return n > 0 ? same / n : NaN;
}

/** Test examples in the model's input space. */
export interface TestInputs {
  readonly x: Float32Array;
  readonly y: Uint8Array;
  readonly count: number;
}

/** Examples the int8 file's predictions are checked on against an independent s·q forward pass. */
const INT8_CHECK = 1000;

/**
 * Figures of one network. Its three weight files are written, then read back by the loader and
 * run on the test split: float32 files against the network itself, the int8 file against s·q
 * weights run through the JS sparse forward pass (a path that shares no code with the loader).
 */
export async function networkFigures(
  ckpt: Checkpoint,
  test: TestInputs,
  quant: QuantGranularity,
): Promise<{ figures: NetworkFigures; files: WeightFile[]; logits: Float32Array }> {
  const layers = reportLayers(ckpt);
  const arch = checkpointArchitecture(ckpt);
  const k = ckpt.header.numClasses;
  const files = weightFiles(ckpt.header, layers, quant);
  const logits = await withNetwork(ckpt, (net) => logitsOf(net, test.x, test.count));
  const loader: LoaderCheck[] = [];
  let int8Logits = logits;
  for (const f of files) {
    const back = weightsToCheckpoint(decodeWeights(f.bytes));
    const got = await withNetwork(back, (net) => logitsOf(net, test.x, test.count));
    if (f.encoding !== 'csr-int8') {
      loader.push({
        encoding: f.encoding,
        agreement: agreement(got, logits, test.count, k),
        maxAbsLogitDiff: maxAbsDiff(got, logits),
      });
      continue;
    }
    int8Logits = got;
    const n = Math.min(test.count, INT8_CHECK);
    const d = test.x.length / Math.max(1, test.count);
    const ref = sparseForward(arch, quantizedLayers(layers, quant))(test.x.subarray(0, n * d), n);
    loader.push({
      encoding: f.encoding,
      agreement: agreement(got.subarray(0, n * k), ref, n, k),
      maxAbsLogitDiff: maxAbsDiff(got.subarray(0, n * k), ref),
    });
  }
  return {
    figures: {
      compute: computeFigures(arch, layers),
      bytes: byteFigures(files),
      testAccuracy: accuracyOf(logits, test.y, k),
      int8: { granularity: quant, testAccuracy: accuracyOf(int8Logits, test.y, k) },
      calibration: calibration(softmax(logits, k), test.y, k),
      loader,
    },
    files,
    logits,
  };
}

/** Builds a run's report: size, compute, bytes, int8, calibration; corruption and latency if full. */
export async function buildReport(inp: ReportInputs): Promise<ReportOutput> {
  const t0 = performance.now();
  const { data } = inp;
  const quant = inp.quant ?? 'channel';
  const seed = inp.seed ?? 1;
  const full = inp.full ?? false;
  const progress = async (label: string) => {
    await inp.onProgress?.(label);
  };
  const test = splitInputs(data, data.test, inp.testLimit);
  await progress('Pruned network: sizes, files, int8, calibration');
  const pruned = await networkFigures(inp.pruned, test, quant);
  await progress('Dense start: sizes, files, int8, calibration');
  const dense = inp.dense ? await networkFigures(inp.dense, test, quant) : null;
  const notes: string[] = [];
  if (!inp.dense) notes.push('No dense start was given: dense columns are empty.');
  let corruption: CorruptionRow[] | null = null;
  let latency: LatencyFigure[] | null = null;
  if (full) {
    await progress('Corruption sweep');
    corruption = await corruptionSweep(inp, test, seed, progress);
    await progress('Latency');
    latency = await measureLatency(inp.pruned, test, inp.latency ?? {});
    notes.push(...latencyVerdicts(latency, inp.backend));
  }
  const h = inp.pruned.header;
  return {
    report: {
      format: 'pruning-lab-report',
      version: 1,
      model: modelLabel(h.model),
      dataset: h.dataset,
      backend: inp.backend,
      testCount: test.count,
      full,
      seed,
      pruned: pruned.figures,
      dense: dense?.figures ?? null,
      corruption,
      latency,
      notes,
      seconds: (performance.now() - t0) / 1000,
      createdAt: new Date().toISOString(),
    },
    files: pruned.files,
    denseFiles: dense?.files ?? null,
  };
}
