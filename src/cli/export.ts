import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EXPORT_FORMATS, exportRun, isExportFormat, ONNX_OPSET } from '../core/export';
import type { ExportFile } from '../core/export';
import { writeBytes } from '../node/checkpoints';
import { readRunFile, RunFileError } from '../node/runFile';
import { parseFlags, UsageError } from './args';
import { log } from './common';

export const EXPORT_HELP = `export flags:
  --run FILE            the run file's JSON (written by run --out; its .ckpt must sit beside it)
  --format NAME         onnx (opset ${ONNX_OPSET}) | tfjs (model.json + weights) | npy (zip of
                        PyTorch-layout .npy with masks) | csv (metrics as CSV + JSON) | config
  --out PATH            file to write (onnx, npy, config) or folder (tfjs, csv); default: beside
                        the run file`;

const OPTIONS = {
  run: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
} as const;

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/** Where each file goes: inside `out` when it is a folder (or several files), else `out` itself. */
export function exportPaths(files: readonly ExportFile[], out: string): string[] {
  const folder = files.length > 1 || isDir(out) || /[/\\]$/.test(out);
  return files.map((f) => (folder ? join(out, f.name) : out));
}

/** `lab export`: a run file to ONNX, TensorFlow.js, NumPy, CSV or config files. */
export async function exportCommand(argv: string[]): Promise<number> {
  const f = parseFlags(argv, OPTIONS);
  if (!f.run) throw new UsageError('--run is required (the JSON written by run --out)');
  if (!f.format) throw new UsageError(`--format is required: ${EXPORT_FORMATS.join(', ')}`);
  const format = f.format;
  if (!isExportFormat(format))
    throw new UsageError(`unknown format "${format}"; known: ${EXPORT_FORMATS.join(', ')}`);
  let files: ExportFile[];
  try {
    const run = await readRunFile(f.run, { dense: false });
    const baseName = basename(f.run).replace(/\.json$/i, '');
    files = exportRun({ checkpoint: run.checkpoint, run: run.json, baseName }, format);
  } catch (e) {
    if (e instanceof RunFileError) throw new UsageError(e.message);
    throw new UsageError(`cannot export ${f.run}: ${(e as Error).message}`);
  }
  const paths = exportPaths(files, f.out ?? dirname(f.run) + '/');
  for (let k = 0; k < files.length; k++) {
    await writeBytes(paths[k]!, files[k]!.bytes);
    process.stdout.write(`${paths[k]}\n`);
  }
  log(`exported ${f.run} as ${format}: ${files.length} file${files.length > 1 ? 's' : ''}`);
  return 0;
}
