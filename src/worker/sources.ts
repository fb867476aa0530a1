import { loadBuiltinDataset, loadManifest } from '../core/data/builtin';
import type { Manifest } from '../core/data/manifest';
import { TOY_CLASSES, TOY_SETS } from '../core/data/toy';
import type { ByteSource, Dataset, LoadProgress } from '../core/data/types';
import type { Checkpoint } from '../core/models/checkpoint';
import { readCheckpoint } from '../core/models/checkpoint';
import type { DatasetSpec } from './protocol';

/** Keeps each file's bytes after the first read, so a new seed or a reset does not fetch again. */
export function memoSource(base: ByteSource): ByteSource {
  const cache = new Map<string, Promise<Uint8Array>>();
  return (path, progress) => {
    let p = cache.get(path);
    if (!p) {
      p = base(path, progress);
      cache.set(path, p);
      p.catch(() => cache.delete(path));
    } else progress?.onFraction(1);
    return p;
  };
}

/** What the model needs to know about the data before it is all loaded. */
export interface DataShape {
  readonly inputShape: readonly number[];
  readonly numClasses: number;
  /** [h, w] when each example is a 1-channel image (also for flat pixel rows such as 8x8 digits). */
  readonly image: readonly [number, number] | null;
}

function imageOf(shape: readonly number[] | undefined): readonly [number, number] | null {
  return shape && shape.length >= 2 ? [shape[0]!, shape[1]!] : null;
}

/** The data's shape from the manifest (built-in) or the dataset itself (inline). */
export async function peekShape(spec: DatasetSpec, source: ByteSource): Promise<DataShape> {
  if (spec.kind === 'inline') {
    const d = spec.dataset;
    const img = d.inputShape.length === 3 && d.inputShape[2] === 1 ? imageOf(d.inputShape) : null;
    return { inputShape: d.inputShape, numClasses: d.numClasses, image: img };
  }
  const id = spec.id;
  if ((TOY_SETS as readonly string[]).includes(id))
    return {
      inputShape: [2],
      numClasses: TOY_CLASSES[id as (typeof TOY_SETS)[number]].length,
      image: null,
    };
  const manifest: Manifest = await loadManifest(source);
  const e = manifest.datasets[id];
  if (!e) throw new Error(`datasets/manifest.json has no entry for "${id}"`);
  const image = imageOf(e.imageShape);
  if (e.splits && image)
    return { inputShape: [image[0], image[1], 1], numClasses: e.classes.length, image };
  const features = e.features ?? 0;
  return {
    inputShape: [features],
    numClasses: e.classes.length,
    image: image && image[0] * image[1] === features ? image : null,
  };
}

/** Loads the run's data: built-in through `source`, inline as given. */
export async function loadData(
  spec: DatasetSpec,
  seed: number,
  source: ByteSource,
  onProgress: (p: LoadProgress) => void,
): Promise<Dataset> {
  if (spec.kind === 'inline') return spec.dataset;
  return loadBuiltinDataset(spec.id, source, { seed, onProgress });
}

/** A shipped checkpoint, or null when the file is not there (or is not a checkpoint). */
export async function fetchCheckpoint(
  source: ByteSource,
  file: string,
): Promise<{ ckpt: Checkpoint } | { missing: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await source(file);
  } catch (e) {
    return { missing: e instanceof Error ? e.message : String(e) };
  }
  try {
    return { ckpt: readCheckpoint(bytes) };
  } catch (e) {
    // A static host may answer an unknown path with its index page.
    return { missing: e instanceof Error ? e.message : String(e) };
  }
}
