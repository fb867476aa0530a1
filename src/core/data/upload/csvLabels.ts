import { naturalCompare } from './common';
import type { Warn } from './common';
import type { ClassCount } from './errors';
import { fail, uploadWarning } from './errors';
import { isMissing, parseNumber } from './csvText';
import type { Table } from './csvLayout';

/** Fewest examples of a class: one example cannot be both trained on and tested. */
export const MIN_PER_CLASS = 2;

/** The label column as class indices, for the rows that have a label. */
export interface Labels {
  /** Table rows that have a label, in file order. */
  readonly keep: Uint32Array;
  /** Class index of each kept row. */
  readonly y: Uint8Array;
  readonly classNames: readonly string[];
  readonly classes: readonly ClassCount[];
}

/**
 * Maps label text to classes. Integer labels sort by value (digits 0-9 keep their index), text
 * labels sort naturally; a scikit-learn first row names integer classes. Rows without a label
 * (empty, NA, NaN) are left out with a warning.
 */
export function encodeLabels(
  table: Table,
  column: number,
  maxClasses: number,
  decimalComma: boolean,
  file: string,
  warn: Warn,
): Labels {
  const keep: number[] = [];
  const dropped: number[] = [];
  const values: string[] = [];
  table.rows.forEach((r, i) => {
    const v = r[column]!.trim();
    if (isMissing(v) || /^nan$/i.test(v)) dropped.push(table.lines[i]!);
    else {
      keep.push(i);
      values.push(v);
    }
  });
  if (dropped.length > 0)
    warn(
      uploadWarning({
        code: 'missing-labels',
        file,
        rows: dropped.slice(0, 20),
        count: dropped.length,
      }),
    );
  const numbers = values.map((v) => parseNumber(v, decimalComma));
  const numeric = numbers.every((n) => Number.isFinite(n));
  const integer = numeric && numbers.every((n) => Number.isInteger(n));
  const keys = integer ? numbers.map(String) : values;
  const distinct = [...new Set(keys)];
  if (distinct.length > maxClasses)
    fail({
      code: 'too-many-classes',
      file,
      count: distinct.length,
      max: maxClasses,
      looksContinuous: numeric,
    });
  if (distinct.length < 2) fail({ code: 'too-few-classes', file, classes: distinct });
  if (integer) distinct.sort((a, b) => Number(a) - Number(b));
  else distinct.sort(naturalCompare);
  const index = new Map(distinct.map((k, c) => [k, c]));
  const y = Uint8Array.from(keys, (k) => index.get(k)!);
  let classNames: readonly string[] = distinct;
  const named = table.labelNames;
  if (
    named &&
    integer &&
    distinct.every((k, c) => Number(k) === c) &&
    distinct.length === named.length
  )
    classNames = named;
  const counts = new Array<number>(distinct.length).fill(0);
  for (const c of y) counts[c]!++;
  counts.forEach((count, c) => {
    if (count >= MIN_PER_CLASS) return;
    const where = keep.filter((_, i) => y[i] === c).map((i) => `row ${table.lines[i]}`);
    fail({
      code: 'class-too-small',
      file,
      className: classNames[c]!,
      count,
      min: MIN_PER_CLASS,
      where,
    });
  });
  return {
    keep: Uint32Array.from(keep),
    y,
    classNames,
    classes: counts.map((count, c) => ({ name: classNames[c]!, count })),
  };
}
