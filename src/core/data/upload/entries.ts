import { naturalCompare } from './common';
import type { Warn } from './common';
import type { SkipReason } from './errors';
import { uploadWarning } from './errors';
import { IMAGE_EXTENSIONS } from './sniff';

/** A file of a zip or folder, with how to get its bytes. */
export interface SourceEntry {
  readonly path: string;
  /** Declared size in bytes (uncompressed for zip entries). */
  readonly size: number;
  /** `unsupported` entries (encrypted, unknown compression) are listed, never read. */
  readonly unsupported?: string;
}

/** An image file sorted into its class. */
export interface ImageEntry<E extends SourceEntry> {
  readonly entry: E;
  /** Path below the common root, e.g. `cat/001.png`. */
  readonly path: string;
  readonly className: string;
}

/** Where each entry goes: into a class, or skipped with a reason. */
export interface Sorted<E extends SourceEntry> {
  readonly images: ImageEntry<E>[];
  readonly skipped: { path: string; reason: SkipReason; detail?: string }[];
}

const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini', '__macosx']);

/** True for paths that leave the archive: absolute, a drive letter, or a `..` segment. */
export function isUnsafePath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return (
    p.startsWith('/') || /^[a-zA-Z]:/.test(p) || p.split('/').includes('..') || p.includes('\u0000')
  );
}

/**
 * Sorts entries into classes: the first folder below the common root (`pets/cat/001.png` →
 * `cat` when every image is under `pets/`) names the class. Unsafe paths are refused; system
 * files (`__MACOSX/`, dot files, Thumbs.db), files outside a class folder and non-image
 * extensions are skipped. Directory entries are ignored. Images come out in natural path order.
 */
export function sortEntries<E extends SourceEntry>(
  entries: readonly E[],
  maxEntryBytes: number,
): Sorted<E> {
  const skipped: Sorted<E>['skipped'] = [];
  const candidates: { entry: E; parts: string[] }[] = [];
  for (const entry of entries) {
    const raw = entry.path;
    if (raw.endsWith('/') || raw.endsWith('\\')) continue;
    if (isUnsafePath(raw)) {
      skipped.push({ path: raw, reason: 'unsafe-path' });
      continue;
    }
    const parts = raw
      .replace(/\\/g, '/')
      .split('/')
      .filter((s) => s !== '' && s !== '.');
    if (parts.some((s) => s.startsWith('.') || SYSTEM_FILES.has(s.toLowerCase()))) {
      skipped.push({ path: raw, reason: 'system-file' });
      continue;
    }
    const ext = /\.([^.]+)$/.exec(parts[parts.length - 1] ?? '')?.[1]?.toLowerCase() ?? '';
    if (!IMAGE_EXTENSIONS.includes(ext)) skipped.push({ path: raw, reason: 'not-an-image' });
    else candidates.push({ entry, parts });
  }
  // Strip folders every image shares, as long as a class folder and a file stay below them.
  let root = 0;
  while (
    candidates.length > 0 &&
    candidates.every(
      (c) => c.parts.length >= root + 3 && c.parts[root] === candidates[0]!.parts[root],
    )
  )
    root++;
  const images: ImageEntry<E>[] = [];
  for (const { entry, parts } of candidates) {
    const rel = parts.slice(root);
    if (rel.length < 2) skipped.push({ path: entry.path, reason: 'outside-class-folder' });
    else if (entry.unsupported)
      skipped.push({ path: entry.path, reason: 'unsupported', detail: entry.unsupported });
    else if (entry.size > maxEntryBytes)
      skipped.push({ path: entry.path, reason: 'too-large', detail: `${entry.size} bytes` });
    else images.push({ entry, path: rel.join('/'), className: rel[0]! });
  }
  images.sort((a, b) => naturalCompare(a.path, b.path));
  return { images, skipped };
}

/** One warning per skip reason, listing the first 50 entries. */
export function warnSkipped(
  skipped: readonly { path: string; reason: SkipReason; detail?: string }[],
  file: string,
  warn: Warn,
): void {
  const byReason = new Map<SkipReason, { path: string; detail?: string }[]>();
  for (const s of skipped) {
    const list = byReason.get(s.reason) ?? [];
    list.push({ path: s.path, ...(s.detail !== undefined ? { detail: s.detail } : {}) });
    byReason.set(s.reason, list);
  }
  for (const [reason, list] of byReason)
    warn(
      uploadWarning({
        code: 'skipped-entries',
        file,
        reason,
        entries: list.slice(0, 50),
        count: list.length,
      }),
    );
}
