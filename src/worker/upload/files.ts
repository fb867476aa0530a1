import { zipSync } from 'fflate';
import type { SavedUpload } from '../../core/data/upload/persist';
import type { UploadFile } from '../../core/data/upload/types';
import { isZip } from '../../core/data/upload/zip';
import { assertNever } from '../protocol';
import type { UploadSource } from './protocol';

/** Original files up to this size are kept with a saved upload, so it can be parsed again. */
export const MAX_KEPT_SOURCE_BYTES = 64 * 1024 * 1024;

/** What the worker reads sources from besides the files themselves. */
export interface SourceReaders {
  /** A sample file under `public/datasets/`. */
  example(path: string): Promise<Uint8Array>;
  /** A saved upload (rejects when it is gone or storage fails). */
  record(id: string): Promise<SavedUpload>;
}

type FolderFiles = Extract<UploadSource, { kind: 'folder' }>['files'];

/** What a source turned out to be, ready for a parser. */
export type OpenedSource =
  | { readonly kind: 'csv' | 'zip'; readonly file: UploadFile }
  | { readonly kind: 'folder'; readonly name: string; readonly files: FolderFiles };

/** The name messages use for a source. */
export function sourceLabel(source: UploadSource): string {
  return source.kind === 'file' ? String(source.file.name) : source.name;
}

/** An in-memory file. */
export function memFile(name: string, bytes: Uint8Array): UploadFile {
  return { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
}

/** The first bytes of a file without reading the rest (a browser `File` can slice). */
async function head(file: UploadFile): Promise<Uint8Array> {
  const f = file as UploadFile & {
    slice?: (start: number, end: number) => { arrayBuffer(): Promise<ArrayBuffer> };
  };
  const part = typeof f.slice === 'function' ? f.slice(0, 4) : file;
  return new Uint8Array(await part.arrayBuffer()).subarray(0, 4);
}

/**
 * The file behind a source, and whether it is a CSV, a zip or a folder: a `.zip` name or the zip
 * signature means a zip, anything else is parsed as CSV/TSV text (which says so if it is not).
 */
export async function openSource(source: UploadSource, r: SourceReaders): Promise<OpenedSource> {
  let file: UploadFile;
  switch (source.kind) {
    case 'folder':
      return { kind: 'folder', name: source.name, files: source.files };
    case 'file':
      file = source.file;
      break;
    case 'example':
      file = memFile(source.name, await r.example(source.path));
      break;
    case 'saved': {
      const rec = await r.record(source.id);
      if (!rec.source) throw new Error('its original file was not kept');
      file = memFile(rec.source.fileName, rec.source.bytes);
      break;
    }
    default:
      return assertNever(source);
  }
  const zip = /\.zip$/i.test(String(file.name)) || isZip(await head(file));
  return { kind: zip ? 'zip' : 'csv', file };
}

/**
 * The original bytes to keep with a saved upload (a folder is kept as a stored zip), or null when
 * it is too large or cannot be read again: the upload is still saved, it just cannot be parsed
 * with other options after a reload.
 */
export async function keptSource(
  source: UploadSource,
  r: SourceReaders,
): Promise<{ fileName: string; bytes: Uint8Array } | null> {
  try {
    switch (source.kind) {
      case 'file': {
        if (source.file.size > MAX_KEPT_SOURCE_BYTES) return null;
        const bytes = new Uint8Array(await source.file.arrayBuffer());
        return { fileName: String(source.file.name), bytes };
      }
      case 'example':
        return { fileName: source.name, bytes: await r.example(source.path) };
      case 'saved': {
        const s = (await r.record(source.id)).source;
        return s ? { fileName: s.fileName, bytes: s.bytes } : null;
      }
      case 'folder': {
        const total = source.files.reduce((n, f) => n + f.file.size, 0);
        if (total > MAX_KEPT_SOURCE_BYTES) return null;
        const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
        for (const f of source.files)
          entries[f.path] = [new Uint8Array(await f.file.arrayBuffer()), { level: 0 }];
        return { fileName: source.name, bytes: zipSync(entries) };
      }
      default:
        return assertNever(source);
    }
  } catch {
    return null;
  }
}
