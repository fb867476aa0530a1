import { join } from 'node:path';
import type { RunConfig } from '../core/config';
import type { Checkpoint } from '../core/models/checkpoint';
import type { ExperimentPhase } from '../core/train/experiment';
import { getMethod } from '../core/pruning/registry';
import type { LayerInfo } from '../core/pruning/types';
import { checkpointName } from '../core/train/session';
import { CHECKPOINT_DIR, readCheckpointFile, writeBytes } from '../node/checkpoints';
import { UsageError } from './args';
import { isBuiltinDataset } from '../core/data/ids';
import { loadBuiltinDataset } from '../core/data/builtin';
import type { Dataset } from '../core/data/types';
import { fsSource } from '../node/fsSource';
import { progressBar } from './format';

/** Flags `run` and `sweep` share, with the same meaning: data, model, dense start, budget, output. */
export const SHARED_OPTIONS = {
  dataset: { type: 'string' },
  model: { type: 'string' },
  hidden: { type: 'string' },
  epochs: { type: 'string' },
  backend: { type: 'string' },
  'pretrain-epochs': { type: 'string' },
  'from-scratch': { type: 'boolean' },
  checkpoint: { type: 'string' },
  batch: { type: 'string' },
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  out: { type: 'string' },
  'log-every': { type: 'string' },
  quiet: { type: 'boolean' },
  validation: { type: 'string' },
} as const;

/** One line on stderr (stdout carries the results). */
export const log = (s: string): void => {
  process.stderr.write(s + '\n');
};

/** A method id the registry knows, or a usage error naming the known ones. */
export function knownMethod(id: string): void {
  try {
    getMethod(id);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Checks a method's settings against the model's layers, so a bad one fails before any training. */
export function checkSettings(method: string, input: unknown, layers: readonly LayerInfo[]): void {
  try {
    getMethod(method).resolve(input, layers);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * The dense checkpoint a run starts from (`path`, or the shipped one for its model and data); null
 * when it starts another way. A missing checkpoint is a usage error.
 */
export async function denseCheckpoint(
  cfg: RunConfig,
  path: string | undefined,
): Promise<Checkpoint | null> {
  const ckptPath = path ?? join(CHECKPOINT_DIR, checkpointName(cfg.model, cfg.dataset));
  const checkpoint = cfg.start === 'checkpoint' ? await readCheckpointFile(ckptPath) : null;
  if (cfg.start === 'checkpoint' && !checkpoint)
    throw new UsageError(
      `no dense checkpoint at ${ckptPath}; use --pretrain-epochs N or --from-scratch`,
    );
  return checkpoint;
}

/**
 * A progress bar on stderr, only on a terminal and unless `quiet`: `onStep` redraws it at most
 * every 200 ms (and on a phase's last step); `clear` wipes its line before a log line.
 */
export function stderrProgress(quiet: boolean) {
  const tty = process.stderr.isTTY && !quiet;
  let phaseStart = performance.now();
  let lastDraw = 0;
  return {
    onStep: (phase: ExperimentPhase, step: number, total: number): void => {
      if (step === 1) phaseStart = performance.now();
      if (!tty) return;
      const now = performance.now();
      if (now - lastDraw < 200 && step !== total) return;
      lastDraw = now;
      process.stderr.write(`\r${progressBar(phase, step, total, phaseStart)}   `);
    },
    clear: (): void => {
      if (tty) process.stderr.write('\r\x1b[2K');
    },
  };
}

/** Writes `doc` as JSON (one space indent, a final newline), creating the folder. */
export function writeJson(path: string, doc: unknown): Promise<void> {
  return writeBytes(path, new TextEncoder().encode(JSON.stringify(doc, null, 1) + '\n'));
}

/**
 * The run's built-in dataset from `public/datasets/`, split with the run's seed and validation
 * size (a sweep passes its first seed: the shipped checkpoints were trained on seed 1's split, so
 * every run of a sweep keeps the same held-out examples).
 */
export async function loadCliDataset(cfg: RunConfig): Promise<Dataset> {
  if (!isBuiltinDataset(cfg.dataset)) throw new UsageError(`unknown dataset "${cfg.dataset}"`);
  return loadBuiltinDataset(cfg.dataset, fsSource(), {
    seed: cfg.seed,
    ...(cfg.validationCount !== undefined ? { validationCount: cfg.validationCount } : {}),
  });
}
