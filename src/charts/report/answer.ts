import type { CompareRow } from '../compare/aggregate';
import { denseBaseline } from '../compare/aggregate';
import type { MeanStd } from '../../core/report/stats';
import { meanStd } from '../../core/report/stats';

/** Per method, the sparsest configuration that stays within `tolerance` of the dense accuracy. */
export interface MethodAnswer {
  readonly method: string;
  /** null when no configuration of the method stays within the tolerance. */
  readonly target: number | null;
  readonly found: boolean;
  readonly seeds: number;
  readonly sparsity: MeanStd;
  readonly accuracy: MeanStd;
  /** Over the seeds whose run measured them (compare mode measures each run's final network). */
  readonly bytes: MeanStd;
  readonly macs: MeanStd;
  readonly int8Accuracy: MeanStd;
  readonly ece: MeanStd;
}

/**
 * The answer a pruning guide asks for: for each method, of its configurations (targets) whose mean
 * test accuracy over seeds is at least the dense accuracy minus `tolerance`, the one with the lowest
 * mean density; with mean ± std of its bytes, MACs, int8 accuracy and ECE over seeds.
 */
export function compareAnswer(rows: readonly CompareRow[], tolerance = 0.01): MethodAnswer[] {
  const dense = denseBaseline(rows);
  const byMethod = new Map<string, Map<string, CompareRow[]>>();
  for (const r of rows) {
    if (r.method === 'none') continue;
    const g = byMethod.get(r.method) ?? new Map<string, CompareRow[]>();
    byMethod.set(r.method, g);
    g.set(String(r.target), [...(g.get(String(r.target)) ?? []), r]);
  }
  return [...byMethod].map(([method, groups]) => {
    const mean = (g: CompareRow[], f: (r: CompareRow) => number) => meanStd(g.map(f)).mean;
    const ok = [...groups.values()]
      .filter((g) => dense !== null && mean(g, (r) => r.testAccuracy) >= dense - tolerance - 1e-12)
      .sort((a, b) => mean(a, (r) => r.density) - mean(b, (r) => r.density));
    const g = ok[0] ?? [];
    const rep = g.flatMap((r) => (r.report ? [r.report] : []));
    return {
      method,
      target: g[0]?.target ?? null,
      found: g.length > 0,
      seeds: new Set(g.map((r) => r.seed)).size,
      sparsity: meanStd(g.map((r) => 1 - r.density)),
      accuracy: meanStd(g.map((r) => r.testAccuracy)),
      bytes: meanStd(rep.map((r) => r.bytesInt8Gzip)),
      macs: meanStd(rep.map((r) => r.macsSparse)),
      int8Accuracy: meanStd(rep.map((r) => r.int8Accuracy)),
      ece: meanStd(rep.map((r) => r.ece)),
    };
  });
}
