import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Checkpoint } from '../core/models/checkpoint';
import { readCheckpoint } from '../core/models/checkpoint';
import type { RunFileJson } from '../core/runfile/runFile';
import { checkpointMismatch, makeRunFileJson, parseRunFileJson } from '../core/runfile/runFile';
import type { RunResult } from '../core/train/result';
import { writeBytes } from './checkpoints';

/** A run file that cannot be read: missing, malformed, or its checkpoints do not fit it. */
export class RunFileError extends Error {}

/** A run file read from disk: the JSON and its checkpoints. */
export interface LoadedRunFile {
  readonly json: RunFileJson;
  /** The final weights with masks. */
  readonly checkpoint: Checkpoint;
  /** The dense start (null for a start from scratch, or when not asked for). */
  readonly dense: Checkpoint | null;
}

/** File names of a run file's parts for `X.json`: `X.ckpt` and `X.dense.ckpt`. */
export function runFileNames(jsonPath: string): { checkpoint: string; dense: string } {
  const stem = basename(jsonPath).replace(/\.json$/i, '');
  return { checkpoint: `${stem}.ckpt`, dense: `${stem}.dense.ckpt` };
}

async function readCkpt(path: string, what: string): Promise<Checkpoint> {
  if (!existsSync(path)) throw new RunFileError(`${what} ${path} is missing`);
  try {
    return readCheckpoint(new Uint8Array(await readFile(path)));
  } catch (e) {
    throw new RunFileError(`${what} ${path}: ${(e as Error).message}`);
  }
}

/**
 * Reads a run file (`X.json` and the checkpoints it names, beside it) and checks the checkpoints
 * were made for this run's model and data. `dense: false` skips the dense start.
 */
export async function readRunFile(
  jsonPath: string,
  opts: { dense?: boolean } = {},
): Promise<LoadedRunFile> {
  if (!existsSync(jsonPath)) throw new RunFileError(`run file ${jsonPath} does not exist`);
  let json: RunFileJson;
  try {
    json = parseRunFileJson(await readFile(jsonPath, 'utf8'));
  } catch (e) {
    throw new RunFileError(`${jsonPath}: ${(e as Error).message}`);
  }
  const dir = dirname(jsonPath);
  const checkpoint = await readCkpt(join(dir, json.checkpoint), 'checkpoint');
  const bad = checkpointMismatch(json, checkpoint, { masks: true });
  if (bad) throw new RunFileError(`${join(dir, json.checkpoint)}: ${bad}`);
  let dense: Checkpoint | null = null;
  if ((opts.dense ?? true) && json.denseStart.file) {
    const path = join(dir, json.denseStart.file);
    dense = await readCkpt(path, 'dense checkpoint');
    const badDense = checkpointMismatch(json, dense);
    if (badDense) throw new RunFileError(`${path}: ${badDense}`);
  }
  return { json, checkpoint, dense };
}

/**
 * Writes a run file: `X.ckpt` (final weights with masks), `X.dense.ckpt` when there is a dense
 * start, then `X.json` naming both. Returns the run JSON written.
 */
export async function writeRunFile(
  jsonPath: string,
  result: RunResult,
  parts: { checkpoint: Uint8Array; dense: Uint8Array | null },
): Promise<RunFileJson> {
  const names = runFileNames(jsonPath);
  const dir = dirname(jsonPath);
  await writeBytes(join(dir, names.checkpoint), parts.checkpoint);
  if (parts.dense) await writeBytes(join(dir, names.dense), parts.dense);
  const json = makeRunFileJson(result, {
    checkpoint: names.checkpoint,
    denseFile: parts.dense ? names.dense : null,
  });
  await writeBytes(jsonPath, new TextEncoder().encode(JSON.stringify(json, null, 1) + '\n'));
  return json;
}
