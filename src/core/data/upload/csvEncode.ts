import { naturalCompare } from './common';
import type { SplitIndices, Warn } from './common';
import type { ColumnPlan } from './csvColumns';
import type { Table } from './csvLayout';
import type { ClassCount, DropReason } from './errors';
import { fail, uploadWarning } from './errors';
import type { ColumnReport } from './types';

/**
 * Scaled values are clipped to ±1e6: a held-out value far outside the training range (1e30 when
 * training saw 0-10) must stay finite in float32; anything that far out is already an outlier.
 */
export const MAX_SCALED = 1e6;
const clip = (v: number) => Math.max(-MAX_SCALED, Math.min(MAX_SCALED, v));

/** The encoded splits and what the encoders learned. */
export interface Encoded {
  readonly featureSize: number;
  readonly featureNames: string[];
  readonly columns: ColumnReport[];
  readonly train: Float32Array;
  readonly validation: Float32Array;
  readonly test: Float32Array;
  readonly missing: number;
}

interface Encoder {
  readonly width: number;
  readonly names: string[];
  /** Writes the encoded value of table row `row` at `out[at…]`. */
  write(row: number, out: Float32Array, at: number): void;
}

/**
 * Fits the encoders on the training rows only (means and deviations; category lists) and encodes
 * all three splits. Missing numbers become the training mean (0 after scaling); a missing or
 * unseen category encodes as all zeros. Categorical columns with more than `maxCategories`
 * training values are dropped.
 */
export function fitAndEncode(
  table: Table,
  plans: readonly ColumnPlan[],
  keep: Uint32Array,
  split: SplitIndices,
  maxCategories: number,
  file: string,
  warn: Warn,
): Encoded {
  const trainRows = Array.from(split.train, (e) => keep[e]!);
  const heldOut = [...split.validation, ...split.test].map((e) => keep[e]!);
  const encoders: Encoder[] = [];
  const columns: ColumnReport[] = [];
  let featureSize = 0;
  const missingCols: { column: string; count: number }[] = [];
  for (const plan of plans) {
    const name = table.names[plan.j]!;
    const base = { name, index: plan.j, missing: plan.missing };
    if (plan.kind === 'label') {
      columns.push({ ...base, role: 'label' });
      continue;
    }
    if (plan.kind === 'dropped') {
      columns.push({
        ...base,
        role: 'dropped',
        dropReason: plan.reason,
        ...(plan.detail !== undefined ? { dropDetail: plan.detail } : {}),
      });
      continue;
    }
    if (plan.kind === 'numeric') {
      const { values } = plan;
      let sum = 0;
      let n = 0;
      for (const r of trainRows)
        if (!Number.isNaN(values[r]!)) [sum, n] = [sum + values[r]!, n + 1];
      const mean = n > 0 ? sum / n : 0;
      let sq = 0;
      for (const r of trainRows) if (!Number.isNaN(values[r]!)) sq += (values[r]! - mean) ** 2;
      const sd = n > 0 ? Math.sqrt(sq / n) : 0;
      const std = sd > 1e-8 ? sd : 1;
      let min = Infinity;
      let max = -Infinity;
      for (const v of values)
        if (!Number.isNaN(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
      encoders.push({
        width: 1,
        names: [name],
        write: (row, out, at) => {
          const v = values[row]!;
          out[at] = Number.isNaN(v) ? 0 : clip((v - mean) / std);
        },
      });
      columns.push({
        ...base,
        role: 'numeric',
        numeric: { min, max, mean, std: sd },
        features: [featureSize, featureSize + 1],
      });
      featureSize += 1;
    } else {
      const { values } = plan;
      const counts = new Map<string, number>();
      for (const r of trainRows)
        if (values[r] !== '') counts.set(values[r]!, (counts.get(values[r]!) ?? 0) + 1);
      if (counts.size > maxCategories || counts.size === 0) {
        const reason: DropReason = counts.size === 0 ? 'empty' : 'too-many-categories';
        columns.push({ ...base, role: 'dropped', dropReason: reason, dropDetail: counts.size });
        continue;
      }
      const categories: ClassCount[] = [...counts]
        .map(([value, count]) => ({ name: value, count }))
        .sort((a, b) => naturalCompare(a.name, b.name));
      const index = new Map(categories.map((c, k) => [c.name, k]));
      const unseen = heldOut.filter((r) => values[r] !== '' && !index.has(values[r]!)).length;
      if (unseen > 0)
        warn(uploadWarning({ code: 'unseen-categories', file, column: name, count: unseen }));
      encoders.push({
        width: categories.length,
        names: categories.map((c) => `${name}=${c.name}`),
        write: (row, out, at) => {
          const k = index.get(values[row]!);
          if (k !== undefined) out[at + k] = 1;
        },
      });
      columns.push({
        ...base,
        role: 'categorical',
        categories,
        features: [featureSize, featureSize + categories.length],
      });
      featureSize += categories.length;
    }
    if (plan.missing > 0) missingCols.push({ column: name, count: plan.missing });
  }
  warnDropped(columns, file, warn);
  if (featureSize === 0) fail({ code: 'no-features', file });
  const missing = missingCols.reduce((s, c) => s + c.count, 0);
  if (missing > 0)
    warn(uploadWarning({ code: 'missing-values', file, columns: missingCols, total: missing }));
  const encode = (examples: Uint32Array) => {
    const x = new Float32Array(examples.length * featureSize);
    examples.forEach((e, i) => {
      let at = i * featureSize;
      for (const enc of encoders) {
        enc.write(keep[e]!, x, at);
        at += enc.width;
      }
    });
    return x;
  };
  return {
    featureSize,
    featureNames: encoders.flatMap((e) => e.names),
    columns,
    train: encode(split.train),
    validation: encode(split.validation),
    test: encode(split.test),
    missing,
  };
}

/** One warning per drop reason, listing its columns. */
function warnDropped(columns: readonly ColumnReport[], file: string, warn: Warn): void {
  const byReason = new Map<DropReason, { column: string; detail?: number }[]>();
  for (const c of columns) {
    if (!c.dropReason) continue;
    const list = byReason.get(c.dropReason) ?? [];
    list.push({ column: c.name, ...(c.dropDetail !== undefined ? { detail: c.dropDetail } : {}) });
    byReason.set(c.dropReason, list);
  }
  for (const [reason, list] of byReason)
    warn(uploadWarning({ code: 'columns-dropped', file, reason, columns: list }));
}
