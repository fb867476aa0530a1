import { takeExamples } from '../split';
import type { Dataset } from '../types';
import { guarded, imbalance, naturalCompare, splitIndices, splitSizes, uploadId } from './common';
import type { Warn } from './common';
import { defaultDecoder } from './decode';
import { sortEntries, warnSkipped } from './entries';
import { fail, uploadWarning } from './errors';
import type { Collected } from './imageCollect';
import { collectImages } from './imageCollect';
import type { ResolvedImageOptions } from './imageOptions';
import { resolveImageOptions } from './imageOptions';
import type { ImageSource } from './imageSource';
import { openSource, sourceName } from './imageSource';
import { rgbToGray } from './resize';
import { suggestModel } from './suggest';
import type {
  ClassSamples,
  FolderFile,
  ImageEnv,
  ImageOptions,
  ImageReport,
  UploadFile,
  UploadResult,
} from './types';

export { IMAGE_DEFAULTS } from './imageOptions';

/** Parses a zip of class folders (`cat/001.png`). Never throws. */
export function parseImageZip(file: UploadFile, options: ImageOptions = {}, env: ImageEnv = {}) {
  return parseImageUpload({ kind: 'zip', file }, options, env);
}

/** Parses the files of a dropped folder, one sub-folder per class. Never throws. */
export function parseImageFolder(
  name: string,
  files: readonly FolderFile[],
  options: ImageOptions = {},
  env: ImageEnv = {},
) {
  return parseImageUpload({ kind: 'folder', name, files }, options, env);
}

/**
 * Decodes, resizes (default 28x28) and splits an image upload into a uint8 dataset (xScale 1/255,
 * inputShape [h, w, c]) and its preview. Skipped entries are warnings; caps, zip bombs and classes
 * with too few images are errors. Never throws.
 */
export function parseImageUpload(
  source: ImageSource,
  options: ImageOptions = {},
  env: ImageEnv = {},
): Promise<UploadResult<ImageReport>> {
  const file = sourceName(source);
  return guarded(file, async (warn) => {
    const o = resolveImageOptions(options, env);
    const sorted = sortEntries(await openSource(source, o.caps), o.caps.maxEntryBytes);
    const n = sorted.images.length;
    if (n > o.maxImages) fail({ code: 'too-many-images', file, count: n, max: o.maxImages });
    const folders = [...new Set(sorted.images.map((e) => e.className))].sort(naturalCompare);
    if (folders.length > o.maxClasses) {
      const count = folders.length;
      fail({ code: 'too-many-classes', file, count, max: o.maxClasses, looksContinuous: false });
    }
    const worst = n * o.height * o.width * (o.color === 'grayscale' ? 1 : 3);
    if (worst > o.maxDatasetBytes)
      fail({ code: 'dataset-too-large', file, bytes: worst, maxBytes: o.maxDatasetBytes });
    const decoder = env.decoder ?? defaultDecoder();
    const collected = await collectImages(sorted.images, decoder, o, env, sorted.skipped);
    warnSkipped(sorted.skipped, file, warn);
    const { kept } = collected;
    if (kept.length === 0) fail({ code: 'no-images', file });
    if (folders.length < 2) fail({ code: 'too-few-classes', file, classes: folders });
    const classes = folders.map((name) => ({
      name,
      count: kept.filter((k) => k.className === name).length,
    }));
    for (const c of classes)
      if (c.count < o.minPerClass) {
        const where = sorted.images.filter((i) => i.className === c.name).map((i) => i.path);
        const { name: className, count } = c;
        fail({ code: 'class-too-small', file, className, count, min: o.minPerClass, where });
      }
    const skipped = sorted.skipped.length;
    return assemble(file, folders, classes, { ...collected, skipped }, o, options, warn);
  });
}

/** Builds the uint8 dataset, its seeded split and the preview from the collected images. */
function assemble(
  file: string,
  classNames: readonly string[],
  classes: readonly { name: string; count: number }[],
  { kept, sizes, channels, allGray, resized, hash, skipped }: Collected & { skipped: number },
  o: ResolvedImageOptions,
  options: ImageOptions,
  warn: Warn,
): { dataset: Dataset; report: ImageReport } {
  const color = o.color === 'rgb' || (o.color === 'auto' && !allGray) ? 'rgb' : 'grayscale';
  const c = color === 'rgb' ? 3 : 1;
  const pixels = o.height * o.width * c;
  const index = new Map(classNames.map((n, k) => [n, k]));
  const x = new Uint8Array(kept.length * pixels);
  const y = new Uint8Array(kept.length);
  kept.forEach((k, i) => {
    x.set(c === 3 ? k.rgb : rgbToGray(k.rgb), i * pixels);
    y[i] = index.get(k.className)!;
  });
  const sizeList = [...sizes.values()].sort((a, b) => b.count - a.count).slice(0, 20);
  const channelList = [...channels]
    .map(([ch, count]) => ({ channels: ch, count }))
    .sort((a, b) => b.count - a.count);
  const target = [o.height, o.width] as const;
  if (sizes.size > 1)
    warn(
      uploadWarning({ code: 'mixed-sizes', file, sizes: sizeList, distinct: sizes.size, target }),
    );
  if (channelList.length > 1)
    warn(uploadWarning({ code: 'mixed-channels', file, channels: channelList, color }));
  const split = splitIndices(y, options, file);
  const all = { count: kept.length, x, y };
  const inputShape = [o.height, o.width, c] as const;
  const samples: ClassSamples[] = classNames.map((className, classIndex) => {
    const images: Uint8Array[] = [];
    for (let i = 0; i < kept.length && images.length < o.samplesPerClass; i++)
      if (y[i] === classIndex) images.push(x.slice(i * pixels, (i + 1) * pixels));
    return { className, classIndex, images };
  });
  const dataset: Dataset = {
    id: options.id ?? uploadId(file, hash, { ...options, id: undefined, title: undefined }),
    title: options.title ?? file,
    inputShape,
    featureSize: pixels,
    numClasses: classNames.length,
    classNames,
    xScale: 1 / 255,
    train: takeExamples(all, split.train),
    validation: takeExamples(all, split.validation),
    test: takeExamples(all, split.test),
    license: 'uploaded by you',
    attribution: file,
  };
  const report: ImageReport = {
    kind: 'images',
    file,
    images: kept.length,
    classes,
    imbalance: imbalance(classes, file, warn),
    inputShape,
    color,
    samples,
    sizes: sizeList,
    distinctSizes: sizes.size,
    channels: channelList,
    resized,
    skipped,
    split: splitSizes(split),
    suggestedModel: suggestModel(inputShape, classNames.length, options.backend),
  };
  return { dataset, report };
}
