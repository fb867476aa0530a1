import type { DropReason } from './errors';
import { fail } from './errors';
import type { Table } from './csvLayout';
import { cellKind, isMissing, parseNumber } from './csvText';
import type { ColumnRole } from './types';

/**
 * How a feature column is typed (`auto`):
 * - every non-missing cell a finite number: numeric (NaN / Infinity cells are an error);
 * - fewer than half of the non-missing cells numbers: categorical (one-hot);
 * - otherwise, a number column with stray text: an error naming the first text cell.
 * Columns more than half missing, constant, or counting the rows (0, 1, 2, … an index) are
 * dropped with a warning. A role given by the user overrides the guess (and is not dropped).
 */
export type ColumnPlan =
  | {
      readonly kind: 'numeric';
      readonly j: number;
      readonly values: Float64Array;
      readonly missing: number;
    }
  | {
      readonly kind: 'categorical';
      readonly j: number;
      readonly values: readonly string[];
      readonly missing: number;
    }
  | {
      readonly kind: 'dropped';
      readonly j: number;
      readonly reason: DropReason;
      readonly detail?: number;
      readonly missing: number;
    }
  | { readonly kind: 'label'; readonly j: number; readonly missing: number };

/** Most missing share before an `auto` column is dropped. */
export const MAX_MISSING_FRACTION = 0.5;

/** Types every column of the table (see `ColumnPlan`). */
export function planColumns(
  table: Table,
  label: number,
  roles: Readonly<Record<string, ColumnRole>>,
  decimalComma: boolean,
  file: string,
): ColumnPlan[] {
  return table.names.map((name, j): ColumnPlan => {
    const cells = table.rows.map((r) => r[j]!);
    const missing = cells.filter(isMissing).length;
    if (j === label) return { kind: 'label', j, missing };
    const role = roles[name] ?? 'auto';
    const drop = (reason: DropReason, detail?: number): ColumnPlan => ({
      kind: 'dropped',
      j,
      reason,
      missing,
      ...(detail !== undefined ? { detail } : {}),
    });
    if (role === 'ignore') return drop('ignored');
    if (missing === cells.length) return drop('empty');
    if (role === 'auto' && missing / cells.length > MAX_MISSING_FRACTION)
      return drop('mostly-missing', missing / cells.length);
    let numbers = 0;
    let firstText = -1;
    let firstNonFinite = -1;
    cells.forEach((c, i) => {
      const k = cellKind(c, decimalComma);
      if (k === 'number') numbers++;
      else if (k === 'text' && firstText < 0) firstText = i;
      else if (k === 'non-finite' && firstNonFinite < 0) firstNonFinite = i;
    });
    const at = (i: number) => ({
      file,
      row: table.lines[i]!,
      column: name,
      value: cells[i]!.trim().slice(0, 200),
    });
    const present = cells.length - missing;
    const categorical =
      role === 'categorical' || (role === 'auto' && firstText >= 0 && numbers < present / 2);
    if (categorical) {
      const values = cells.map((c) => (isMissing(c) ? '' : c.trim()));
      if (role === 'auto' && new Set(values.filter((v) => v !== '')).size < 2)
        return drop('constant');
      return { kind: 'categorical', j, values, missing };
    }
    if (firstText >= 0) fail({ code: 'non-numeric-value', ...at(firstText) });
    if (firstNonFinite >= 0) fail({ code: 'non-finite-value', ...at(firstNonFinite) });
    const values = Float64Array.from(cells, (c) =>
      isMissing(c) ? NaN : parseNumber(c, decimalComma),
    );
    if (role === 'auto') {
      let min = Infinity;
      let max = -Infinity;
      for (const v of values)
        if (!Number.isNaN(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
      if (min === max) return drop('constant');
      if (values.length >= 3 && (countsRows(values, 0) || countsRows(values, 1)))
        return drop('row-index');
    }
    return { kind: 'numeric', j, values, missing };
  });
}

function countsRows(values: Float64Array, from: number): boolean {
  return values.every((v, i) => v === i + from);
}
