import type { MethodId } from '../core/pruning/types';
import type { RunResult } from '../core/train/result';
import type { SensitivityResult } from '../core/train/sensitivity';
import type { DnsCalibrationOptions } from '../core/train/sweep';
import type { SweepJob } from '../core/train/sweepPlan';
import type { Phase, RunSpec } from './protocol';

/** A compare: methods × targets × seeds on one model, data, dense start and budget. */
export interface CompareSpec {
  readonly id: number;
  /** The lab's data, model, start, batch, optimizer and budget (`config.epochs`, for every run). */
  readonly run: RunSpec;
  readonly methods: readonly MethodId[];
  readonly targets: readonly number[];
  readonly seeds: readonly number[];
  /** Settings per method (defaults fill the rest), as `lab sweep --set m.key=value`. */
  readonly settings: Readonly<Partial<Record<MethodId, Readonly<Record<string, unknown>>>>>;
  readonly calibration: DnsCalibrationOptions;
}

/** What the current run of a compare is doing. */
export type ComparePhase = 'pretrain' | 'calibrate' | 'train';

export type CompareCommand =
  /** Pauses the live run and trains the compare's runs one after another. */
  | { readonly type: 'compare'; readonly spec: CompareSpec }
  /** Stops the compare between two steps; the results so far stay. */
  | { readonly type: 'cancelCompare'; readonly id: number }
  /** Per-layer sensitivity of the live run's network as it is (the run pauses first). */
  | { readonly type: 'sensitivity'; readonly id: number };

/** Where the live run was when its sensitivity was measured. */
export interface SensitivityAt {
  readonly phase: Phase;
  readonly step: number;
  readonly method: string;
  readonly split: 'validation' | 'test';
  /** Examples evaluated per point. */
  readonly examples: number;
  /**
   * Each layer's weight sparsity when measured: levels up to it change nothing (the analysis
   * keeps pruned weights pruned).
   */
  readonly layerSparsity: readonly number[];
}

export type CompareEvent =
  /** The queue as planned (`planSweep`), on the backend that trains it. */
  | {
      readonly type: 'compareStarted';
      readonly id: number;
      readonly jobs: readonly SweepJob[];
      readonly backend: string;
    }
  /** Progress of job `index` (its dense start, DNS pilots or training), at most ten a second. */
  | {
      readonly type: 'compareProgress';
      readonly id: number;
      readonly index: number;
      readonly phase: ComparePhase;
      readonly step: number;
      readonly total: number;
    }
  /** Job `index` finished: one result per target it covers (the run JSON of the CLI). */
  | {
      readonly type: 'compareResults';
      readonly id: number;
      readonly index: number;
      readonly results: readonly RunResult[];
    }
  | {
      readonly type: 'compareEnd';
      readonly id: number;
      readonly outcome: 'done' | 'cancelled' | 'error';
      readonly message?: string;
    }
  | {
      readonly type: 'sensitivityProgress';
      readonly id: number;
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly type: 'sensitivityResult';
      readonly id: number;
      readonly result: SensitivityResult;
      readonly at: SensitivityAt;
    }
  | { readonly type: 'sensitivityError'; readonly id: number; readonly message: string };
