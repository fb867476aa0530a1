import type { ExportFile, ExportFormat } from '../core/export/types';
import type { RunFileJson } from '../core/runfile/runFile';
import type { RunInfo, SnapshotMsg } from './protocol';

/** Saved runs: checkpoints of the live network, views of saved ones, exports and imports. */
export type RunsCommand =
  /** Checkpoint bytes (weights with masks) of the live run's network, as it is now. */
  | { readonly type: 'saveCheckpoint'; readonly id: number }
  /** A snapshot (heatmaps, histograms) of saved checkpoint bytes; the live run is untouched. */
  | { readonly type: 'viewCheckpoint'; readonly id: number; readonly bytes: Uint8Array }
  /** The files of one export format of a saved run (run JSON needed for csv and config). */
  | {
      readonly type: 'exportRun';
      readonly id: number;
      readonly format: ExportFormat;
      readonly bytes: Uint8Array;
      readonly run: RunFileJson | null;
      readonly baseName: string;
    }
  /**
   * Checks a file to import: run JSON text with its checkpoint bytes (null for an exported
   * config alone). Nothing is kept; the page saves it once it is found good.
   */
  | {
      readonly type: 'checkImport';
      readonly id: number;
      readonly json: string;
      readonly bytes: Uint8Array | null;
    };

/** A checkpoint's header, as much as the page shows. */
export interface CheckpointSummary {
  readonly model: string;
  readonly dataset: string;
  readonly withMasks: boolean;
  readonly params: number;
}

export type RunsEvent =
  | {
      readonly type: 'checkpointSaved';
      readonly id: number;
      /** The worker's id of the run the bytes were taken from (not `runId`: no run event). */
      readonly ofRun: number;
      readonly step: number;
      readonly bytes: Uint8Array;
    }
  | { readonly type: 'checkpointView'; readonly id: number; readonly snapshot: SnapshotMsg }
  | { readonly type: 'exported'; readonly id: number; readonly files: readonly ExportFile[] }
  /** A good import: the run JSON (null for a config alone) and its config as the lab reads it. */
  | {
      readonly type: 'importChecked';
      readonly id: number;
      readonly run: RunFileJson | null;
      readonly config: RunFileJson['config'];
      readonly checkpoint: CheckpointSummary | null;
      /** The run's layers as the views need them, read from the checkpoint (null without one). */
      readonly info: RunInfo | null;
    }
  /** Any of the above failed: one line saying what is wrong. */
  | { readonly type: 'runsError'; readonly id: number; readonly message: string };

/** Whether a command belongs to saved runs (the session hands those to runFiles.ts). */
export function isRunsCommand(cmd: { readonly type: string }): cmd is RunsCommand {
  return (
    cmd.type === 'saveCheckpoint' ||
    cmd.type === 'viewCheckpoint' ||
    cmd.type === 'exportRun' ||
    cmd.type === 'checkImport'
  );
}
