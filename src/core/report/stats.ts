/** Mean and sample standard deviation (n − 1) of repeated figures; std is 0 for one value. */
export interface MeanStd {
  readonly mean: number;
  readonly std: number;
  readonly n: number;
}

/** Mean ± std of finite values (non-finite ones are left out; NaN mean when none remain). */
export function meanStd(values: readonly number[]): MeanStd {
  const v = values.filter((x) => Number.isFinite(x));
  const n = v.length;
  if (n === 0) return { mean: NaN, std: NaN, n: 0 };
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const ss = v.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, n };
}

/** Every numeric leaf of a JSON-like value, by dotted path (arrays by index). */
export function numericLeaves(v: unknown, prefix = '', out = new Map<string, number>()) {
  if (typeof v === 'number') out.set(prefix, v);
  else if (Array.isArray(v)) v.forEach((x, i) => numericLeaves(x, `${prefix}[${i}]`, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) numericLeaves(x, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** Mean ± std of every numeric figure the reports share (the seeds of one configuration). */
export function aggregateFigures(reports: readonly unknown[]): Record<string, MeanStd> {
  const leaves = reports.map((r) => numericLeaves(r));
  const keys = [...(leaves[0]?.keys() ?? [])].filter((k) => leaves.every((l) => l.has(k)));
  return Object.fromEntries(keys.map((k) => [k, meanStd(leaves.map((l) => l.get(k)!))]));
}

/** "97.9 ± 0.2" style text (the std in the same units as the mean). */
export function formatMeanStd(m: MeanStd, digits = 2, scale = 1): string {
  if (m.n === 0) return '–';
  const v = (m.mean * scale).toFixed(digits);
  return m.n > 1 ? `${v} ± ${(m.std * scale).toFixed(digits)}` : v;
}
