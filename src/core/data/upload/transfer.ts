import type { Dataset } from '../types';
import type { CsvReport, ImageReport } from './types';

/**
 * The ArrayBuffers of a parsed upload, to pass as `transfer` when a worker posts it back:
 * the split arrays and the preview's sample images move instead of being copied.
 */
export function uploadTransferables(
  dataset: Dataset,
  report?: CsvReport | ImageReport,
): ArrayBuffer[] {
  const views: ArrayBufferView[] = [dataset.train, dataset.validation, dataset.test].flatMap(
    (s) => [s.x, s.y],
  );
  if (report?.kind === 'images') for (const s of report.samples) views.push(...s.images);
  const out = new Set<ArrayBuffer>();
  for (const v of views) if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  return [...out];
}
