import { describe, expect, it } from 'vitest';
import { browserDecoder } from '../../../../src/core/data/upload/browserDecode';
import { sortEntries } from '../../../../src/core/data/upload/entries';
import { packRgba, resizeToRgb, rgbToGray } from '../../../../src/core/data/upload/resize';
import { sniffImage } from '../../../../src/core/data/upload/sniff';
import { suggestModel } from '../../../../src/core/data/upload/suggest';
import { uploadTransferables } from '../../../../src/core/data/upload/transfer';
import { parseCsvBytes } from '../../../../src/core/data/upload/csv';
import type { DecodedImage } from '../../../../src/core/data/upload/types';
import { architecture, layerInfos } from '../../../../src/core/models/zoo';
import { grayPng, rgbPng } from './helpers';
import * as upload from '../../../../src/core/data/upload';

const gray = (width: number, height: number, px: number[]): DecodedImage => ({
  width,
  height,
  channels: 1,
  pixels: Uint8Array.from(px),
});

describe('resize', () => {
  it('shrinks by area averaging and keeps gray gray', () => {
    const img = gray(4, 2, [0, 100, 200, 40, 10, 20, 30, 40]);
    const { rgb, gray: isGray } = resizeToRgb(img, 1, 2);
    expect(isGray).toBe(true);
    expect(Array.from(rgbToGray(rgb))).toEqual([
      Math.round((0 + 100 + 10 + 20) / 4),
      Math.round((200 + 40 + 30 + 40) / 4),
    ]);
  });

  it('handles a non-integer factor: 3 -> 2 averages 1.5 pixels each', () => {
    const { rgb } = resizeToRgb(gray(3, 1, [0, 90, 180]), 1, 2);
    expect(Array.from(rgbToGray(rgb))).toEqual([30, 150]);
  });

  it('grows by linear interpolation and keeps the size when equal', () => {
    const { rgb } = resizeToRgb(gray(2, 1, [0, 100]), 1, 4);
    expect(Array.from(rgbToGray(rgb))).toEqual([0, 25, 75, 100]);
    const same = gray(3, 2, [1, 2, 3, 4, 5, 6]);
    expect(Array.from(rgbToGray(resizeToRgb(same, 2, 3).rgb))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('premultiplies alpha (transparent is black) and converts colour with BT.601 luma', () => {
    const rgba: DecodedImage = {
      width: 2,
      height: 1,
      channels: 4,
      pixels: Uint8Array.of(255, 0, 0, 255, 255, 255, 255, 0),
    };
    const { rgb, gray: isGray } = resizeToRgb(rgba, 1, 2);
    expect(Array.from(rgb)).toEqual([255, 0, 0, 0, 0, 0]);
    expect(isGray).toBe(false);
    expect(Array.from(rgbToGray(rgb))).toEqual([76, 0]);
  });

  it('repacks canvas RGBA into the file channel count', () => {
    const rgba = Uint8ClampedArray.of(1, 1, 1, 200, 2, 2, 2, 100);
    expect(Array.from(packRgba(rgba, 1))).toEqual([1, 2]);
    expect(Array.from(packRgba(rgba, 2))).toEqual([1, 200, 2, 100]);
    expect(Array.from(packRgba(rgba, 3))).toEqual([1, 1, 1, 2, 2, 2]);
    expect(Array.from(packRgba(rgba, 4))).toEqual(Array.from(rgba));
  });
});

describe('sniffImage', () => {
  const jpeg = Uint8Array.of(
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    4,
    0,
    0,
    0xff,
    0xc0,
    0,
    11,
    8,
    0,
    30,
    0,
    40,
    1,
    1,
    0x11,
    0,
  );
  it.each<[string, Uint8Array, object | undefined]>([
    ['PNG gray', grayPng(5, 3), { format: 'png', width: 5, height: 3, channels: 1 }],
    ['PNG RGB', rgbPng(2, 9), { format: 'png', width: 2, height: 9, channels: 3 }],
    ['JPEG gray', jpeg, { format: 'jpeg', width: 40, height: 30, channels: 1 }],
    ['JPEG cut short', jpeg.slice(0, 12), { format: 'jpeg' }],
    [
      'GIF',
      Uint8Array.from([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([10, 0, 20, 0])),
      { format: 'gif', width: 10, height: 20 },
    ],
    [
      'BMP',
      Uint8Array.from(
        { length: 30 },
        (_, i) =>
          [0x42, 0x4d][i] ??
          (i === 18 ? 7 : i === 22 ? 0xfd : i > 22 && i < 26 ? 0xff : i === 28 ? 32 : 0),
      ),
      { format: 'bmp', width: 7, height: 3, channels: 4 },
    ],
    [
      'WebP lossless',
      Uint8Array.from(
        [...'RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f']
          .map((c) => c.charCodeAt(0))
          .concat([9, 0x40, 0x02, 0x10]),
      ),
      { format: 'webp', width: 10, height: 10, channels: 4 },
    ],
    ['text', new TextEncoder().encode('hello'), undefined],
  ])('%s', (_, bytes, expected) => {
    const info = sniffImage(bytes);
    if (expected === undefined) expect(info).toBeUndefined();
    else expect(info).toMatchObject(expected);
  });
});

describe('suggestModel', () => {
  it.each<[readonly number[], number, 'webgpu' | 'webgl' | 'wasm' | 'cpu' | undefined, string]>([
    [[4], 3, undefined, 'mlp'],
    [[200], 100, 'webgl', 'mlp'],
    [[28, 28, 1], 10, 'webgpu', 'lenet5'],
    [[28, 28, 3], 10, 'wasm', 'mlp'],
    [[8, 8, 1], 2, 'webgl', 'mlp'],
    [[64, 64, 3], 100, 'cpu', 'mlp'],
  ])('%j with %i classes on %s: %s, and it builds', (shape, classes, backend, id) => {
    const s = suggestModel(shape, classes, backend);
    expect(s.model.id).toBe(id);
    expect(s.reason.length).toBeGreaterThan(10);
    const arch = architecture(s.model, shape, classes);
    expect(arch.layers.at(-1)).toMatchObject({ units: classes });
    expect(layerInfos(arch).every((l) => l.size > 0)).toBe(true);
  });

  it('keeps the first layer of a large image MLP small enough to draw every connection', () => {
    const s = suggestModel([128, 128, 1], 3, 'wasm');
    expect(s.model).toEqual({ id: 'mlp', hidden: [90, 30] });
    expect(suggestModel([28, 28, 1], 10, 'wasm').model).toEqual({ id: 'mlp', hidden: [300, 100] });
  });
});

describe('sortEntries', () => {
  const e = (path: string, size = 10) => ({ path, size });
  it('strips every folder the images share, and the class is the first folder below', () => {
    const s = sortEntries([e('a/b/cat/1.png'), e('a/b/dog/x/2.png'), e('a/notes.txt')], 100);
    expect(s.images.map((i) => [i.className, i.path])).toEqual([
      ['cat', 'cat/1.png'],
      ['dog', 'dog/x/2.png'],
    ]);
    expect(s.skipped).toEqual([{ path: 'a/notes.txt', reason: 'not-an-image' }]);
  });

  it('ignores directory entries and sorts naturally', () => {
    const s = sortEntries([e('c/'), e('c/10.PNG'), e('c/9.jpg'), e('d/1.webp')], 100);
    expect(s.images.map((i) => i.path)).toEqual(['c/9.jpg', 'c/10.PNG', 'd/1.webp']);
    expect(s.skipped).toEqual([]);
  });
});

describe('browserDecoder', () => {
  it('is absent in Node, so the PNG decoder is the default there', () => {
    expect(browserDecoder()).toBeUndefined();
  });

  it('decodes through createImageBitmap and OffscreenCanvas, keeping the file channels', async () => {
    let closed = 0;
    let alpha = 255;
    const apis = {
      Blob,
      createImageBitmap: async () =>
        ({ width: 2, height: 1, close: () => closed++ }) as unknown as ImageBitmap,
      OffscreenCanvas: class {
        constructor(
          readonly width: number,
          readonly height: number,
        ) {}
        getContext() {
          return {
            drawImage: () => undefined,
            getImageData: () => ({ data: Uint8ClampedArray.of(9, 9, 9, 255, 7, 7, 7, alpha) }),
          };
        }
      } as unknown as new (w: number, h: number) => OffscreenCanvas,
    };
    const decode = browserDecoder(apis)!;
    const img = await decode(grayPng(2, 1), 'a.png');
    expect(img).toEqual({ width: 2, height: 1, channels: 1, pixels: Uint8Array.of(9, 7) });
    alpha = 0;
    expect((await decode(grayPng(2, 1), 'a.png')).channels).toBe(2);
    expect(closed).toBe(2);
  });
});

describe('uploadTransferables', () => {
  it('lists each split buffer once, and they can move to a worker', async () => {
    const text = 'x,label\n' + Array.from({ length: 20 }, (_, i) => `${i % 6},${i % 2}`).join('\n');
    const r = await parseCsvBytes(new TextEncoder().encode(text), 'd.csv');
    if (!r.ok) throw new Error(r.error.message);
    const buffers = uploadTransferables(r.dataset, r.report);
    expect(buffers).toHaveLength(6);
    const moved = structuredClone(r.dataset, { transfer: buffers });
    expect(moved.train.count).toBe(r.report.split.train);
    expect(r.dataset.train.x.byteLength).toBe(0); // detached: moved, not copied
  });
});

describe('the upload barrel', () => {
  it('exposes the public API', () => {
    for (const f of [
      upload.parseCsvUpload,
      upload.parseImageZip,
      upload.parseImageFolder,
      upload.openUploadStore,
      upload.defaultDecoder,
    ])
      expect(typeof f).toBe('function');
    expect(upload.defaultDecoder()).toBe(upload.pngDecoder);
    expect(upload.IMAGE_DEFAULTS.maxImages).toBe(20_000);
  });
});
