import type { RunConfig } from '../config';
import type { CrateCalibration } from '../pruning/calibrate';
import type { ReportSummary } from '../report/summary';
import type { QuantFigures } from '../quant/qat';

/** One point of a run's history (every `logEvery` steps). */
export interface HistoryPoint {
  readonly step: number;
  readonly epoch: number;
  readonly loss: number;
  readonly trainAccuracy: number;
  readonly density: number;
  /** Cuts and splices (all layers) since the previous point. */
  readonly cuts: number;
  readonly splices: number;
  readonly learningRate: number;
}

/** End-of-epoch numbers. */
export interface EpochPoint {
  readonly epoch: number;
  readonly step: number;
  readonly validationAccuracy: number;
  readonly density: number;
  readonly seconds: number;
}

export interface LayerResult {
  readonly name: string;
  readonly kept: number;
  readonly total: number;
  readonly density: number;
  readonly compression: number;
  readonly a?: number;
  readonly b?: number;
  readonly mu?: number;
  readonly sigma?: number;
}

/** The run JSON written by the CLI (and, later, exported from the lab). */
export interface RunResult {
  readonly config: RunConfig;
  /** The method config after defaults were filled in. */
  readonly methodConfig: unknown;
  readonly backend: string;
  readonly dense: {
    readonly source: 'checkpoint' | 'pretrain' | 'scratch';
    readonly testAccuracy: number | null;
  };
  readonly testAccuracy: number;
  readonly testError: number;
  readonly density: number;
  readonly compression: number;
  readonly kept: number;
  readonly total: number;
  readonly layers: readonly LayerResult[];
  readonly history: readonly HistoryPoint[];
  readonly epochs: readonly EpochPoint[];
  readonly timing: {
    readonly epochSeconds: readonly number[];
    readonly msPerStep: number;
    readonly totalSeconds: number;
    readonly steps: number;
  };
  readonly startedAt: string;
  /** Epochs of training behind this result (less than the budget for a target IMP passed). */
  readonly epochsTrained?: number;
  /** The sparsity the method aimed at (targeted methods), when the run had one. */
  readonly target?: number | null;
  /** Pruning levels done (IMP and lottery tickets). */
  readonly levels?: number;
  /** How DNS's c was chosen to reach `target` (sweeps). */
  readonly calibration?: CrateCalibration;
  /** Seed of the run (also in `config`), repeated for flat tables. */
  readonly seed?: number;
  /** What pruning bought (compare mode and `sweep --report`): bytes, MACs, int8, ECE, latency. */
  readonly report?: ReportSummary;
  /** Float vs post-training int8 vs quantization-aware int8 (`lab run --qat-epochs N`). */
  readonly quant?: QuantFigures;
}
