import type { Checkpoint } from '../models/checkpoint';
import type { RunFileJson } from '../runfile/runFile';

/** Export formats: ONNX, TensorFlow.js layers model, NumPy (.npy in a zip), metrics, config. */
export const EXPORT_FORMATS = ['onnx', 'tfjs', 'npy', 'csv', 'config'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One file an export produces: a plain file name (no folders), its MIME type and its bytes. */
export interface ExportFile {
  readonly name: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

/** What an export reads: the final checkpoint (weights + masks) and, for metrics/config, the run. */
export interface ExportInput {
  readonly checkpoint: Checkpoint;
  readonly run?: RunFileJson;
  /** Stem of the file names (default: model-dataset-method, e.g. "lenet300-mnist-dns"). */
  readonly baseName?: string;
}

/** Whether `s` names an export format. */
export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}
