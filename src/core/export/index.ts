/**
 * Exports a run (its checkpoint with masks, and its run JSON) to files other tools read. Pure:
 * runs in the browser and in Node; the caller writes or downloads the files.
 */
import { modelLabel } from '../models/zoo';
import { configFiles, metricsFiles } from './metrics';
import { npyZip } from './npy';
import { onnxModel } from './onnx';
import { tfjsModel } from './tfjs';
import type { ExportFile, ExportFormat, ExportInput } from './types';

export type { ExportFile, ExportFormat, ExportInput } from './types';
export { EXPORT_FORMATS, isExportFormat } from './types';
export { ONNX_OPSET } from './onnx';
export { CONFIG_FILE_FORMAT, toCsv } from './metrics';
export type { ConfigFileJson } from './metrics';

/** Default stem of an export's file names: model-dataset(-method). */
export function exportBaseName(input: ExportInput): string {
  if (input.baseName) return input.baseName;
  const h = input.checkpoint.header;
  const parts = [modelLabel(h.model), h.dataset, ...(input.run ? [input.run.config.method] : [])];
  return parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** The files of one export format; throws a readable error when the input cannot give them. */
export function exportRun(input: ExportInput, format: ExportFormat): ExportFile[] {
  const base = exportBaseName(input);
  switch (format) {
    case 'onnx':
      return [onnxModel(input.checkpoint, base)];
    case 'tfjs':
      return tfjsModel(input.checkpoint, base);
    case 'npy':
      return [npyZip(input.checkpoint, base)];
    case 'csv':
      return metricsFiles(needRun(input, format), base);
    case 'config':
      return configFiles(needRun(input, format), base);
    default:
      return assertNever(format);
  }
}

function needRun(input: ExportInput, format: ExportFormat) {
  if (!input.run) throw new Error(`the ${format} export needs the run's JSON, not only weights`);
  return input.run;
}

function assertNever(x: never): never {
  throw new Error(`unknown export format ${String(x)}`);
}
