import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ByteSource } from '../core/data/types';

/** The repository's `public/` folder, where built-in data and checkpoints live. */
export const PUBLIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public');

/** Reads built-in data from `public/datasets/` (or another folder) on disk. */
export function fsSource(root = join(PUBLIC_DIR, 'datasets')): ByteSource {
  return async (path, progress) => {
    const bytes = new Uint8Array(await readFile(join(root, path)));
    progress?.onFraction(1);
    return bytes;
  };
}
