import Papa from 'papaparse';
import { MAX_CSV_BYTES } from '../../core/data/upload/csv';
import { looksLikeHeader } from '../../core/data/upload/csvLayout';
import { decodeText, detectDelimiter, isBlank } from '../../core/data/upload/csvText';
import type { CsvOptions } from '../../core/data/upload/types';

/** Characters of text looked at: enough for a header and a few dozen rows. */
const SAMPLE_CHARS = 200_000;

/**
 * The column names of a CSV that failed to parse (the first row, or `column N` without a header),
 * so the preview can offer another label column. Null when not even that much can be read.
 */
export function peekColumns(bytes: Uint8Array, file: string, o: CsvOptions): string[] | null {
  try {
    const { text } = decodeText(bytes, file, o.maxBytes ?? MAX_CSV_BYTES);
    const sample = text.slice(0, SAMPLE_CHARS);
    const chosen = o.delimiter && o.delimiter !== 'auto' ? o.delimiter : detectDelimiter(sample);
    if (!chosen) return null;
    const rows = Papa.parse<string[]>(sample, { delimiter: chosen, preview: 60 }).data.filter(
      (r) => !isBlank(r),
    );
    const first = rows[0];
    if (!first || first.length < 2) return null;
    const header =
      o.header === undefined || o.header === 'auto'
        ? looksLikeHeader(rows, chosen === ';')
        : o.header;
    return first.map((c, j) => (header && c.trim() !== '' ? c.trim() : `column ${j + 1}`));
  } catch {
    return null; // the parser's own error already says what is wrong with the file
  }
}
