import type { NetworkFigures, RunReport } from '../../core/report/types';

/** One row of the report's figure table: where the value lives in the report JSON and how to show it. */
export interface FigureRow {
  readonly key: string;
  readonly label: string;
  /** Dotted path inside `report.pruned` / `report.dense` (the e2e test reads values back by it). */
  readonly path: string;
  readonly format: 'count' | 'ratio' | 'kb' | 'percent' | 'score';
}

/** The figures shown side by side, dense start and pruned. */
export const FIGURE_ROWS: readonly FigureRow[] = [
  { key: 'params', label: 'parameters', path: 'compute.params', format: 'count' },
  { key: 'nonzeros', label: 'non-zeros', path: 'compute.nonZeros', format: 'count' },
  { key: 'compression', label: 'compression', path: 'compute.compression', format: 'ratio' },
  { key: 'macs-dense', label: 'MACs, dense', path: 'compute.macs.dense', format: 'count' },
  {
    key: 'macs-sparse',
    label: 'MACs, sparse kernel',
    path: 'compute.macs.sparse',
    format: 'count',
  },
  {
    key: 'macs-structured',
    label: 'MACs, dead units removed',
    path: 'compute.macs.structured',
    format: 'count',
  },
  { key: 'bytes-dense', label: 'dense float32', path: 'bytes.dense-f32.raw', format: 'kb' },
  { key: 'bytes-csr', label: 'CSR float32, gzip', path: 'bytes.csr-f32.gzip', format: 'kb' },
  { key: 'bytes-int8', label: 'CSR int8, gzip', path: 'bytes.csr-int8.gzip', format: 'kb' },
  { key: 'accuracy', label: 'test accuracy', path: 'testAccuracy', format: 'percent' },
  { key: 'int8', label: 'test accuracy, int8', path: 'int8.testAccuracy', format: 'percent' },
  { key: 'ece', label: 'ECE (15 bins)', path: 'calibration.ece', format: 'score' },
  { key: 'brier', label: 'Brier score', path: 'calibration.brier', format: 'score' },
  { key: 'nll', label: 'NLL (nats)', path: 'calibration.nll', format: 'score' },
];

/** The number at a dotted path of a network's figures (keys may hold dashes, e.g. dense-f32). */
export function figureAt(n: NetworkFigures, path: string): number | null {
  let v: unknown = n;
  for (const k of path.split('.'))
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return typeof v === 'number' ? v : null;
}

/** A figure as text. */
export function formatFigure(v: number | null, f: FigureRow['format']): string {
  if (v === null || !Number.isFinite(v)) return '–';
  switch (f) {
    case 'count':
      return Math.round(v).toLocaleString('en-US');
    case 'ratio':
      return `${v.toFixed(1)}×`;
    case 'kb':
      return `${(v / 1024).toFixed(1)} KB`;
    case 'percent':
      return `${(100 * v).toFixed(2)}%`;
    case 'score':
      return v.toFixed(4);
  }
}

/** Reliability diagram series: per non-empty bin, its mid confidence and accuracy (percent). */
export function reliabilitySeries(n: NetworkFigures) {
  return n.calibration.bins
    .filter((b) => b.count > 0 && b.accuracy !== null && b.confidence !== null)
    .map((b) => ({
      mid: 100 * ((b.lo + b.hi) / 2),
      confidence: 100 * b.confidence!,
      accuracy: 100 * b.accuracy!,
      count: b.count,
    }));
}

/** Accuracy-vs-severity series per corruption: level 0 is the clean test set. */
export function severitySeries(r: RunReport) {
  const rows = r.corruption ?? [];
  const kinds = [...new Set(rows.map((c) => c.corruption))];
  return kinds.map((kind) => ({
    kind,
    points: [
      {
        level: 0,
        severity: 0,
        pruned: 100 * r.pruned.testAccuracy,
        dense: r.dense ? 100 * r.dense.testAccuracy : null,
      },
      ...rows
        .filter((c) => c.corruption === kind)
        .map((c) => ({
          level: c.level,
          severity: c.severity,
          pruned: 100 * c.pruned,
          dense: c.dense === null ? null : 100 * c.dense,
        })),
    ],
  }));
}
