import type { BackendName } from '../../core/backend';
import { parseCsvUpload } from '../../core/data/upload/csv';
import { uploadError } from '../../core/data/upload/errors';
import { parseImageFolder, parseImageZip } from '../../core/data/upload/images';
import { suggestModel } from '../../core/data/upload/suggest';
import type { ImageDecoder } from '../../core/data/upload/types';
import type { OpenedSource, SourceReaders } from './files';
import { openSource, sourceLabel } from './files';
import { csvOptions, imageOptions } from './options';
import { peekColumns } from './peek';
import type { ParseOutcome, UploadChoices, UploadSource } from './protocol';

/** Progress goes out at most this often. */
const PROGRESS_MS = 100;
/** Errors after which the CSV's first row is not worth reading for column names. */
const UNREADABLE = new Set(['too-large', 'empty-file', 'not-text', 'read-failed']);

export interface ParseEnv {
  readonly readers: SourceReaders;
  readonly decoder?: ImageDecoder;
  /** Image decoding progress, at most every 100 ms (and at the end). */
  onProgress(label: string, done: number, total: number): void;
}

const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Opens a source and runs the parser it needs: the CSV parser, or the image parser for a zip or a
 * folder. A failed CSV also gives its column names (so another label can be picked); images get
 * the model suggestion for the lab's backend. Resolves to an outcome, never rejects on bad input.
 */
export async function parseSource(
  source: UploadSource,
  choices: UploadChoices,
  backend: BackendName | null,
  env: ParseEnv,
): Promise<ParseOutcome> {
  const name = sourceLabel(source);
  let opened: OpenedSource;
  try {
    opened = await openSource(source, env.readers);
  } catch (e) {
    const error = uploadError({ code: 'read-failed', file: name, reason: why(e) });
    return { ok: false, kind: null, name, error, warnings: [], columns: null };
  }
  if (opened.kind === 'csv') {
    const options = csvOptions(choices);
    const r = await parseCsvUpload(opened.file, options);
    if (r.ok) {
      const { dataset, report, warnings } = r;
      return { ok: true, kind: 'csv', name, dataset, report, warnings };
    }
    const bytes = UNREADABLE.has(r.error.code)
      ? null
      : await opened.file.arrayBuffer().catch(() => null);
    const columns = bytes ? peekColumns(new Uint8Array(bytes), name, options) : null;
    const { error, warnings } = r;
    return { ok: false, kind: 'csv', name, error, warnings, columns };
  }
  let last = 0;
  const imageEnv = {
    ...(env.decoder ? { decoder: env.decoder } : {}),
    onProgress: (done: number, total: number) => {
      const now = Date.now();
      if (now - last < PROGRESS_MS && done < total) return;
      last = now;
      env.onProgress(`Decoding images of ${name}`, done, total);
    },
  };
  const options = imageOptions(choices);
  const r =
    opened.kind === 'folder'
      ? await parseImageFolder(opened.name, opened.files, options, imageEnv)
      : await parseImageZip(opened.file, options, imageEnv);
  if (!r.ok) {
    const { error, warnings } = r;
    return { ok: false, kind: 'images', name, error, warnings, columns: null };
  }
  const rep = r.report;
  const suggestedModel = suggestModel(rep.inputShape, rep.classes.length, backend ?? undefined);
  const { dataset, warnings } = r;
  return { ok: true, kind: 'images', name, dataset, report: { ...rep, suggestedModel }, warnings };
}
