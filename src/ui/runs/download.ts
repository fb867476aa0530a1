import { zipSync } from 'fflate';
import type { ExportFile } from '../../core/export/types';

/** Saves bytes as a file through the browser's download. */
export function downloadBytes(name: string, mime: string, bytes: Uint8Array | Blob): void {
  const blob = bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One file as it is; several in one zip named `zipName` (a TF.js model is model.json + weights). */
export function downloadFiles(files: readonly ExportFile[], zipName: string): void {
  if (files.length === 1) {
    const f = files[0]!;
    downloadBytes(f.name, f.mime, f.bytes);
    return;
  }
  const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, f.bytes])), { level: 6 });
  downloadBytes(zipName, 'application/zip', zip);
}
