import type { RunConfigInput } from '../../core/config';
import type { RunFileJson } from '../../core/runfile/runFile';
import type { DoneInfo, Phase, RunInfo, RunStatus, ValidationPoint } from '../../worker/protocol';
import type { LabConfig } from '../types';

/** One metric point as a saved run keeps it (the worker's point, per-layer arrays summed). */
export interface SavedPoint {
  readonly step: number;
  readonly phase: Phase;
  readonly epoch: number;
  /** Steps the point spans (its cuts and splices are over these steps). */
  readonly steps: number;
  readonly loss: number;
  /** Fractions in [0, 1]. */
  readonly trainAccuracy: number;
  readonly density: number;
  readonly cuts: number;
  readonly splices: number;
  readonly learningRate: number;
  readonly msPerStep: number;
}

/** Where a saved run came from. */
export type RunOrigin = 'lab' | 'continue' | 'import';

/** The saved run's weights and masks: when they were taken. The bytes are stored apart. */
export interface CheckpointStamp {
  readonly step: number;
  readonly savedAtMs: number;
  readonly bytes: number;
}

/**
 * A run as the Runs list keeps it: its settings, what the worker said about it and how it ended.
 * Metric points and checkpoint bytes live in their own stores (listing never loads them).
 */
export interface SavedRun {
  readonly key: string;
  readonly name: string;
  readonly origin: RunOrigin;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  /** The last status seen; 'running' after a reload means the tab closed mid-run. */
  readonly status: RunStatus;
  /** The lab's settings (null when an import names a dataset this lab does not have). */
  readonly config: LabConfig | null;
  /** The core's run config (dataset id included), as run files hold it. */
  readonly runConfig: RunConfigInput;
  readonly backend: string | null;
  readonly info: RunInfo | null;
  readonly baseline: number | null;
  readonly result: DoneInfo | null;
  readonly step: number;
  readonly density: number;
  /** Kept and total per layer at the last metric point. */
  readonly kept: readonly number[];
  readonly total: readonly number[];
  readonly checkpoint: CheckpointStamp | null;
  /** The saved run this one continued (weights and masks; optimizer and method state restarted). */
  readonly continuedFrom: { readonly key: string; readonly name: string } | null;
  /** An imported run file as it was read (exports of it keep its numbers). */
  readonly runFile?: RunFileJson;
}

/** A saved run with everything it holds, for reopening and exporting. */
export interface LoadedRun {
  readonly run: SavedRun;
  readonly points: readonly SavedPoint[];
  readonly validation: readonly ValidationPoint[];
  readonly checkpoint: Uint8Array | null;
}

export type RunsDbError = {
  readonly code: 'storage-unavailable' | 'storage-full' | 'storage-failed';
  readonly message: string;
};
export type DbResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RunsDbError };
