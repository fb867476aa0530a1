import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodePng, PngError } from '../../../../src/core/data/upload/png';
import { sniffImage } from '../../../../src/core/data/upload/sniff';
import { PUBLIC_DIR } from '../../../../src/node/fsSource';
import { createRng } from '../../../../src/core/rng';
import type { PngSpec } from './helpers';
import { encodePng, grayPng } from './helpers';

const SAMPLES = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

/** Random samples for a spec, and the 8-bit pixels the decoder should give. */
function randomImage(spec: Omit<PngSpec, 'samples'>, seed: number) {
  const rng = createRng(seed);
  const spp = SAMPLES[spec.colorType];
  const n = spec.width * spec.height;
  const max = spec.colorType === 3 ? spec.palette!.length / 3 : 2 ** spec.depth;
  const samples = Array.from({ length: n * spp }, () => rng.int(max));
  let expected: number[];
  if (spec.colorType === 3) {
    const p = spec.palette!;
    const t = spec.trns;
    expected = samples.flatMap((i) => [
      p[i * 3]!,
      p[i * 3 + 1]!,
      p[i * 3 + 2]!,
      ...(t ? [t[i] ?? 255] : []),
    ]);
  } else if (spec.depth === 16) expected = samples.map((v) => v >> 8);
  else if (spec.depth < 8)
    expected = samples.map((v) => Math.round((v * 255) / (2 ** spec.depth - 1)));
  else expected = samples;
  return { bytes: encodePng({ ...spec, samples }), expected };
}

const palette = Uint8Array.from({ length: 3 * 5 }, (_, i) => (i * 53) & 255);
const cases: [string, Omit<PngSpec, 'samples'>][] = [
  ['gray 1-bit', { width: 13, height: 5, colorType: 0, depth: 1 }],
  ['gray 2-bit', { width: 9, height: 4, colorType: 0, depth: 2 }],
  ['gray 4-bit', { width: 7, height: 6, colorType: 0, depth: 4 }],
  ['gray 8-bit', { width: 17, height: 11, colorType: 0, depth: 8 }],
  ['gray 16-bit', { width: 5, height: 5, colorType: 0, depth: 16 }],
  ['RGB 8-bit', { width: 10, height: 7, colorType: 2, depth: 8 }],
  ['RGB 16-bit', { width: 6, height: 3, colorType: 2, depth: 16 }],
  ['gray+alpha 8-bit', { width: 8, height: 8, colorType: 4, depth: 8 }],
  ['gray+alpha 16-bit', { width: 3, height: 9, colorType: 4, depth: 16 }],
  ['RGBA 8-bit', { width: 12, height: 12, colorType: 6, depth: 8 }],
  ['RGBA 16-bit', { width: 4, height: 4, colorType: 6, depth: 16 }],
  ['palette 4-bit', { width: 11, height: 3, colorType: 3, depth: 4, palette }],
  [
    'palette 8-bit + tRNS',
    { width: 6, height: 6, colorType: 3, depth: 8, palette, trns: Uint8Array.of(0, 128) },
  ],
  ['interlaced gray 1-bit', { width: 19, height: 13, colorType: 0, depth: 1, interlace: true }],
  ['interlaced RGBA', { width: 9, height: 10, colorType: 6, depth: 8, interlace: true }],
  ['interlaced 1x1', { width: 1, height: 1, colorType: 2, depth: 8, interlace: true }],
  ['split IDAT', { width: 16, height: 16, colorType: 2, depth: 8, idatChunks: 5 }],
];

describe('decodePng', () => {
  it.each(cases)('round-trips %s through every row filter', (_, spec) => {
    const { bytes, expected } = randomImage(spec, spec.width * 31 + spec.height);
    const img = decodePng(bytes);
    expect([img.width, img.height]).toEqual([spec.width, spec.height]);
    const channels = spec.colorType === 3 ? (spec.trns ? 4 : 3) : SAMPLES[spec.colorType];
    expect(img.channels).toBe(channels);
    expect(Array.from(img.pixels)).toEqual(expected);
    expect(sniffImage(bytes)).toMatchObject({
      format: 'png',
      width: spec.width,
      height: spec.height,
    });
  });

  it('decodes the sample zip PNGs: 28x28 8-bit gray with ink on a black background', () => {
    const zip = unzipSync(
      new Uint8Array(
        readFileSync(join(PUBLIC_DIR, 'datasets/images/fashion-mnist-3class-sample.zip')),
      ),
    );
    const pngs = Object.entries(zip).filter(([n]) => n.endsWith('.png'));
    expect(pngs).toHaveLength(90);
    for (const [, bytes] of pngs) {
      const img = decodePng(bytes);
      expect([img.width, img.height, img.channels]).toEqual([28, 28, 1]);
      expect(img.pixels[0]).toBe(0);
      expect(Math.max(...img.pixels)).toBeGreaterThan(100);
    }
  });

  const good = grayPng(8, 8);
  const corruptions: [string, (b: Uint8Array) => Uint8Array][] = [
    ['empty', () => new Uint8Array(0)],
    ['a JPEG header', () => Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16)],
    ['truncated in the middle', (b) => b.slice(0, b.length >> 1)],
    ['truncated after the signature', (b) => b.slice(0, 12)],
    ['a flipped data byte (CRC)', (b) => b.map((v, i) => (i === b.length - 20 ? v ^ 1 : v))],
    ['no IEND nor IDAT', (b) => b.slice(0, 33)],
  ];
  it.each(corruptions)('refuses %s with a PngError', (_, corrupt) => {
    expect(() => decodePng(corrupt(good))).toThrow(PngError);
  });

  it('refuses a bad filter type, a short image and oversize headers', () => {
    expect(() =>
      decodePng(
        encodePng({
          width: 4,
          height: 4,
          colorType: 0,
          depth: 8,
          samples: new Uint8Array(16),
          filters: [7],
        }),
      ),
    ).toThrow(/filter/);
    const big = encodePng({
      width: 4,
      height: 4,
      colorType: 0,
      depth: 8,
      samples: new Uint8Array(16),
    });
    expect(() => decodePng(big, 15)).toThrow(/too large/);
    // Header says 8x8, data holds 4x4: the inflate limit finds the data short.
    const small = encodePng({
      width: 4,
      height: 4,
      colorType: 0,
      depth: 8,
      samples: new Uint8Array(16),
    });
    const header = encodePng({
      width: 8,
      height: 8,
      colorType: 0,
      depth: 8,
      samples: new Uint8Array(64),
    });
    const spliced = new Uint8Array([...header.subarray(0, 33), ...small.subarray(33)]);
    expect(() => decodePng(spliced)).toThrow(PngError);
  });
});
