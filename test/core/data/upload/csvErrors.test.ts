import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsvBytes, parseCsvUpload } from '../../../../src/core/data/upload/csv';
import type { UploadError } from '../../../../src/core/data/upload/errors';
import type { CsvOptions } from '../../../../src/core/data/upload/types';
import { hugeFile, memFile } from './helpers';

const rows = (n: number, f: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => f(i)).join('\n');
const good = (n = 12) => rows(n, (i) => `${i % 5},${(i * 3) % 7},${i % 2 ? 'a' : 'b'}`);

async function error(input: string | Uint8Array, options: CsvOptions = {}): Promise<UploadError> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const r = await parseCsvBytes(bytes, 'bad.csv', options);
  if (r.ok) throw new Error('expected an error');
  expect(r.error.message.length).toBeGreaterThan(20);
  return r.error;
}

type Case = [
  string,
  string | Uint8Array,
  CsvOptions,
  Partial<UploadError> & { code: UploadError['code'] },
];
const cases: Case[] = [
  ['an empty file', '', {}, { code: 'empty-file', file: 'bad.csv' }],
  ['only blank lines', '\n \r\n\t\n', {}, { code: 'empty-file' }],
  ['a header and no rows', 'a,b,label\n', {}, { code: 'header-only' }],
  ['one column', 'value\n1\n2\n3\n', {}, { code: 'single-column' }],
  [
    'ragged rows',
    `x,y,label\n${good(4)}\n1,2\n${good(3)}\n1,2,a,4\n`,
    {},
    {
      code: 'ragged-rows',
      expected: 3,
      count: 2,
      rows: [
        { row: 6, fields: 2 },
        { row: 10, fields: 4 },
      ],
    },
  ],
  [
    'a word in a number column',
    `x,y,label\n${good(8)}\n3,oops,a\n`,
    {},
    { code: 'non-numeric-value', row: 10, column: 'y', value: 'oops' },
  ],
  [
    'NaN',
    `x,y,label\n${good(8)}\nNaN,1,a\n`,
    {},
    { code: 'non-finite-value', row: 10, column: 'x', value: 'NaN' },
  ],
  [
    'Infinity',
    `x,y,label\n1,-Infinity,a\n${good(8)}\n`,
    {},
    { code: 'non-finite-value', row: 2, column: 'y', value: '-Infinity' },
  ],
  [
    'an overflowing number',
    `x,y,label\n${good(5)}\n1e999,1,b\n`,
    {},
    { code: 'non-finite-value', value: '1e999' },
  ],
  [
    'a number beyond float32',
    `x,y,label\n${good(5)}\n-4e38,1,b\n`,
    {},
    { code: 'non-finite-value', value: '-4e38', row: 7 },
  ],
  [
    'duplicate headers',
    `x,x,label\n${good()}`,
    {},
    { code: 'duplicate-header', name: 'x', columns: [1, 2] },
  ],
  [
    'a label with one class',
    `x,y,label\n${rows(9, (i) => `${i},${i * 2},same`)}`,
    {},
    { code: 'too-few-classes', classes: ['same'] },
  ],
  [
    'a label with no values',
    `x,y,label\n${rows(9, (i) => `${i},${i * 2},`)}`,
    {},
    { code: 'too-few-classes', classes: [] },
  ],
  [
    'a continuous label',
    `x,label\n${rows(150, (i) => `${i % 9},${(i * 0.37).toFixed(2)}`)}`,
    {},
    { code: 'too-many-classes', count: 150, max: 100, looksContinuous: true },
  ],
  [
    'too many text classes',
    `x,label\n${rows(300, (i) => `${i % 9},name${i % 150}`)}`,
    {},
    { code: 'too-many-classes', count: 150, looksContinuous: false },
  ],
  [
    'a class with one example',
    `x,y,label\n${good(10)}\n5,5,setsoa\n`,
    {},
    { code: 'class-too-small', className: 'setsoa', count: 1, min: 2, where: ['row 12'] },
  ],
  [
    'an unknown label column',
    `x,y,label\n${good()}`,
    { labelColumn: 'species' },
    { code: 'unknown-label-column', column: 'species', available: ['x', 'y', 'label'] },
  ],
  [
    'a label index out of range',
    `x,y,label\n${good()}`,
    { labelColumn: 3 },
    { code: 'unknown-label-column', column: '3' },
  ],
  [
    'an unclosed quote',
    `x,y,label\n${good(3)}\n1,"2,a\n${good(3)}\n`,
    {},
    { code: 'malformed-quotes', row: 5 },
  ],
  ['binary data', Uint8Array.of(0x50, 0x4b, 3, 4, 0, 0, 1, 2), {}, { code: 'not-text', offset: 4 }],
  [
    'no features left',
    `x,y,label\n${good()}`,
    { columns: { x: 'ignore', y: 'ignore' } },
    { code: 'no-features' },
  ],
  [
    'too few rows to split',
    'x,label\n1,a\n2,a\n3,b\n4,b\n',
    { validationFraction: 0.05 },
    { code: 'too-few-examples', count: 4 },
  ],
  [
    'a bad fraction',
    `x,y,label\n${good()}`,
    { validationFraction: 0.9 },
    { code: 'bad-option', option: 'validationFraction' },
  ],
  [
    'a bad delimiter',
    `x,y,label\n${good()}`,
    { delimiter: ':' as ',' },
    { code: 'bad-option', option: 'delimiter' },
  ],
  [
    'a role for no column',
    `x,y,label\n${good()}`,
    { columns: { z: 'numeric' } },
    { code: 'bad-option', option: 'columns.z' },
  ],
  [
    'a forced numeric text column',
    `x,c,label\n${rows(10, (i) => `${i},t${i % 3},${i % 2}`)}`,
    { columns: { c: 'numeric' } },
    { code: 'non-numeric-value', column: 'c', value: 't0', row: 2 },
  ],
  [
    'a gzip that unpacks past the cap',
    gzipSync(new Uint8Array(5000).fill(49)),
    { maxBytes: 1000 },
    { code: 'too-large', inflated: true },
  ],
  [
    'damaged gzip',
    gzipSync(new TextEncoder().encode(good())).slice(0, 30),
    {},
    { code: 'read-failed' },
  ],
];

