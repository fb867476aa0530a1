import type { DropReason, ErrorDetail, SkipReason, WarningDetail } from './errors';

// The human side of upload problems: what happened, where, and what to do about it.

/** Marks a case a switch should never reach (the compiler checks it). */
export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}

/** Bytes as a short human string ("49.5 MB"). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

/** A user string cut to `n` characters (cells and zip names can be huge). */
const cut = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 3)}...` : s);
/** A user string, quoted and cut. */
const q = (s: string) => `"${cut(s)}"`;

const list = (xs: readonly string[], n = 5) =>
  xs.length <= n ? xs.join(', ') : `${xs.slice(0, n).join(', ')} and ${xs.length - n} more`;

/** The message of a fatal error. */
export function errorMessage(e: ErrorDetail): string {
  switch (e.code) {
    case 'bad-option':
      return `Option ${q(e.option)} ${e.reason}.`;
    case 'too-large':
      return e.inflated
        ? `${e.file} unpacks to more than ${formatBytes(e.maxBytes)}. Upload a smaller file.`
        : `${e.file} is ${formatBytes(e.bytes)}; the limit is ${formatBytes(e.maxBytes)}. Upload a smaller sample of it.`;
    case 'read-failed':
      return `${e.file} could not be read (${e.reason}). Pick the file again.`;
    case 'empty-file':
      return `${e.file} is empty. Pick a file with a header row and data rows.`;
    case 'not-text':
      return `${e.file} is not a text file (binary data at byte ${e.offset}). Upload a CSV or TSV, or a zip of image folders.`;
    case 'header-only':
      return `${e.file} has a header but no data rows. Add rows below the header.`;
    case 'single-column':
      return `${e.file} has only one column. A dataset needs feature columns and a label column, separated by commas, semicolons, tabs or |.`;
    case 'malformed-quotes':
      return `${e.file}, row ${e.row}: a quoted field is never closed. Close the quote (") or remove it.`;
    case 'ragged-rows':
      return `${e.file}: ${e.count} row(s) do not have ${e.expected} fields like the first row (${list(e.rows.map((r) => `row ${r.row} has ${r.fields}`))}). Fix or remove those rows.`;
    case 'duplicate-header':
      return `${e.file}: columns ${e.columns.join(' and ')} are both named ${q(e.name)}. Rename one of them.`;
    case 'unknown-label-column':
      return `${e.file} has no column ${q(e.column)}. Pick the label from: ${list(e.available, 10)}.`;
    case 'non-numeric-value':
      return `${e.file}, row ${e.row}, column ${q(e.column)}: ${q(e.value)} is not a number, but most of the column is. Fix the value, leave the cell empty to mark it missing, or mark the column categorical.`;
    case 'non-finite-value':
      return `${e.file}, row ${e.row}, column ${q(e.column)}: ${q(e.value)} is not a finite number (or too large for 32-bit floats). Replace it with a number, or leave the cell empty to mark it missing.`;
    case 'too-few-classes':
      return e.classes.length === 0
        ? `${e.file}: the label column has no values. Pick another label column.`
        : `${e.file}: every row has the label ${q(e.classes[0] ?? '')}. A classifier needs at least two classes: pick another label column or add rows of other classes.`;
    case 'too-many-classes':
      return e.looksContinuous
        ? `${e.file}: the label column has ${e.count} distinct numbers; it looks like a measurement, not a class. Pick a label column with at most ${e.max} classes.`
        : `${e.file}: the label column has ${e.count} classes; the limit is ${e.max}. Pick another label column or merge classes.`;
    case 'class-too-small':
      return `${e.file}: class ${q(e.className)} has only ${e.count} example(s) (${list(e.where, 3)}); each class needs at least ${e.min}. Add examples, fix a mistyped label, or remove it.`;
    case 'no-features':
      return `${e.file}: no feature columns are left besides the label. Keep at least one numeric or categorical column.`;
    case 'too-few-examples':
      return `${e.file}: ${e.count} examples are too few to split into train, validation and test. Add examples or lower the validation and test fractions.`;
    case 'not-a-zip':
      return `${e.file} is not a zip archive. Upload a .zip with one folder per class (cat/001.png, dog/002.png).`;
    case 'corrupt-zip':
      return `${e.file} is a damaged zip (${e.reason}). Zip the folders again and upload the new file.`;
    case 'zip-bomb':
      return e.kind === 'declared'
        ? `${e.file} says it unpacks to ${formatBytes(e.bytes)}, over the ${formatBytes(e.maxBytes)} limit; it was not opened. Upload fewer or smaller images.`
        : `${e.file}${e.entry ? `, entry ${e.entry},` : ''} unpacks to more than it declares (over ${formatBytes(e.maxBytes)}); unpacking was stopped. This zip is damaged or hostile: zip the folders again.`;
    case 'too-many-images':
      return `${e.file} holds ${e.count} images; the limit is ${e.max}. Upload a smaller sample.`;
    case 'no-images':
      return `${e.file} has no images in class folders. Put the images in one folder per class (cat/001.png, dog/002.png).`;
    case 'dataset-too-large':
      return `${e.file} would need ${formatBytes(e.bytes)} of memory at this image size; the limit is ${formatBytes(e.maxBytes)}. Pick a smaller size or grayscale.`;
    case 'internal':
      return `${e.file} could not be parsed because of a bug in the lab (${e.reason}). Please report it.`;
    default:
      return assertNever(e);
  }
}

