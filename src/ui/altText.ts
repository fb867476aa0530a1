import type { Histogram } from '../core/train/snapshot';
import type { LayerThresholds } from '../core/pruning/types';
import { formatInt, formatPercent, formatWeight } from './format';

/** What a layer's heatmap shows, in words: its shape and how many weights are kept and pruned. */
export function heatmapAlt(
  name: string,
  rows: number,
  cols: number,
  counts?: { kept: number; total: number },
): string {
  const shape = `Heatmap of ${name}: ${formatInt(rows)} inputs × ${formatInt(cols)} units`;
  if (!counts || counts.total <= 0) return `${shape}, ${formatInt(rows * cols)} connections.`;
  const { kept, total } = counts;
  return `${shape}; ${formatInt(kept)} of ${formatInt(total)} weights and biases kept (${formatPercent(kept / total)}), ${formatInt(total - kept)} pruned.`;
}

function sum(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

/** What a layer's |w| histogram shows: alive and pruned counts, the largest |w|, the thresholds. */
export function histogramAlt(
  name: string,
  h: Histogram | undefined,
  th: LayerThresholds | null | undefined,
): string {
  const parts = [`Histogram of |w| in ${name}`];
  if (h)
    parts.push(
      `${formatInt(sum(h.alive))} alive and ${formatInt(sum(h.pruned))} pruned weights, |w| up to ${formatWeight(h.maxAbs)}`,
    );
  if (th)
    parts.push(
      th.a === th.b
        ? `threshold ${formatWeight(th.a)}`
        : `cut threshold a = ${th.a.toPrecision(3)}, splice threshold b = ${th.b.toPrecision(3)}`,
    );
  return `${parts.join('; ')}.`;
}
