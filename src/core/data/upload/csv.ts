import type { Dataset } from '../types';
import {
  guarded,
  hashBytes,
  imbalance,
  numberOption,
  readCapped,
  splitIndices,
  splitSizes,
  uploadId,
} from './common';
import type { Warn } from './common';
import { planColumns } from './csvColumns';
import { fitAndEncode } from './csvEncode';
import { encodeLabels } from './csvLabels';
import { toTable } from './csvLayout';
import { decodeText, detectDelimiter, DELIMITERS, parseGrid } from './csvText';
import { fail } from './errors';
import { suggestModel } from './suggest';
import type { CsvOptions, CsvReport, Delimiter, UploadFile, UploadResult } from './types';

/** Default CSV size cap (issue #5): 50 MB. */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;
/** Default cap of one-hot categories per column. */
export const MAX_CATEGORIES = 20;
/** Default cap of classes in the label column. */
export const MAX_CLASSES = 100;

/**
 * Parses an uploaded CSV/TSV (optionally gzip) into a dataset and its preview. The size is checked
 * before the file is read. Never throws: every failure is a typed `UploadError`.
 */
export function parseCsvUpload(
  file: UploadFile,
  options: CsvOptions = {},
): Promise<UploadResult<CsvReport>> {
  const name = String(file.name);
  return guarded(name, async (warn) => {
    const maxBytes = numberOption('maxBytes', options.maxBytes, MAX_CSV_BYTES, 1, 2 ** 31);
    const bytes = await readCapped(file, name, maxBytes);
    return buildCsv(bytes, name, options, maxBytes, warn);
  });
}

/** Parses CSV bytes already in memory (the sample files, a worker message). Never throws. */
export function parseCsvBytes(
  bytes: Uint8Array,
  name: string,
  options: CsvOptions = {},
): Promise<UploadResult<CsvReport>> {
  return parseCsvUpload(
    { name, size: bytes.length, arrayBuffer: async () => copyBuffer(bytes) },
    options,
  );
}

function copyBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.length);
  new Uint8Array(out).set(bytes);
  return out;
}

async function buildCsv(
  bytes: Uint8Array,
  file: string,
  options: CsvOptions,
  maxBytes: number,
  warn: Warn,
): Promise<{ dataset: Dataset; report: CsvReport }> {
  const maxCategories = numberOption(
    'maxCategories',
    options.maxCategories,
    MAX_CATEGORIES,
    2,
    1000,
  );
  const maxClasses = numberOption('maxClasses', options.maxClasses, MAX_CLASSES, 2, 255);
  const chosen = options.delimiter ?? 'auto';
  if (chosen !== 'auto' && !DELIMITERS.includes(chosen))
    fail({ code: 'bad-option', option: 'delimiter', reason: 'must be one of , ; tab | or auto' });
  const { text, gzip } = decodeText(bytes, file, maxBytes);
  const delimiter: Delimiter | undefined = chosen === 'auto' ? detectDelimiter(text) : chosen;
  if (!delimiter) fail({ code: 'single-column', file });
  const decimalComma = delimiter === ';';
  const grid = parseGrid(text, delimiter, file);
  const table = toTable(grid, options.header ?? 'auto', decimalComma, file);
  const label = labelIndex(table.names, options.labelColumn, file);
  for (const key of Object.keys(options.columns ?? {}))
    if (!table.names.includes(key))
      fail({ code: 'bad-option', option: `columns.${key}`, reason: `names no column of ${file}` });
  const labels = encodeLabels(table, label, maxClasses, decimalComma, file, warn);
  const split = splitIndices(labels.y, options, file);
  const plans = planColumns(table, label, options.columns ?? {}, decimalComma, file);
  const enc = fitAndEncode(table, plans, labels.keep, split, maxCategories, file, warn);
  const take = (idx: Uint32Array, x: Float32Array) => ({
    count: idx.length,
    x,
    y: Uint8Array.from(idx, (e) => labels.y[e]!),
  });
  const numClasses = labels.classNames.length;
  const dataset: Dataset = {
    id:
      options.id ??
      uploadId(file, hashBytes(bytes), { ...options, id: undefined, title: undefined }),
    title: options.title ?? file,
    inputShape: [enc.featureSize],
    featureSize: enc.featureSize,
    numClasses,
    classNames: labels.classNames,
    xScale: 1,
    train: take(split.train, enc.train),
    validation: take(split.validation, enc.validation),
    test: take(split.test, enc.test),
    license: 'uploaded by you',
    attribution: file,
  };
  const report: CsvReport = {
    kind: 'csv',
    file,
    totalRows: table.rows.length,
    rows: labels.keep.length,
    delimiter,
    header: table.header,
    layout: table.layout,
    gzip,
    label: { column: table.names[label]!, index: label },
    classes: labels.classes,
    imbalance: imbalance(labels.classes, file, warn),
    columns: enc.columns,
    featureNames: enc.featureNames,
    missing: enc.missing,
    split: splitSizes(split),
    suggestedModel: suggestModel([enc.featureSize], numClasses),
  };
  return { dataset, report };
}

/** Resolves the label column option: a header name, a 0-based index, or (default) the last. */
function labelIndex(
  names: readonly string[],
  column: string | number | undefined,
  file: string,
): number {
  if (column === undefined) return names.length - 1;
  if (typeof column === 'number') {
    if (Number.isInteger(column) && column >= 0 && column < names.length) return column;
    fail({ code: 'unknown-label-column', file, column: String(column), available: names });
  }
  const j = names.indexOf(String(column));
  if (j < 0) fail({ code: 'unknown-label-column', file, column: String(column), available: names });
  return j;
}
