import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadBuiltinDataset } from '../../../../src/core/data/builtin';
import { labelHistogram } from '../../../../src/core/data/types';
import type { Dataset } from '../../../../src/core/data/types';
import { parseCsvBytes, parseCsvUpload } from '../../../../src/core/data/upload/csv';
import type { CsvOptions, CsvReport, UploadResult } from '../../../../src/core/data/upload/types';
import { architecture } from '../../../../src/core/models/zoo';
import { fsSource, PUBLIC_DIR } from '../../../../src/node/fsSource';
import { memFile } from './helpers';

const read = (p: string) => new Uint8Array(readFileSync(p));
const IRIS = read(join(PUBLIC_DIR, 'datasets/csv/iris.csv'));
const DIGITS = read(join(PUBLIC_DIR, 'datasets/csv/digits-8x8.csv'));
// The untouched scikit-learn files sit in shared/ beside the repository; where it is absent (a bare
// clone), the same layouts are rebuilt from the sample CSVs (which came from those files).
const SKLEARN = join(PUBLIC_DIR, '../../shared/datasets/sklearn');
const readOr = (file: string, rebuild: () => Uint8Array) => {
  try {
    return read(join(SKLEARN, file));
  } catch {
    return rebuild();
  }
};
const lines = (b: Uint8Array) => new TextDecoder().decode(b).trim().split('\n');
const SPECIES = ['setosa', 'versicolor', 'virginica'];
const sklearnIris = readOr('iris.csv', () =>
  new TextEncoder().encode(
    ['150,4,setosa,versicolor,virginica']
      .concat(
        lines(IRIS)
          .slice(1)
          .map((l) => l.replace(/[a-z]+$/, (n) => String(SPECIES.indexOf(n)))),
      )
      .join('\n'),
  ),
);
const sklearnDigits = readOr('digits.csv.gz', () =>
  gzipSync(new TextEncoder().encode(lines(DIGITS).slice(1).join('\n'))),
);

async function ok(r: Promise<UploadResult<CsvReport>>) {
  const res = await r;
  if (!res.ok) throw new Error(`expected a dataset, got ${res.error.code}: ${res.error.message}`);
  return res;
}
const csv = (text: string, options: CsvOptions = {}, name = 'data.csv') =>
  parseCsvBytes(new TextEncoder().encode(text), name, options);
const total = (d: Dataset) => d.train.count + d.validation.count + d.test.count;
const column = (x: Float32Array, d: number, j: number) =>
  Array.from({ length: x.length / d }, (_, i) => x[i * d + j]!);
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: number[]) => Math.sqrt(mean(v.map((a) => (a - mean(v)) ** 2)));

