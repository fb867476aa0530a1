/** Plain-text table with right-aligned numeric columns. */
export function table(
  head: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [
    line(cells[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

/** A one-line progress bar, e.g. `train [#####-----] 52% 447/860 ETA 12s`. */
export function progressBar(
  label: string,
  done: number,
  total: number,
  startedMs: number,
  width = 30,
): string {
  const f = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(f * width);
  const elapsed = (performance.now() - startedMs) / 1000;
  const eta = f > 0 ? (elapsed * (1 - f)) / f : 0;
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(100 * f).toFixed(0).padStart(3)}% ${done}/${total} ETA ${formatSeconds(eta)}`;
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s.toFixed(0)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s - 60 * m)).padStart(2, '0')}s`;
}

export function pct(x: number, digits = 2): string {
  return `${(100 * x).toFixed(digits)}%`;
}
