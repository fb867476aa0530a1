import { sweepCsv } from '../../cli/sweepReport';
import type { RunResult } from '../../core/train/result';

/** The document `lab sweep --out` writes: `{ runs, command }` (command: the CLI equivalent). */
export function sweepJson(runs: readonly RunResult[], command: string | null): string {
  return JSON.stringify({ runs, ...(command ? { command } : {}) }, null, 1) + '\n';
}

/** The CSV summary `lab sweep` writes beside its JSON (the same columns). */
export function sweepCsvText(runs: readonly RunResult[]): string {
  return sweepCsv(runs);
}

/** Saves text as a file through a temporary link (the browser's download). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