describe('sample CSVs', () => {
  it('iris: text labels to classes, 4 features standardised on train, 90/30/30 stratified', async () => {
    const { dataset: d, report, warnings } = await ok(parseCsvBytes(IRIS, 'iris.csv'));
    expect(warnings).toEqual([]);
    expect(d.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(d.inputShape).toEqual([4]);
    expect(d.xScale).toBe(1);
    expect(report).toMatchObject({
      rows: 150,
      totalRows: 150,
      delimiter: ',',
      header: true,
      layout: 'plain',
      missing: 0,
    });
    expect(report.split).toEqual({ train: 90, validation: 30, test: 30 });
    expect(labelHistogram(d.train.y, 3)).toEqual([30, 30, 30]);
    expect(labelHistogram(d.test.y, 3)).toEqual([10, 10, 10]);
    expect(report.classes).toEqual([
      { name: 'setosa', count: 50 },
      { name: 'versicolor', count: 50 },
      { name: 'virginica', count: 50 },
    ]);
    expect(report.imbalance).toEqual({ ratio: 1, heavy: false });
    expect(report.columns[0]).toMatchObject({
      name: 'sepal_length_cm',
      role: 'numeric',
      numeric: { min: 4.3, max: 7.9 },
    });
    expect(report.columns[4]).toMatchObject({ name: 'species', role: 'label' });
    expect(report.label).toEqual({ column: 'species', index: 4 });
    for (let j = 0; j < 4; j++) {
      // fitted on train only: train is exactly standard, validation and test only roughly
      const tr = column(d.train.x as Float32Array, 4, j);
      expect(Math.abs(mean(tr))).toBeLessThan(1e-5);
      expect(std(tr)).toBeCloseTo(1, 4);
      expect(Math.abs(mean(column(d.validation.x as Float32Array, 4, j)))).toBeGreaterThan(1e-4);
    }
    expect(report.suggestedModel.model).toEqual({ id: 'mlp', hidden: [16, 16] });
    expect(
      architecture(report.suggestedModel.model, d.inputShape, d.numClasses).layers.at(-1),
    ).toMatchObject({ units: 3 });
  });

  it('iris equals the built-in iris loader (same seeded split, same scaling)', async () => {
    const { dataset: up } = await ok(parseCsvBytes(IRIS, 'iris.csv', { seed: 3 }));
    const builtin = await loadBuiltinDataset('iris', fsSource(), { seed: 3 });
    for (const s of ['train', 'validation', 'test'] as const) {
      expect(Array.from(up[s].y)).toEqual(Array.from(builtin[s].y));
      up[s].x.forEach((v, i) => expect(v).toBeCloseTo(builtin[s].x[i]!, 4));
    }
  });

  it('digits: numeric labels keep their value as class index; constant pixels are dropped', async () => {
    const { dataset: d, report, warnings } = await ok(parseCsvBytes(DIGITS, 'digits-8x8.csv'));
    expect(d.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(report.classes.map((c) => c.count)).toEqual([
      178, 182, 177, 183, 181, 182, 181, 179, 174, 180,
    ]);
    expect(total(d)).toBe(1797);
    expect(d.featureSize).toBe(61);
    expect(warnings.map((w) => w.code)).toEqual(['columns-dropped']);
    expect(report.columns.filter((c) => c.role === 'dropped').map((c) => c.name)).toEqual([
      'p0_0',
      'p4_0',
      'p4_7',
    ]);
    expect(report.suggestedModel.model).toEqual({ id: 'mlp', hidden: [128, 64] });
  });

  it('digits with the constant pixels kept equals the built-in digits loader', async () => {
    const keep = { p0_0: 'numeric', p4_0: 'numeric', p4_7: 'numeric' } as const;
    const { dataset: up } = await ok(parseCsvBytes(DIGITS, 'digits-8x8.csv', { columns: keep }));
    const builtin = await loadBuiltinDataset('digits', fsSource(), { seed: 1 });
    expect(up.featureSize).toBe(64);
    expect(Array.from(up.test.y)).toEqual(Array.from(builtin.test.y));
    up.test.x.forEach((v, i) => expect(v).toBeCloseTo(builtin.test.x[i]!, 3));
  });
});

describe('odd real-world layouts', () => {
  it("scikit-learn's iris.csv: the 150,4,names first row names the integer classes", async () => {
    const { dataset: d, report } = await ok(parseCsvBytes(sklearnIris, 'iris.csv'));
    expect(report.layout).toBe('sklearn');
    expect(d.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(report.rows).toBe(150);
    expect(report.featureNames).toEqual(['feature 1', 'feature 2', 'feature 3', 'feature 4']);
    const plain = await ok(parseCsvBytes(IRIS, 'iris.csv'));
    expect(Array.from(d.train.x)).toEqual(Array.from(plain.dataset.train.x));
  });

  it("scikit-learn's digits.csv.gz: gzip, no header", async () => {
    const { dataset: d, report } = await ok(parseCsvBytes(sklearnDigits, 'digits.csv.gz'));
    expect(report).toMatchObject({ gzip: true, header: false, rows: 1797 });
    expect(report.label.column).toBe('column 65');
    expect(d.numClasses).toBe(10);
    expect(report.classes.map((c) => c.count)).toEqual([
      178, 182, 177, 183, 181, 182, 181, 179, 174, 180,
    ]);
  });

  const irisText = new TextDecoder().decode(IRIS);
  const variants: [string, string, string][] = [
    ['tab', irisText.replace(/,/g, '\t'), '\t'],
    [
      'semicolon with decimal commas',
      irisText.replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2'),
      ';',
    ],
    ['pipe', irisText.replace(/,/g, '|'), '|'],
    ['CRLF and quoted fields', irisText.replace(/\n/g, '\r\n').replace(/setosa/g, '"setosa"'), ','],
    ['a trailing delimiter on every line', irisText.replace(/\n/g, ',\n'), ','],
    ['blank lines and padding', irisText.replace(/\n/g, '\n\n  \n').replace(/,/g, ' , '), ','],
  ];
  it.each(variants)('%s gives the same dataset as the comma file', async (_, text, delimiter) => {
    const plain = await ok(parseCsvBytes(IRIS, 'iris.csv'));
    const { dataset: d, report } = await ok(csv(text, {}, 'iris.csv'));
    expect(report.delimiter).toBe(delimiter);
    expect(d.classNames).toEqual(plain.dataset.classNames);
    expect(Array.from(d.train.x)).toEqual(Array.from(plain.dataset.train.x));
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text") and Windows-1252', async () => {
    const text =
      'größe\tfarbe\tklasse\n' +
      Array.from(
        { length: 20 },
        (_, i) => `${i % 7}.5\t${i % 3 ? 'grün' : 'weiß'}\t${i % 2 ? 'ja' : 'nein'}`,
      ).join('\n');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++)
      utf16.set([text.charCodeAt(i) & 255, text.charCodeAt(i) >> 8], 2 + 2 * i);
    const a = await ok(parseCsvBytes(utf16, 'excel.txt'));
    expect(a.report.featureNames).toEqual(['größe', 'farbe=grün', 'farbe=weiß']);
    const latin1 = Uint8Array.from(text.replace(/\t/g, ','), (ch) => ch.charCodeAt(0));
    const b = await ok(parseCsvBytes(latin1, 'latin1.csv'));
    expect(b.dataset.classNames).toEqual(['ja', 'nein']);
    expect(b.report.featureNames).toEqual(a.report.featureNames);
  });

  it('a gzip CSV is inflated; a pandas index column is dropped', async () => {
    const text =
      ',x,label\n' +
      Array.from({ length: 30 }, (_, i) => `${i},${(i * 7) % 10},${i % 3 ? 'a' : 'b'}`).join('\n');
    const { report, warnings } = await ok(
      parseCsvBytes(gzipSync(new TextEncoder().encode(text)), 'data.csv.gz'),
    );
    expect(report.gzip).toBe(true);
    expect(report.columns[0]).toMatchObject({
      name: 'column 1',
      role: 'dropped',
      dropReason: 'row-index',
    });
    expect(warnings[0]).toMatchObject({ code: 'columns-dropped', reason: 'row-index' });
  });
});

describe('options and encoding', () => {
  const rows = (n: number, f: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => f(i)).join('\n');
  const pets =
    'weight,color,size,kind\n' +
    rows(
      40,
      (i) =>
        `${10 + (i % 9)},${['red', 'green', 'blue'][i % 3]},${i % 4 ? 'big' : 'small'},${i % 2 ? 'cat' : 'dog'}`,
    );

  it('one-hot encodes text columns with categories from the training rows', async () => {
    const { dataset: d, report } = await ok(csv(pets));
    expect(report.featureNames).toEqual([
      'weight',
      'color=blue',
      'color=green',
      'color=red',
      'size=big',
      'size=small',
    ]);
    expect(report.columns[1]).toMatchObject({ role: 'categorical', features: [1, 4] });
    const cats = report.columns[1]!.categories!;
    expect(cats.reduce((s, c) => s + c.count, 0)).toBe(d.train.count);
    for (const split of [d.train, d.validation, d.test])
      for (let i = 0; i < split.count; i++) {
        const row = Array.from(split.x.subarray(i * 6, i * 6 + 6));
        expect(row[1]! + row[2]! + row[3]!).toBe(1);
        expect(row[4]! + row[5]!).toBe(1);
      }
  });

  it('picks the label column by name or index, with or without a header', async () => {
    const byName = await ok(csv(pets, { labelColumn: 'color' }));
    expect(byName.dataset.classNames).toEqual(['blue', 'green', 'red']);
    expect(byName.report.featureNames).toContain('kind=cat');
    const byIndex = await ok(csv(pets, { labelColumn: 1 }));
    expect(byIndex.dataset.classNames).toEqual(['blue', 'green', 'red']);
    const noHeader = await ok(
      csv(pets.split('\n').slice(1).join('\n'), { header: false, labelColumn: 3 }),
    );
    expect(noHeader.report.header).toBe(false);
    expect(noHeader.report.label.column).toBe('column 4');
    // Forcing "no header" makes the header a data row: its label "kind" is a one-row class.
    const forced = await csv(pets, { header: false });
    expect(forced.ok || forced.error).toMatchObject({
      code: 'class-too-small',
      className: 'kind',
      where: ['row 1'],
    });
  });

  it('detects a header in all-text files: its names do not recur below it', async () => {
    const body = rows(
      12,
      (i) => `${['red', 'blue'][i % 2]},${['big', 'small', 'tiny'][i % 3]},${i % 4 ? 'yes' : 'no'}`,
    );
    const withHeader = await ok(csv(`color,size,label\n${body}`));
    expect(withHeader.report).toMatchObject({ header: true, rows: 12 });
    expect(withHeader.report.featureNames).toEqual([
      'color=blue',
      'color=red',
      'size=big',
      'size=small',
      'size=tiny',
    ]);
    const without = await ok(csv(body));
    expect(without.report).toMatchObject({ header: false, rows: 12 });
    expect(without.report.label.column).toBe('column 3');
  });

  it('roles: ignore, categorical numbers, and a category cap', async () => {
    const text = 'id,code,name,y\n' + rows(60, (i) => `${i * 3 + 5},${i % 4},person${i},${i % 2}`);
    const auto = await ok(csv(text));
    expect(auto.report.columns.map((c) => c.role)).toEqual([
      'numeric',
      'numeric',
      'dropped',
      'label',
    ]);
    expect(auto.report.columns[2]).toMatchObject({ dropReason: 'too-many-categories' });
    const set = await ok(
      csv(text, {
        columns: { id: 'ignore', code: 'categorical', name: 'auto' },
        maxCategories: 100,
      }),
    );
    expect(set.report.columns.map((c) => c.role)).toEqual([
      'dropped',
      'categorical',
      'categorical',
      'label',
    ]);
    expect(set.report.featureNames.slice(0, 4)).toEqual(['code=0', 'code=1', 'code=2', 'code=3']);
  });

  it('missing values: reported, numbers filled with the training mean, rows without a label dropped', async () => {
    const text =
      'a,b,c,label\n' +
      rows(
        40,
        (i) =>
          `${i % 5 === 0 ? '' : i % 10},${i % 7 === 0 ? 'NA' : i},${i % 3 ? '?' : i},${i === 3 ? '' : i % 2 ? 'x' : 'y'}`,
      );
    const { dataset: d, report, warnings } = await ok(csv(text));
    expect(report.rows).toBe(39);
    expect(report.columns.map((c) => c.missing)).toEqual([8, 6, 26, 1]);
    expect(report.columns[2]).toMatchObject({ role: 'dropped', dropReason: 'mostly-missing' });
    expect(warnings.map((w) => w.code).sort()).toEqual([
      'columns-dropped',
      'missing-labels',
      'missing-values',
    ]);
    expect(warnings.find((w) => w.code === 'missing-labels')).toMatchObject({
      rows: [5],
      count: 1,
    });
    expect(warnings.find((w) => w.code === 'missing-values')).toMatchObject({ total: 14 });
    const a = report.columns[0]!.numeric!;
    const all = [d.train, d.validation, d.test].flatMap((s) => column(s.x as Float32Array, 2, 0));
    // missing cells sit at the training mean, which scales to exactly 0
    expect(all.filter((v) => v === 0).length).toBeGreaterThanOrEqual(8);
    expect(a.min).toBe(1);
  });

  it('warns on heavy imbalance and on categories unseen in training', async () => {
    const text =
      'x,c,label\n' +
      rows(66, (i) => `${i},${i === 65 ? 'rare' : 'common' + (i % 2)},${i < 60 ? 'big' : 'small'}`);
    const { report, warnings } = await ok(csv(text, { seed: 2 }));
    expect(report.imbalance.heavy).toBe(true);
    expect(warnings.find((w) => w.code === 'imbalanced')).toMatchObject({
      largest: { name: 'big', count: 60 },
      smallest: { name: 'small', count: 6 },
      ratio: 10,
    });
    const inTrain = report.columns[1]!.categories!.some((c) => c.name === 'rare');
    expect(warnings.some((w) => w.code === 'unseen-categories')).toBe(!inTrain);
  });

  it('keeps encoded values finite when a held-out value is far outside the training range', async () => {
    const text = 'x,label\n' + rows(30, (i) => `${i === 29 ? '3e38' : i % 3},${i % 2}`);
    for (const seed of [1, 2, 3]) {
      const { dataset: d } = await ok(csv(text, { seed }));
      for (const s of [d.train, d.validation, d.test])
        expect(s.x.every((v) => Number.isFinite(v))).toBe(true);
    }
  });

  it('is seeded and its id follows the content and the options', async () => {
    const a = await ok(csv(pets, { seed: 1 }));
    const b = await ok(csv(pets, { seed: 1 }));
    const c = await ok(csv(pets, { seed: 2 }));
    expect(Array.from(a.dataset.train.y)).toEqual(Array.from(b.dataset.train.y));
    expect(Array.from(a.dataset.train.y)).not.toEqual(Array.from(c.dataset.train.y));
    expect(a.dataset.id).toBe(b.dataset.id);
    expect(a.dataset.id).not.toBe(c.dataset.id);
    expect(a.dataset.id).toMatch(/^upload-data-[0-9a-f]{8}$/);
    const reordered = await ok(csv(pets, { labelColumn: 'kind', seed: 1 }));
    expect((await ok(csv(pets, { seed: 1, labelColumn: 'kind' }))).dataset.id).toBe(
      reordered.dataset.id,
    );
    expect((await ok(csv(pets, { id: 'mine', title: 'Pets' }))).dataset).toMatchObject({
      id: 'mine',
      title: 'Pets',
    });
  });

  it('takes a File-like object and fractions for the split', async () => {
    const file = memFile(IRIS, 'iris.csv');
    const { report } = await ok(
      parseCsvUpload(file, { validationFraction: 0.1, testFraction: 0.3 }),
    );
    expect(report.split).toEqual({ train: 90, validation: 15, test: 45 });
    expect(file.reads).toBe(1);
  });
});
