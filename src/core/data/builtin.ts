import Papa from 'papaparse';
import { createRng } from '../rng';
import { maybeGunzip } from './gzip';
import type { BuiltinDatasetId } from './ids';
import type { ManifestEntry } from './manifest';
import { parseManifest } from './manifest';
import { applyStandardizer, fitStandardizer } from './normalize';
import { carveValidation, stratifiedPartition } from './split';
import type { TOY_SETS, ToyOptions, ToySet } from './toy';
import { makeToySet, TOY_CLASSES } from './toy';
import type { ByteSource, Dataset, DataSplit, LoadProgress } from './types';

/** Default validation examples carved from the training split, per dataset. */
export const DEFAULT_VALIDATION: Partial<Record<BuiltinDatasetId, number>> = {
  mnist: 5000,
  'fashion-mnist': 2000,
};

export interface LoadOptions {
  /** Seed of the validation carve and of the tabular/toy splits. */
  readonly seed?: number;
  /** Validation examples carved from train (image sets); default per dataset. */
  readonly validationCount?: number;
  readonly onProgress?: (p: LoadProgress) => void;
  readonly toy?: ToyOptions;
}

const TITLES: Record<(typeof TOY_SETS)[number], string> = {
  circle: 'Circle (2-D toy)',
  xor: 'XOR (2-D toy)',
  gaussians: 'Three Gaussians (2-D toy)',
  spiral: 'Two spirals (2-D toy)',
};

/** Loads the manifest shipped beside the data. */
export async function loadManifest(source: ByteSource) {
  const bytes = await source('manifest.json');
  return parseManifest(JSON.parse(new TextDecoder().decode(bytes)));
}

/** Loads a built-in dataset through `source` (fetch in the browser, fs in Node). */
export async function loadBuiltinDataset(
  id: BuiltinDatasetId,
  source: ByteSource,
  opts: LoadOptions = {},
): Promise<Dataset> {
  const seed = opts.seed ?? 1;
  if (id === 'circle' || id === 'xor' || id === 'gaussians' || id === 'spiral')
    return toyDataset(id, { seed, ...opts.toy });
  const manifest = await loadManifest(source);
  const entry = manifest.datasets[id];
  if (!entry) throw new Error(`datasets/manifest.json has no entry for "${id}"`);
  if (id === 'mnist' || id === 'fashion-mnist') return imageDataset(id, entry, source, opts);
  return csvDataset(id, entry, source, seed);
}

/** The raw train and test splits of an image dataset, checked against the manifest's counts. */
export async function loadImageSplits(
  id: 'mnist' | 'fashion-mnist',
  entry: ManifestEntry,
  source: ByteSource,
  onProgress?: (p: LoadProgress) => void,
): Promise<{ train: DataSplit; test: DataSplit; pixels: number }> {
  const splits = entry.splits;
  const shape = entry.imageShape;
  if (!splits || !shape) throw new Error(`manifest entry "${id}" lacks splits or imageShape`);
  const pixels = shape.reduce((p, q) => p * q, 1);
  const files = [splits.train.images, splits.train.labels, splits.test.images, splits.test.labels];
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const done = files.map(() => 0);
  const report = (k: number, file: string) => (fraction: number) => {
    done[k] = fraction * files[k]!.bytes;
    onProgress?.({ file, fraction: done.reduce((a, b) => a + b, 0) / total });
  };
  const raw = await Promise.all(
    files.map(async (f, k) =>
      maybeGunzip(await source(f.file, { expected: f, onFraction: report(k, f.file) })),
    ),
  );
  const [trX, trY, teX, teY] = raw as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const check = (x: Uint8Array, y: Uint8Array, count: number, name: string): DataSplit => {
    if (x.length !== count * pixels || y.length !== count)
      throw new Error(
        `${id} ${name}: expected ${count} images of ${pixels} bytes and ${count} labels, got ${x.length} and ${y.length} bytes`,
      );
    return { count, x, y };
  };
  return {
    train: check(trX, trY, splits.train.count, 'train'),
    test: check(teX, teY, splits.test.count, 'test'),
    pixels,
  };
}

async function imageDataset(
  id: 'mnist' | 'fashion-mnist',
  entry: ManifestEntry,
  source: ByteSource,
  opts: LoadOptions,
): Promise<Dataset> {
  const { train, test, pixels } = await loadImageSplits(id, entry, source, opts.onProgress);
  const shape = entry.imageShape!;
  const nVal = opts.validationCount ?? DEFAULT_VALIDATION[id] ?? 0;
  const carved = carveValidation(train, nVal, createRng(opts.seed ?? 1).fork('validation'));
  return {
    id,
    title: entry.title,
    inputShape: [shape[0]!, shape[1]!, 1],
    featureSize: pixels,
    numClasses: entry.classes.length,
    classNames: entry.classes,
    xScale: 1 / 255,
    train: carved.train,
    validation: carved.validation,
    test,
    license: entry.license,
    attribution: entry.attribution,
  };
}

async function csvDataset(
  id: BuiltinDatasetId,
  entry: ManifestEntry,
  source: ByteSource,
  seed: number,
): Promise<Dataset> {
  const file = entry.files?.['csv']?.file;
  if (!file) throw new Error(`manifest entry "${id}" lacks files.csv`);
  const text = new TextDecoder().decode(maybeGunzip(await source(file)));
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const rows = parsed.data.slice(1);
  const d = (parsed.data[0]?.length ?? 1) - 1;
  const x = new Float32Array(rows.length * d);
  const y = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    for (let j = 0; j < d; j++) x[i * d + j] = Number(row[j]);
    const label = row[d] ?? '';
    const named = entry.classes.indexOf(label);
    y[i] = named >= 0 ? named : Number(label);
  });
  return tabularDataset(
    id,
    entry.title,
    { count: rows.length, x, y },
    d,
    entry.classes,
    seed,
    entry,
  );
}

function toyDataset(id: ToySet, opts: ToyOptions & { seed: number }): Dataset {
  const all = makeToySet(id, opts);
  return tabularDataset(id, TITLES[id], all, 2, TOY_CLASSES[id], opts.seed, {
    license: 'generated',
    attribution: 'Generated by the lab from a seed',
  });
}

/** Stratified seeded 60/20/20 train/validation/test split, standardised on the train part. */
export function tabularDataset(
  id: string,
  title: string,
  all: DataSplit,
  featureSize: number,
  classNames: readonly string[],
  seed: number,
  meta: { license?: string; attribution?: string } = {},
): Dataset {
  const [tr, va, te] = stratifiedPartition(all, [0.6, 0.2, 0.2], createRng(seed).fork('split'));
  const s = fitStandardizer(tr!, featureSize);
  return {
    id,
    title,
    inputShape: [featureSize],
    featureSize,
    numClasses: classNames.length,
    classNames,
    xScale: 1,
    train: applyStandardizer(tr!, s),
    validation: applyStandardizer(va!, s),
    test: applyStandardizer(te!, s),
    ...meta,
  };
}
