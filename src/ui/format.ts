/** A fraction as a percentage with sensible precision: "100%", "56.3%", "3.7%", "0.45%". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '–';
  const p = fraction * 100;
  if (p >= 99.95) return '100%';
  if (p >= 10) return `${p.toFixed(1)}%`;
  if (p >= 1) return `${p.toFixed(1)}%`;
  if (p > 0) return `${p.toPrecision(2)}%`;
  return '0%';
}

/**
 * One formatter for all counts: `toLocaleString` builds a new one per call, which cost a few
 * hundred ms per 30 s of training in the per-frame commits (bench/uiLongTasks.ts).
 */
const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Compression = 1 / density, as "1.0×", "8.3×", "56×". */
export function formatCompression(density: number): string {
  if (!(density > 0) || !Number.isFinite(density)) return '–';
  const c = 1 / density;
  return c < 10 ? `${c.toFixed(1)}×` : `${INT.format(Math.round(c))}×`;
}

/** An integer with thousands separators. */
export function formatInt(n: number): string {
  return Number.isFinite(n) ? INT.format(Math.round(n)) : '–';
}

/** A rate such as cuts per step: "0", "0.35", "12", "1,204". */
export function formatRate(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  if (x < 10) return x.toPrecision(2);
  return formatInt(x);
}

/** A weight: "−0.0213", "1.24", "3.1e-5" (true minus sign). */
export function formatWeight(w: number): string {
  const s = Math.abs(w) >= 1e-3 || w === 0 ? w.toPrecision(3) : w.toExponential(1);
  return s.replace('-', '−');
}

/** Milliseconds per step as "24 ms" or "1.4 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return ms >= 1000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}
