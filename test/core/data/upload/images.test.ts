import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { labelHistogram } from '../../../../src/core/data/types';
import { parseImageFolder, parseImageZip } from '../../../../src/core/data/upload/images';
import { decodePng } from '../../../../src/core/data/upload/png';
import type {
  ImageDecoder,
  ImageOptions,
  ImageReport,
  UploadResult,
} from '../../../../src/core/data/upload/types';
import { architecture } from '../../../../src/core/models/zoo';
import { PUBLIC_DIR } from '../../../../src/node/fsSource';
import { folder, grayPng, hugeFile, memFile, rgbPng } from './helpers';

const SAMPLE = new Uint8Array(
  readFileSync(join(PUBLIC_DIR, 'datasets/images/fashion-mnist-3class-sample.zip')),
);

async function ok(r: Promise<UploadResult<ImageReport>>) {
  const res = await r;
  if (!res.ok) throw new Error(`expected a dataset, got ${res.error.code}: ${res.error.message}`);
  return res;
}
async function err(r: Promise<UploadResult<ImageReport>>) {
  const res = await r;
  if (res.ok) throw new Error('expected an error');
  expect(res.error.message.length).toBeGreaterThan(20);
  return res;
}
/** Two gray 8x8 images per class. */
const classes = (...names: string[]) =>
  Object.fromEntries(
    names.flatMap((n, k) =>
      [1, 2].map((i) => [`${n}/${i}.png`, grayPng(8, 8, (x, y) => (x + y + k * 40 + i) * 5)]),
    ),
  );
const zipOf = (files: Record<string, Uint8Array>, name = 'pics.zip') =>
  memFile(zipSync(files, { level: 0 }), name);
const counting = (): ImageDecoder & { calls: number } => {
  const d = Object.assign(
    async (b: Uint8Array) => {
      d.calls++;
      return decodePng(b);
    },
    { calls: 0 },
  );
  return d;
};

describe('the sample zip, end to end in Node', () => {
  it('90 PNGs in 3 class folders become a 28x28x1 uint8 dataset like MNIST', async () => {
    const { dataset: d, report, warnings } = await ok(parseImageZip(memFile(SAMPLE, 'sample.zip')));
    expect(warnings).toEqual([]);
    expect(d.classNames).toEqual(['bag', 'sneaker', 'trouser']);
    expect(d.inputShape).toEqual([28, 28, 1]);
    expect(d.featureSize).toBe(784);
    expect(d.xScale).toBeCloseTo(1 / 255, 12);
    expect(d.train.x).toBeInstanceOf(Uint8Array);
    expect(report).toMatchObject({
      images: 90,
      color: 'grayscale',
      resized: 0,
      skipped: 0,
      distinctSizes: 1,
    });
    expect(report.split).toEqual({ train: 54, validation: 18, test: 18 });
    expect(labelHistogram(d.train.y, 3)).toEqual([18, 18, 18]);
    expect(labelHistogram(d.test.y, 3)).toEqual([6, 6, 6]);
    expect(report.classes.map((c) => c.count)).toEqual([30, 30, 30]);
    expect(report.sizes).toEqual([{ width: 28, height: 28, count: 90 }]);
    expect(report.channels).toEqual([{ channels: 1, count: 90 }]);
    expect(report.samples.map((s) => [s.className, s.images.length])).toEqual([
      ['bag', 8],
      ['sneaker', 8],
      ['trouser', 8],
    ]);
    // no resize at 28x28: the first sample is the first bag PNG, byte for byte
    const files = unzipSync(SAMPLE);
    const firstBag = Object.keys(files)
      .filter((n) => n.startsWith('bag/'))
      .sort()[0]!;
    expect(Array.from(report.samples[0]!.images[0]!)).toEqual(
      Array.from(decodePng(files[firstBag]!).pixels),
    );
    expect(report.suggestedModel.model).toEqual({ id: 'mlp', hidden: [300, 100] });
  });

  it('suggests LeNet-5 on a GPU backend, and it builds for 3 classes', async () => {
    const { dataset: d, report } = await ok(
      parseImageZip(memFile(SAMPLE, 'sample.zip'), { backend: 'webgl' }),
    );
    expect(report.suggestedModel.model).toEqual({ id: 'lenet5' });
    const arch = architecture(report.suggestedModel.model, d.inputShape, d.numClasses);
    expect(arch.layers.at(-1)).toMatchObject({ kind: 'dense', units: 3 });
  });

  it('resizes and converts on request, and is seeded', async () => {
    const small = await ok(
      parseImageZip(memFile(SAMPLE, 'sample.zip'), {
        height: 14,
        width: 12,
        color: 'rgb',
        seed: 7,
      }),
    );
    expect(small.dataset.inputShape).toEqual([14, 12, 3]);
    expect(small.report.resized).toBe(90);
    const px = small.dataset.train.x;
    for (let i = 0; i < px.length; i += 3) expect(px[i + 1]).toBe(px[i]);
    const again = await ok(
      parseImageZip(memFile(SAMPLE, 'sample.zip'), {
        height: 14,
        width: 12,
        color: 'rgb',
        seed: 7,
      }),
    );
    expect(Array.from(again.dataset.validation.y)).toEqual(Array.from(small.dataset.validation.y));
    expect(again.dataset.id).toBe(small.dataset.id);
  });
});

