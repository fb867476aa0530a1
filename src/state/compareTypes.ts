import type { MethodId } from '../core/pruning/types';
import type { RunResult } from '../core/train/result';
import type { SensitivityResult } from '../core/train/sensitivity';
import type { DnsCalibrationOptions } from '../core/train/sweep';
import type { SweepJob } from '../core/train/sweepPlan';
import type { ComparePhase, SensitivityAt } from '../worker/compareProtocol';

/** The main area's views: the live run, compare mode, the sensitivity analysis. */
export type LabTab = 'live' | 'compare' | 'sensitivity' | 'runs' | 'report';

/** What the compare form edits. */
export interface CompareForm {
  readonly methods: readonly MethodId[];
  /** Target sparsities in (0, 1). */
  readonly targets: readonly number[];
  readonly seeds: readonly number[];
  /** The training budget of every run in epochs; null: the lab's (Training · epochs). */
  readonly epochs: number | null;
  readonly calibration: DnsCalibrationOptions;
}

export type CompareStatus = 'starting' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'error';

/** One queued compare as the worker reports it. */
export interface CompareRun {
  readonly id: number;
  readonly status: CompareStatus;
  /** The queue, as planned by `planSweep` (the page's plan until the worker confirms it). */
  readonly jobs: readonly SweepJob[];
  /** Jobs finished. */
  readonly done: number;
  /** The job under way: its phase and steps. */
  readonly progress: {
    readonly index: number;
    readonly phase: ComparePhase;
    readonly step: number;
    readonly total: number;
  } | null;
  readonly backend: string | null;
  readonly message: string | null;
  /** Page clock (ms) when it was queued, and when it ended. */
  readonly startedMs: number;
  readonly endedMs: number | null;
  /** The equivalent `npm run lab -- sweep …` (null for uploaded data, which the CLI cannot read). */
  readonly command: string | null;
  /** The setup its results share (see CompareResults) and its readable title. */
  readonly setup: string;
  readonly title: string;
}

/** The compare results kept for one setup (data, model, start, budget), newest run last. */
export interface CompareResults {
  /** Data, model, start and budget the results share; a compare on another setup replaces them. */
  readonly setup: string;
  /** Readable form of the setup for captions. */
  readonly title: string;
  readonly runs: readonly RunResult[];
}

export interface SensitivityView {
  readonly id: number;
  readonly status: 'idle' | 'running' | 'done' | 'error';
  readonly done: number;
  readonly total: number;
  readonly result: SensitivityResult | null;
  readonly at: SensitivityAt | null;
  readonly message: string | null;
}
