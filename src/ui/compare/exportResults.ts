import { sweepCsv } from '../../cli/sweepReport';
import type { RunResult } from '../../core/train/result';
import { downloadBytes } from '../runs/download';

/** The document `lab sweep --out` writes: `{ runs, command }` (command: the CLI equivalent). */
export function sweepJson(runs: readonly RunResult[], command: string | null): string {
  return JSON.stringify({ runs, ...(command ? { command } : {}) }, null, 1) + '\n';
}

/** The CSV summary `lab sweep` writes beside its JSON (the same columns). */
export function sweepCsvText(runs: readonly RunResult[]): string {
  return sweepCsv(runs);
}

/** Saves text as a file through the browser's download. */
export function download(name: string, text: string, type: string): void {
  downloadBytes(name, type, new Blob([text], { type }));
}
