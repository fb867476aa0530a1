import type { ByteFigures } from './bytes';
import type { Calibration } from './calibration';
import type { ComputeFigures } from './compute';
import type { Corruption } from './corruption';
import type { LatencyFigure } from './latency';
import type { QuantGranularity } from './quantize';
import type { WeightEncoding } from './weightsFile';

/** A weight file read back by the loader: do its predictions match the network it came from? */
export interface LoaderCheck {
  readonly encoding: WeightEncoding;
  /** Fraction of test examples whose predicted class equals the reference's. */
  readonly agreement: number;
  /** Largest |Δlogit| against the reference (float32 files: the masked network; int8: the s·q one). */
  readonly maxAbsLogitDiff: number;
}

/** Figures of one network (the pruned run or its dense start). */
export interface NetworkFigures {
  readonly compute: ComputeFigures;
  readonly bytes: ByteFigures;
  readonly testAccuracy: number;
  /** Post-training int8 (symmetric), accuracy of the network read back from its csr-int8 file. */
  readonly int8: { readonly granularity: QuantGranularity; readonly testAccuracy: number };
  readonly calibration: Calibration;
  readonly loader: readonly LoaderCheck[];
}

/** Accuracy of dense and pruned under one corruption at one severity. */
export interface CorruptionRow {
  readonly corruption: Corruption;
  /** 1 (mild) to 3 (severe). */
  readonly level: number;
  /** The corruption's parameter (σ, square side, contrast factor or missing fraction). */
  readonly severity: number;
  readonly pruned: number;
  readonly dense: number | null;
}

/** What `lab report` writes as X.report.json and the lab's Report view shows. */
export interface RunReport {
  readonly format: 'pruning-lab-report';
  readonly version: 1;
  readonly model: string;
  readonly dataset: string;
  readonly backend: string;
  readonly testCount: number;
  readonly full: boolean;
  readonly seed: number;
  readonly pruned: NetworkFigures;
  readonly dense: NetworkFigures | null;
  /** Full reports only. */
  readonly corruption: readonly CorruptionRow[] | null;
  readonly latency: readonly LatencyFigure[] | null;
  /** Plain sentences: where sparsity is (not) faster, what was skipped and why. */
  readonly notes: readonly string[];
  readonly seconds: number;
  readonly createdAt: string;
}