describe('CSV errors', () => {
  it.each(cases)('%s', async (_, input, options, expected) => {
    expect(await error(input, options)).toMatchObject(expected);
  });

  it('answers fast on a huge cell of digits (no regex backtracking)', async () => {
    const started = performance.now();
    const e = await error(`x,y,label\n${good(8)}\n${'1'.repeat(200_000)}x,1,a\n`);
    expect(e).toMatchObject({ code: 'non-numeric-value', row: 10, column: 'x' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('names the line after a quoted field spanning lines', async () => {
    const text = `x,note,label\n1,"two\nlines",a\n${good(4)}\n1,2\n`;
    expect(await error(text)).toMatchObject({ code: 'ragged-rows', rows: [{ row: 8, fields: 2 }] });
  });

  it('refuses a file over the size cap from its size, without reading it', async () => {
    const r = await parseCsvUpload(hugeFile(60 * 1024 * 1024, 'big.csv'));
    expect(r.ok || r.error).toMatchObject({
      code: 'too-large',
      bytes: 60 * 1024 * 1024,
      maxBytes: 50 * 1024 * 1024,
      inflated: false,
    });
    expect(r.ok || r.error.message).toMatch(/big\.csv is 62\.9 MB; the limit is 52\.4 MB/);
  });

  it('turns a failing read into read-failed', async () => {
    const r = await parseCsvUpload({
      name: 'gone.csv',
      size: 10,
      arrayBuffer: () => Promise.reject(new Error('NotReadableError')),
    });
    expect(r.ok || r.error).toMatchObject({ code: 'read-failed', reason: 'NotReadableError' });
  });

  it('does not trust a size that lies', async () => {
    const f = { ...memFile('x,label\n' + good(), 'liar.csv'), size: 3 };
    const r = await parseCsvUpload(f, { maxBytes: 10 });
    expect(r.ok || r.error).toMatchObject({ code: 'too-large' });
  });

  it('messages say what to do and where', async () => {
    const e = await error(`x,y,label\n${good(8)}\n3,oops,a\n`);
    expect(e.message).toBe(
      'bad.csv, row 10, column "y": "oops" is not a number, but most of the column is. Fix the value, leave the cell empty to mark it missing, or mark the column categorical.',
    );
  });
});
