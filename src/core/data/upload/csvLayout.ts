import { fail } from './errors';
import type { Grid } from './csvText';
import { cellKind, parseNumber } from './csvText';

/** The table of a CSV: column names, data rows (all `names.length` wide) and their file lines. */
export interface Table {
  readonly names: string[];
  readonly rows: string[][];
  readonly lines: number[];
  readonly header: boolean;
  /** `sklearn`: the first row was scikit-learn's `n_samples, n_features, class names…`. */
  readonly layout: 'plain' | 'sklearn';
  /** Class names of the label indices, from a scikit-learn first row. */
  readonly labelNames?: readonly string[];
}

const SAMPLE_ROWS = 200;

/**
 * Whether the first row is a header: it is when some column is numeric below it but not in it;
 * when no column is numeric (all text), when none of its cells recurs in its column below.
 */
export function looksLikeHeader(rows: readonly string[][], decimalComma: boolean): boolean {
  const first = rows[0] ?? [];
  const sample = rows.slice(1, 1 + SAMPLE_ROWS);
  if (sample.length === 0) return first.some((c) => cellKind(c, decimalComma) === 'text');
  let anyNumeric = false;
  for (let j = 0; j < first.length; j++) {
    const kinds = sample
      .map((r) => cellKind(r[j] ?? '', decimalComma))
      .filter((k) => k !== 'missing');
    const numeric = kinds.length > 0 && kinds.every((k) => k === 'number' || k === 'non-finite');
    if (!numeric) continue;
    anyNumeric = true;
    if (cellKind(first[j]!, decimalComma) === 'text') return true;
  }
  if (anyNumeric) return false;
  return first.every(
    (c, j) => c.trim() !== '' && !sample.some((r) => (r[j] ?? '').trim() === c.trim()),
  );
}

/** scikit-learn's bundled CSVs start with `n_samples, n_features, class names…` (iris, wine). */
function sklearnNames(grid: Grid, decimalComma: boolean): readonly string[] | undefined {
  const first = grid.rows[0];
  const second = grid.rows[1];
  if (!first || !second || first.length < 4) return undefined;
  const n = parseNumber(first[0]!, decimalComma);
  const d = parseNumber(first[1]!, decimalComma);
  const names = first.slice(2).map((c) => c.trim());
  const ok =
    n === grid.rows.length - 1 &&
    d === second.length - 1 &&
    names.every((c) => cellKind(c, decimalComma) === 'text');
  return ok ? names : undefined;
}

/**
 * Splits the header from the data, names the columns (blank names become `column N`), drops
 * columns that trailing delimiters leave empty, and refuses ragged rows and duplicate names.
 */
export function toTable(
  grid: Grid,
  header: boolean | 'auto',
  decimalComma: boolean,
  file: string,
): Table {
  if (grid.rows.length === 0) fail({ code: 'empty-file', file });
  const sk = header !== false ? sklearnNames(grid, decimalComma) : undefined;
  const hasHeader = sk
    ? true
    : header === 'auto'
      ? looksLikeHeader(grid.rows, decimalComma)
      : header;
  let rows = hasHeader ? grid.rows.slice(1) : grid.rows.slice();
  const lines = hasHeader ? grid.lines.slice(1) : grid.lines.slice();
  if (rows.length === 0) fail({ code: 'header-only', file });
  const first = sk ? rows[0]! : grid.rows[0]!;
  let width = first.length;
  // Trailing delimiters ("a,b,c,") add an empty last field: drop it where it is empty.
  const trimmed = (r: string[]) => {
    while (r.length > width && r[r.length - 1]!.trim() === '') r = r.slice(0, -1);
    return r;
  };
  rows = rows.map(trimmed);
  const headRow = hasHeader && !sk ? trimmed(grid.rows[0]!) : undefined;
  const blankLast = (r: readonly string[]) =>
    r.length === width - 1 || (r.length === width && r[width - 1]!.trim() === '');
  if (width > 1 && (headRow?.[width - 1] ?? '').trim() === '' && rows.every(blankLast)) {
    width--;
    rows = rows.map((r) => r.slice(0, width));
  }
  if (width < 2) fail({ code: 'single-column', file });
  const bad: { row: number; fields: number }[] = [];
  let count = 0;
  rows.forEach((r, i) => {
    if (r.length === width) return;
    count++;
    if (bad.length < 10) bad.push({ row: lines[i]!, fields: r.length });
  });
  if (count > 0) fail({ code: 'ragged-rows', file, expected: width, rows: bad, count });
  const names = Array.from({ length: width }, (_, j) => {
    if (sk) return j === width - 1 ? 'class' : `feature ${j + 1}`;
    const name = headRow?.[j]?.trim() ?? '';
    return name === '' ? `column ${j + 1}` : name;
  });
  const seen = new Map<string, number>();
  names.forEach((name, j) => {
    const at = seen.get(name);
    if (at !== undefined) fail({ code: 'duplicate-header', file, name, columns: [at + 1, j + 1] });
    seen.set(name, j);
  });
  return {
    names,
    rows,
    lines,
    header: hasHeader,
    layout: sk ? 'sklearn' : 'plain',
    ...(sk ? { labelNames: sk } : {}),
  };
}