describe('image folders', () => {
  it('strips the dropped folder, resizes mixed sizes and channels, and says so', async () => {
    const files = folder({
      'pets/cat/a.png': grayPng(10, 10),
      'pets/cat/b.png': grayPng(40, 30),
      'pets/dog/a.png': rgbPng(28, 28),
      'pets/dog/b.png': grayPng(28, 28),
    });
    const { dataset: d, report, warnings } = await ok(parseImageFolder('pets', files));
    expect(d.classNames).toEqual(['cat', 'dog']);
    expect(report.color).toBe('rgb');
    expect(d.inputShape).toEqual([28, 28, 3]);
    expect(report.resized).toBe(2);
    expect(report.distinctSizes).toBe(3);
    expect(report.channels).toEqual([
      { channels: 1, count: 3 },
      { channels: 3, count: 1 },
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['mixed-sizes', 'mixed-channels']);
    expect(warnings[0]!.message).toMatch(/3 sizes .* all were resized to 28x28/);
  });

  it('skips and lists non-images, system files and loose files', async () => {
    const files = folder({
      ...classes('cat', 'dog'),
      'README.txt': new Uint8Array(3),
      'cat/notes.md': new Uint8Array(3),
      '__MACOSX/cat/._1.png': new Uint8Array(3),
      'dog/.DS_Store': new Uint8Array(3),
      'loose.png': grayPng(4, 4),
    });
    const { report, warnings } = await ok(parseImageFolder('drop', files));
    expect(report.images).toBe(4);
    expect(report.skipped).toBe(5);
    const skipped = Object.fromEntries(
      warnings.map((w) =>
        w.code === 'skipped-entries' ? [w.reason, w.entries.map((e) => e.path)] : [w.code, []],
      ),
    );
    expect(skipped).toEqual({
      'not-an-image': ['README.txt', 'cat/notes.md'],
      'system-file': ['__MACOSX/cat/._1.png', 'dog/.DS_Store'],
      'outside-class-folder': ['loose.png'],
    });
  });

  it('refuses a folder over the size cap before reading any file', async () => {
    const files = [
      { path: 'a/1.png', file: hugeFile(80e6, '1.png') },
      { path: 'b/1.png', file: hugeFile(80e6, '2.png') },
    ];
    const { error } = await err(parseImageFolder('huge', files));
    expect(error).toMatchObject({ code: 'too-large', file: 'huge', bytes: 160e6 });
  });
});

describe('bad image uploads', () => {
  it('skips a corrupt PNG and a JPEG the Node decoder cannot read, and keeps going', async () => {
    const bad = grayPng(8, 8).slice(0, 40);
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70);
    const files = {
      ...classes('a', 'b'),
      'a/3.png': bad,
      'b/3.jpg': jpeg,
      'b/4.png': new TextEncoder().encode('not an image'),
    };
    const { report, warnings } = await ok(parseImageZip(zipOf(files)));
    expect(report.images).toBe(4);
    const w = warnings.find((x) => x.code === 'skipped-entries');
    expect(w).toMatchObject({ reason: 'corrupt-image', count: 3 });
    expect(w?.code === 'skipped-entries' && w.entries.map((e) => e.path)).toEqual([
      'a/3.png',
      'b/3.jpg',
      'b/4.png',
    ]);
    expect(w?.code === 'skipped-entries' && w.entries[2]!.detail).toMatch(/not a PNG, JPEG/);
  });

  it('a class folder with one image is an error naming it', async () => {
    const { error } = await err(
      parseImageZip(zipOf({ ...classes('cat'), 'dog/only.png': grayPng(8, 8) })),
    );
    expect(error).toMatchObject({
      code: 'class-too-small',
      className: 'dog',
      count: 1,
      min: 2,
      where: ['dog/only.png'],
    });
  });

  it('a class whose images are all corrupt is an error, with the skipped entries listed', async () => {
    const r = await err(
      parseImageZip(
        zipOf({
          ...classes('cat'),
          'dog/1.png': new Uint8Array(9),
          'dog/2.png': new Uint8Array(9),
        }),
      ),
    );
    expect(r.error).toMatchObject({ code: 'class-too-small', className: 'dog', count: 0 });
    expect(r.warnings[0]).toMatchObject({
      code: 'skipped-entries',
      reason: 'corrupt-image',
      count: 2,
    });
  });

  it.each<[string, Record<string, Uint8Array>, ImageOptions, object]>([
    ['one class', classes('cat'), {}, { code: 'too-few-classes', classes: ['cat'] }],
    ['no images', { 'cat/a.txt': new Uint8Array(1) }, {}, { code: 'no-images' }],
    [
      'more images than the cap',
      classes('a', 'b', 'c'),
      { maxImages: 5 },
      { code: 'too-many-images', count: 6, max: 5 },
    ],
    [
      'more classes than the cap',
      classes('a', 'b', 'c'),
      { maxClasses: 2 },
      { code: 'too-many-classes', count: 3 },
    ],
    [
      'a dataset too big for memory',
      classes('a', 'b'),
      { maxDatasetBytes: 1000 },
      { code: 'dataset-too-large', bytes: 4 * 28 * 28 * 3 },
    ],
    [
      'a bad size option',
      classes('a', 'b'),
      { height: 1000 },
      { code: 'bad-option', option: 'height' },
    ],
    [
      'a bad colour option',
      classes('a', 'b'),
      { color: 'sepia' as 'rgb' },
      { code: 'bad-option', option: 'color' },
    ],
  ])('%s', async (_, files, options, expected) => {
    const decoder = counting();
    const { error } = await err(parseImageZip(zipOf(files), options, { decoder }));
    expect(error).toMatchObject(expected);
    if (!('no-images' === error.code || 'too-few-classes' === error.code))
      expect(decoder.calls).toBe(0);
  });

  it('skips images over the pixel cap from their header, before decoding', async () => {
    const decoder = counting();
    const files = { ...classes('a', 'b'), 'a/big.png': grayPng(100, 100) };
    const { warnings } = await ok(
      parseImageZip(zipOf(files), { maxImagePixels: 5000 }, { decoder }),
    );
    expect(warnings[0]).toMatchObject({
      code: 'skipped-entries',
      reason: 'too-large',
      entries: [{ path: 'a/big.png', detail: '100x100 pixels' }],
    });
    expect(decoder.calls).toBe(4);
  });

  it('uses an injected decoder; a hanging or lying decoder only skips its image', async () => {
    const fake: ImageDecoder = async (bytes, name) => {
      if (name.includes('hang')) return new Promise(() => undefined);
      if (name.includes('lie'))
        return { width: 4, height: 4, channels: 1, pixels: new Uint8Array(3) };
      return decodePng(bytes);
    };
    const files = { ...classes('a', 'b'), 'a/hang.png': grayPng(4, 4), 'b/lie.png': grayPng(4, 4) };
    const { report, warnings } = await ok(
      parseImageZip(zipOf(files), {}, { decoder: fake, decodeTimeoutMs: 30 }),
    );
    expect(report.images).toBe(4);
    const w = warnings[0]!;
    expect(w.code === 'skipped-entries' && w.entries.map((e) => e.detail)).toEqual([
      'decoding took over 30 ms',
      'the decoder returned the wrong number of pixels',
    ]);
  });

  it('reports progress to the end', async () => {
    const seen: [number, number][] = [];
    await ok(
      parseImageZip(zipOf(classes('a', 'b')), {}, { onProgress: (d, t) => seen.push([d, t]) }),
    );
    expect(seen.at(-1)).toEqual([4, 4]);
    expect(seen).toHaveLength(5);
  });
});
