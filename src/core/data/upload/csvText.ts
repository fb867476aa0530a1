import Papa from 'papaparse';
import { isGzip } from '../gzip';
import { fail } from './errors';
import { inflateLimited } from './inflate';
import type { Delimiter } from './types';

/** The delimiters the detector tries. */
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

/** Cells that mean "no value" (compared trimmed and lower-cased). NaN is not one: it is an error. */
const MISSING = new Set(['', 'na', 'n/a', '#n/a', 'null', '?', '<na>']);
// Unambiguous (linear) on purpose: `\d+\.?\d*` backtracks quadratically on a long run of digits.
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** What one CSV cell holds. */
export type CellKind = 'missing' | 'number' | 'non-finite' | 'text';

/** Whether a cell is missing (empty, NA, N/A, null, ?). */
export function isMissing(cell: string): boolean {
  return MISSING.has(cell.trim().toLowerCase());
}

/**
 * The number in a cell, or NaN when it holds none. `decimalComma` reads "1,5" as 1.5 (only with
 * the `;` delimiter, where European spreadsheets put it).
 */
export function parseNumber(cell: string, decimalComma: boolean): number {
  const s = cell.trim();
  if (NUMBER.test(s)) return Number(s);
  if (decimalComma && DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
  return NaN;
}

/** The largest float32: features are stored as Float32Array. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Classifies a cell; numbers beyond float32 (1e39, 1e999) count as non-finite. */
export function cellKind(cell: string, decimalComma: boolean): CellKind {
  if (isMissing(cell)) return 'missing';
  const v = parseNumber(cell, decimalComma);
  if (Math.abs(v) <= FLOAT32_MAX) return 'number';
  if (!Number.isNaN(v) || NON_FINITE.test(cell.trim())) return 'non-finite';
  return 'text';
}

/**
 * Bytes to text: gzip is inflated (capped at `maxBytes`), a BOM picks UTF-8 or UTF-16, else strict
 * UTF-8 with a Windows-1252 fallback (spreadsheet exports). NUL bytes mean this is no text file.
 */
export function decodeText(
  bytes: Uint8Array,
  file: string,
  maxBytes: number,
): { text: string; gzip: boolean } {
  let raw = bytes;
  const gzip = isGzip(bytes);
  if (gzip) {
    const r = inflateLimited(bytes, 'gzip', maxBytes);
    if (!r.ok && r.reason === 'over-limit')
      fail({ code: 'too-large', file, bytes: maxBytes + 1, maxBytes, inflated: true });
    if (!r.ok) fail({ code: 'read-failed', file, reason: `damaged gzip data: ${r.detail}` });
    raw = r.bytes;
  }
  let text: string;
  if (raw[0] === 0xff && raw[1] === 0xfe)
    text = new TextDecoder('utf-16le').decode(raw.subarray(2));
  else if (raw[0] === 0xfe && raw[1] === 0xff)
    text = new TextDecoder('utf-16be').decode(raw.subarray(2));
  else {
    const nul = raw.indexOf(0);
    if (nul >= 0) fail({ code: 'not-text', file, offset: nul });
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(raw);
    } catch {
      text = new TextDecoder('windows-1252').decode(raw);
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) fail({ code: 'not-text', file, offset: nul });
  if (text.trim() === '') fail({ code: 'empty-file', file });
  return { text, gzip };
}

/** The first `maxChars` of the text, cut at a line end, for delimiter and header guesses. */
function head(text: string, maxChars = 64 * 1024): string {
  if (text.length <= maxChars) return text;
  const cut = text.lastIndexOf('\n', maxChars);
  return text.slice(0, cut > 0 ? cut : maxChars);
}

/**
 * Picks the delimiter whose split of the first rows is most consistent (most rows with the modal
 * field count, which must be at least 2); ties go to the split with more numeric cells, so
 * `5,1;3,5` is semicolon-separated with decimal commas. Returns undefined when every split gives
 * one column.
 */
export function detectDelimiter(text: string): Delimiter | undefined {
  const sample = head(text);
  let best: { d: Delimiter; score: readonly number[] } | undefined;
  for (const d of DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter: d, preview: 40 }).data.filter(
      (r) => !isBlank(r),
    );
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let mode = 0;
    let modeRows = 0;
    for (const [n, k] of counts)
      if (k > modeRows || (k === modeRows && n > mode)) [mode, modeRows] = [n, k];
    if (mode < 2) continue;
    let numeric = 0;
    let cells = 0;
    for (const r of rows)
      for (const c of r) {
        cells++;
        if (cellKind(c, d === ';') === 'number') numeric++;
      }
    const score = [modeRows / rows.length, numeric / Math.max(1, cells), mode];
    if (!best || greater(score, best.score)) best = { d, score };
  }
  return best?.d;
}

function greater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

/** True when every field of a row is blank. */
export function isBlank(row: readonly string[]): boolean {
  return row.every((c) => c.trim() === '');
}

/** Non-blank rows of a CSV with the 1-based line of the file each starts on. */
export interface Grid {
  readonly rows: string[][];
  readonly lines: number[];
}

/** Parses with papaparse; an unclosed quote is fatal, naming its line. */
export function parseGrid(text: string, delimiter: Delimiter, file: string): Grid {
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const newline = parsed.meta.linebreak === '\r' ? '\r' : '\n';
  const rows: string[][] = [];
  const lines: number[] = [];
  const startLine: number[] = [];
  let line = 1;
  for (const row of parsed.data) {
    startLine.push(line);
    if (!isBlank(row)) {
      rows.push(row);
      lines.push(line);
    }
    line += 1;
    for (const c of row)
      for (let i = c.indexOf(newline); i >= 0; i = c.indexOf(newline, i + 1)) line++;
  }
  const quote = parsed.errors.find((e) => e.code === 'MissingQuotes');
  if (quote) fail({ code: 'malformed-quotes', file, row: startLine[quote.row ?? 0] ?? 1 });
  return { rows, lines };
}
