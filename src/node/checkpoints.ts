import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Checkpoint } from '../core/models/checkpoint';
import { readCheckpoint } from '../core/models/checkpoint';
import { PUBLIC_DIR } from './fsSource';

/** Folder of the shipped dense checkpoints. */
export const CHECKPOINT_DIR = join(PUBLIC_DIR, 'checkpoints');

/** Reads a checkpoint file, or null when it does not exist. */
export async function readCheckpointFile(path: string): Promise<Checkpoint | null> {
  if (!existsSync(path)) return null;
  return readCheckpoint(new Uint8Array(await readFile(path)));
}

/** Writes bytes, creating the folder. */
export async function writeBytes(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}

/** One line of `public/checkpoints/index.json`. */
export interface CheckpointIndexEntry {
  readonly file: string;
  readonly model: string;
  readonly dataset: string;
  readonly bytes: number;
  readonly meta: Record<string, unknown>;
}

/** Rewrites `index.json` in a checkpoint folder from the headers of its `.ckpt` files. */
export async function updateCheckpointIndex(dir: string): Promise<CheckpointIndexEntry[]> {
  const { readdir } = await import('node:fs/promises');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ckpt')).sort();
  const entries: CheckpointIndexEntry[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await readFile(join(dir, file)));
    const { header } = readCheckpoint(bytes);
    const model =
      header.model.id === 'mlp'
        ? ['mlp', ...(header.model.hidden ?? [])].join('-')
        : header.model.id;
    entries.push({ file, model, dataset: header.dataset, bytes: bytes.length, meta: header.meta });
  }
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({ checkpoints: entries }, null, 2) + '\n',
  );
  return entries;
}
