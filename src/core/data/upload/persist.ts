import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb';
import { errorName, openDb, settleAll } from '../../storage/openDb';
import type { Dataset } from '../types';
import type { UploadWarning } from './errors';
import type { CsvOptions, CsvReport, ImageOptions, ImageReport } from './types';

/** The uploaded file itself, kept so the upload can be parsed again with other options. */
export interface SavedUploadSource {
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly options: CsvOptions | ImageOptions;
}

/** An upload as stored: the parsed dataset and preview, and optionally the raw file. */
export interface SavedUpload {
  readonly id: string;
  readonly kind: 'csv' | 'images';
  readonly name: string;
  readonly savedAtMs: number;
  readonly dataset: Dataset;
  readonly report: CsvReport | ImageReport;
  readonly warnings: readonly UploadWarning[];
  readonly source?: SavedUploadSource;
}

/** What the upload list shows, stored apart so listing never loads the arrays. */
export interface SavedUploadSummary {
  readonly id: string;
  readonly kind: 'csv' | 'images';
  readonly name: string;
  readonly title: string;
  readonly savedAtMs: number;
  readonly examples: number;
  readonly numClasses: number;
  /** Bytes of arrays stored (dataset and raw file). */
  readonly bytes: number;
}

export type StoreError = {
  readonly code: 'storage-unavailable' | 'storage-full' | 'storage-failed';
  readonly message: string;
};
export type StoreResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: StoreError };

/** Saved uploads in IndexedDB. Every method resolves to a result; none rejects. */
export interface UploadStore {
  save(upload: SavedUpload): Promise<StoreResult<SavedUploadSummary>>;
  load(id: string): Promise<StoreResult<SavedUpload | undefined>>;
  list(): Promise<StoreResult<SavedUploadSummary[]>>;
  remove(id: string): Promise<StoreResult<void>>;
  close(): void;
}

export const UPLOAD_DB = 'pruning-lab-uploads';
const SUMMARIES = 'summaries';
const UPLOADS = 'uploads';

/**
 * The layout of the upload database, unchanged since the hand-written version (version 1, two
 * stores keyed by `id`), so uploads saved by it open here as they are.
 */
interface UploadDb extends DBSchema {
  summaries: { key: string; value: SavedUploadSummary };
  uploads: { key: string; value: SavedUpload };
}

function storeError(e: unknown, doing: string): StoreError {
  const detail = e instanceof Error ? e.message : String(e);
  if (errorName(e) === 'QuotaExceededError')
    return {
      code: 'storage-full',
      message: `The browser's storage is full, so the upload could not be ${doing}. Delete old uploads or free space.`,
    };
  return {
    code: 'storage-failed',
    message: `The upload could not be ${doing} (${detail}). It still works until the page is reloaded.`,
  };
}

/** Runs writes on both stores in one transaction: both land or neither (a failure aborts it). */
async function writeAll(
  db: IDBPDatabase<UploadDb>,
  writes: (
    tx: IDBPTransaction<UploadDb, ['summaries', 'uploads'], 'readwrite'>,
  ) => (() => Promise<unknown>)[],
): Promise<void> {
  const tx = db.transaction([SUMMARIES, UPLOADS], 'readwrite');
  await settleAll(tx, writes(tx));
}

/** Bytes of the typed arrays an upload holds. */
export function uploadBytes(u: SavedUpload): number {
  const d = u.dataset;
  return (
    [d.train, d.validation, d.test].reduce((s, p) => s + p.x.byteLength + p.y.byteLength, 0) +
    (u.source?.bytes.byteLength ?? 0)
  );
}

/** The list entry of an upload. */
export function summarize(u: SavedUpload): SavedUploadSummary {
  const d = u.dataset;
  return {
    id: u.id,
    kind: u.kind,
    name: u.name,
    title: d.title,
    savedAtMs: u.savedAtMs,
    examples: d.train.count + d.validation.count + d.test.count,
    numClasses: d.numClasses,
    bytes: uploadBytes(u),
  };
}

function looksSaved(x: unknown, id: string): x is SavedUpload {
  if (typeof x !== 'object' || x === null) return false;
  const u = x as Partial<SavedUpload>;
  return (
    u.id === id &&
    typeof u.dataset === 'object' &&
    u.dataset !== null &&
    typeof u.report === 'object'
  );
}

/**
 * Opens the upload store in `factory`: the page's or worker's `indexedDB` (fake-indexeddb in
 * tests). Resolves to `storage-unavailable` where there is none (private
 * windows of some browsers) or it cannot be opened.
 */
export async function openUploadStore(
  factory: IDBFactory | undefined,
  dbName = UPLOAD_DB,
): Promise<StoreResult<UploadStore>> {
  const unavailable = (detail: string): StoreResult<UploadStore> => ({
    ok: false,
    error: {
      code: 'storage-unavailable',
      message: `Uploads cannot be kept in this browser (${detail}); they last until the page is reloaded.`,
    },
  });
  if (!factory) return unavailable('no IndexedDB');
  let db: IDBPDatabase<UploadDb>;
  try {
    db = await openDb<UploadDb>(factory, dbName, 1, (d, oldVersion) => {
      if (oldVersion < 1) {
        d.createObjectStore(SUMMARIES, { keyPath: 'id' });
        d.createObjectStore(UPLOADS, { keyPath: 'id' });
      }
    });
  } catch (e) {
    return unavailable(e instanceof Error ? e.message : String(e));
  }
  const run = async <T>(doing: string, body: () => Promise<T>): Promise<StoreResult<T>> => {
    try {
      return { ok: true, value: await body() };
    } catch (e) {
      return { ok: false, error: storeError(e, doing) };
    }
  };
  return {
    ok: true,
    value: {
      save: (upload) =>
        run('saved', async () => {
          const summary = summarize(upload);
          await writeAll(db, (tx) => [
            () => tx.objectStore(UPLOADS).put(upload),
            () => tx.objectStore(SUMMARIES).put(summary),
          ]);
          return summary;
        }),
      load: (id) =>
        run('loaded', async () => {
          const value: unknown = await db.get(UPLOADS, id);
          if (value === undefined) return undefined;
          if (!looksSaved(value, id)) throw new Error('the stored record is damaged');
          return value;
        }),
      list: () =>
        run('listed', async () => {
          const all = await db.getAll(SUMMARIES);
          return all.sort((a, b) => b.savedAtMs - a.savedAtMs);
        }),
      remove: (id) =>
        run('deleted', async () => {
          await writeAll(db, (tx) => [
            () => tx.objectStore(UPLOADS).delete(id),
            () => tx.objectStore(SUMMARIES).delete(id),
          ]);
        }),
      close: () => db.close(),
    },
  };
}
