import type { SourceEntry } from './entries';
import { fail } from './errors';
import { readCapped } from './common';
import type { FolderFile, UploadFile } from './types';
import { readZipDirectory, readZipEntry } from './zip';

/** An entry of a zip or a dropped folder that can be read on demand. */
export interface ReadableEntry extends SourceEntry {
  /** The bytes, or why they could not be had (the caller skips the entry). Aborts on a zip bomb. */
  read(): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; detail: string }>;
}

/** Where an image upload comes from: a zip file, or the files of a dropped folder. */
export type ImageSource =
  | { readonly kind: 'zip'; readonly file: UploadFile }
  | { readonly kind: 'folder'; readonly name: string; readonly files: readonly FolderFile[] };

export interface SourceCaps {
  readonly maxBytes: number;
  readonly maxUncompressedBytes: number;
  readonly maxEntryBytes: number;
}

/** The name shown in messages for a source. */
export function sourceName(source: ImageSource): string {
  return String(source.kind === 'zip' ? source.file.name : source.name);
}

/**
 * Lists a source's entries. A zip is refused from its size before it is read, and from its
 * declared uncompressed total (a zip bomb) before anything is inflated; a folder is refused from
 * the sum of its file sizes before any file is read.
 */
export async function openSource(source: ImageSource, caps: SourceCaps): Promise<ReadableEntry[]> {
  const file = sourceName(source);
  if (source.kind === 'folder') {
    const total = source.files.reduce((s, f) => s + Number(f.file.size), 0);
    if (!(total <= caps.maxBytes))
      fail({ code: 'too-large', file, bytes: total, maxBytes: caps.maxBytes, inflated: false });
    return source.files.map((f) => ({
      path: String(f.path),
      size: Number(f.file.size),
      read: async () => {
        try {
          const buffer = await f.file.arrayBuffer();
          if (buffer.byteLength > caps.maxEntryBytes)
            return { ok: false, detail: `larger than ${caps.maxEntryBytes} bytes` };
          return { ok: true, bytes: new Uint8Array(buffer) };
        } catch (e) {
          return {
            ok: false,
            detail: `could not be read: ${e instanceof Error ? e.message : String(e)}`,
          };
        }
      },
    }));
  }
  const bytes = await readCapped(source.file, file, caps.maxBytes);
  const directory = readZipDirectory(bytes, file);
  const declared = directory.reduce((s, e) => s + e.size, 0);
  if (declared > caps.maxUncompressedBytes)
    fail({
      code: 'zip-bomb',
      file,
      kind: 'declared',
      bytes: declared,
      maxBytes: caps.maxUncompressedBytes,
    });
  return directory.map((e) => {
    const unsupported = e.encrypted
      ? 'encrypted'
      : e.method !== 0 && e.method !== 8
        ? `compression method ${e.method}`
        : undefined;
    return {
      path: e.name,
      size: e.size,
      ...(unsupported ? { unsupported } : {}),
      read: async () => {
        const r = readZipEntry(bytes, e, caps.maxEntryBytes);
        if (r.ok) return r;
        if (r.reason === 'bomb')
          fail({
            code: 'zip-bomb',
            file,
            entry: e.name,
            kind: 'actual',
            bytes: e.size,
            maxBytes: Math.min(e.size, caps.maxEntryBytes),
          });
        return { ok: false, detail: `damaged zip entry: ${r.detail}` };
      },
    };
  });
}