/** The message of a warning. */
export function warningMessage(w: WarningDetail): string {
  switch (w.code) {
    case 'missing-values':
      return `${w.file}: ${w.total} missing value(s) in ${list(w.columns.map((c) => `${q(c.column)} (${c.count})`))}. Numbers are filled with the training mean; missing categories get no category.`;
    case 'missing-labels':
      return `${w.file}: ${w.count} row(s) without a label were left out (${list(w.rows.map((r) => `row ${r}`))}).`;
    case 'columns-dropped':
      return w.columns.length === 1
        ? `${w.file}: column ${q(w.columns[0]!.column)} is not used: ${DROP_TEXT[w.reason](w.columns[0]!.detail)}.`
        : `${w.file}: ${w.columns.length} columns are not used (${list(w.columns.map((c) => `${q(c.column)}`))}): ${DROP_TEXT[w.reason]()}.`;
    case 'unseen-categories':
      return `${w.file}: ${w.count} value(s) of ${q(w.column)} in the validation/test rows never occur in training; they are encoded as no category.`;
    case 'imbalanced':
      return `${w.file}: classes are imbalanced: ${q(w.largest.name)} has ${w.largest.count} examples, ${q(w.smallest.name)} only ${w.smallest.count} (${w.ratio.toFixed(1)}x). Accuracy can look good while the small class is ignored.`;
    case 'skipped-entries':
      return `${w.file}: ${w.count} entr${w.count === 1 ? 'y was' : 'ies were'} skipped, ${SKIP_TEXT[w.reason]}: ${list(w.entries.map((e) => cut(e.path, 100)))}.`;
    case 'mixed-sizes':
      return `${w.file}: images come in ${w.distinct} sizes (${list(w.sizes.map((s) => `${s.width}x${s.height}`))}); all were resized to ${w.target[1]}x${w.target[0]}.`;
    case 'mixed-channels':
      return `${w.file}: images mix ${list(w.channels.map((c) => CHANNEL_TEXT[c.channels] ?? `${c.channels}-channel`))}; all were converted to ${w.color === 'rgb' ? 'RGB' : 'grayscale'}.`;
    default:
      return assertNever(w);
  }
}

const DROP_TEXT: Record<DropReason, (d?: number) => string> = {
  ignored: () => 'you chose to ignore them',
  empty: () => 'no values',
  'mostly-missing': (d) =>
    d === undefined
      ? 'more than half missing'
      : `${Math.round(d * 100)}% of the values are missing`,
  constant: () => 'the same value in every row',
  'row-index': () => 'they only count the rows (an index column would leak the row order)',
  'too-many-categories': (d) =>
    `${d === undefined ? 'too many' : d} distinct text values (a name or id?); clean it up or mark it numeric to use it`,
};

const SKIP_TEXT: Record<SkipReason, string> = {
  'not-an-image': 'not images',
  'unsafe-path': 'their paths leave the archive (../ or absolute) and were refused',
  'outside-class-folder': 'not inside a class folder',
  'system-file': 'system files',
  'too-large': 'too large to decode',
  unsupported: 'encrypted or compressed in a way the lab cannot read',
  'corrupt-image': 'the image could not be decoded',
};

const CHANNEL_TEXT: Record<number, string> = {
  1: 'grayscale',
  2: 'grayscale+alpha',
  3: 'RGB',
  4: 'RGBA',
};
