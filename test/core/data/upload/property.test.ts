import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsvBytes } from '../../../../src/core/data/upload/csv';
import { parseImageZip } from '../../../../src/core/data/upload/images';
import { decodePng, PngError } from '../../../../src/core/data/upload/png';
import type { UploadResult } from '../../../../src/core/data/upload/types';
import { encodePng, grayPng, memFile } from './helpers';

// Bounded runs keep the suite fast; a hang fails through the per-test timeout.
const RUNS = { numRuns: 150 };
const TIMEOUT_MS = 30_000;

/** A result is a dataset with sane arrays, or a typed error that is not a bug. */
function checkResult(r: UploadResult<unknown>): void {
  if (!r.ok) {
    expect(r.error.code).not.toBe('internal');
    expect(typeof r.error.message).toBe('string');
    return;
  }
  const d = r.dataset;
  expect(new Set(d.classNames).size).toBe(d.numClasses);
  for (const s of [d.train, d.validation, d.test]) {
    expect(s.x.length).toBe(s.count * d.featureSize);
    expect(s.y.every((c) => c < d.numClasses)).toBe(true);
    expect(s.x.every((v) => Number.isFinite(v))).toBe(true);
  }
}

const cell = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom(
    '',
    'NA',
    '?',
    'NaN',
    'Infinity',
    '-inf',
    '1e999',
    'a',
    'b',
    'red',
    'x y',
    'é',
    '"',
    '""',
    '"a,b"',
    '"line\nbreak"',
    '0,5',
    ' 3 ',
  ),
  fc.string({ maxLength: 6 }),
);
const csvText = fc
  .record({
    cols: fc.integer({ min: 1, max: 6 }),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { maxLength: 40 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    header: fc.boolean(),
  })
  .map(({ cols, rows, delimiter, newline, header }) => {
    const head = header ? [Array.from({ length: cols }, (_, j) => `c${j}`)] : [];
    return [...head, ...rows].map((r) => r.join(delimiter)).join(newline);
  });
/** Mostly well-formed tables (so the success path is exercised too), with random damage. */
const tableText = fc
  .record({
    n: fc.integer({ min: 0, max: 60 }),
    classes: fc.integer({ min: 1, max: 5 }),
    damage: fc.array(fc.tuple(fc.nat(), fc.nat(), cell), { maxLength: 3 }),
  })
  .map(({ n, classes, damage }) => {
    const rows = Array.from({ length: n }, (_, i) => [
      String(i % 7),
      String((i * 13) % 5),
      ['u', 'v', 'w'][i % 3]!,
      `k${i % classes}`,
    ]);
    for (const [r, c, v] of damage) if (rows.length > 0) rows[r % rows.length]![c % 4] = v;
    return ['a,b,c,label', ...rows.map((r) => r.join(','))].join('\n');
  });

describe('parsers never throw and never hang', () => {
  it('random bytes as CSV', { timeout: TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (b) =>
        checkResult(await parseCsvBytes(b, 'x.csv')),
      ),
      RUNS,
    );
  });

  it('random CSV text with random options', { timeout: TIMEOUT_MS }, async () => {
    const options = fc.record(
      {
        header: fc.constantFrom(true, false, 'auto' as const),
        labelColumn: fc.oneof(fc.integer({ min: -1, max: 7 }), fc.constantFrom('c0', 'c1', 'nope')),
        validationFraction: fc.double({ min: -0.1, max: 0.6, noNaN: true }),
        maxCategories: fc.integer({ min: 0, max: 30 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(csvText, options, async (text, o) =>
        checkResult(await parseCsvBytes(new TextEncoder().encode(text), 'x.csv', o)),
      ),
      RUNS,
    );
  });

  it('damaged tables: a dataset or a typed error', { timeout: TIMEOUT_MS }, async () => {
    let built = 0;
    await fc.assert(
      fc.asyncProperty(tableText, async (text) => {
        const r = await parseCsvBytes(new TextEncoder().encode(text), 'x.csv');
        checkResult(r);
        if (r.ok) built++;
      }),
      RUNS,
    );
    expect(built).toBeGreaterThan(0);
  });

  const zip = zipSync({
    'a/1.png': grayPng(5, 5),
    'a/2.png': grayPng(6, 4),
    'b/1.png': grayPng(3, 3),
    'b/2.png': grayPng(4, 4),
  });
  it('random bytes as a zip', { timeout: TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (b) =>
        checkResult(await parseImageZip(memFile(b, 'x.zip'))),
      ),
      RUNS,
    );
  });

  it('a zip with random bytes changed or cut off', { timeout: TIMEOUT_MS }, async () => {
    const edits = fc.array(
      fc.tuple(fc.nat({ max: zip.length - 1 }), fc.integer({ min: 0, max: 255 })),
      { maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(edits, fc.nat({ max: zip.length }), async (changes, cut) => {
        const b = zip.slice(0, Math.max(cut, zip.length - 64));
        for (const [at, v] of changes) if (at < b.length) b[at] = v;
        checkResult(await parseImageZip(memFile(b, 'x.zip')));
      }),
      RUNS,
    );
  });

  const png = encodePng({
    width: 7,
    height: 5,
    colorType: 6,
    depth: 8,
    samples: Array.from({ length: 140 }, (_, i) => i),
    interlace: true,
  });
  it('random and damaged PNGs decode or raise PngError', { timeout: TIMEOUT_MS }, () => {
    const damaged = fc
      .tuple(
        fc.array(fc.tuple(fc.nat({ max: png.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 4,
        }),
        fc.nat({ max: png.length }),
      )
      .map(([changes, cut]) => {
        const b = png.slice(0, cut);
        for (const [at, v] of changes) if (at < b.length) b[at] = v;
        return b;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 500 }), damaged), (b) => {
        try {
          const img = decodePng(b);
          expect(img.pixels.length).toBe(img.width * img.height * img.channels);
        } catch (e) {
          expect(e).toBeInstanceOf(PngError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
