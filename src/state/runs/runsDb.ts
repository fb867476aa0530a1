import type { DBSchema, IDBPDatabase } from 'idb';
import { errorName, openDb, settleAll } from '../../core/storage/openDb';
import type { ValidationPoint } from '../../worker/protocol';
import type { DbResult, LoadedRun, RunsDbError, SavedPoint, SavedRun } from './types';

export const RUNS_DB = 'pruning-lab-runs';

/** A batch of metric points as it arrived; `seq` orders a run's batches. */
interface MetricsChunk {
  readonly run: string;
  readonly seq: number;
  readonly points: readonly SavedPoint[];
  readonly validation: readonly ValidationPoint[];
}

interface CheckpointRecord {
  readonly run: string;
  readonly step: number;
  readonly savedAtMs: number;
  readonly bytes: Uint8Array;
}

interface RunsSchema extends DBSchema {
  runs: { key: string; value: SavedRun };
  metrics: { key: [string, number]; value: MetricsChunk };
  checkpoints: { key: string; value: CheckpointRecord };
}

/** Saved runs in IndexedDB (through idb). Every method resolves to a result; none rejects. */
export interface RunsDb {
  putRun(run: SavedRun): Promise<DbResult<void>>;
  /** Appends a batch of metric points (and validation points) to run `key`. */
  appendMetrics(
    key: string,
    seq: number,
    points: readonly SavedPoint[],
    validation: readonly ValidationPoint[],
  ): Promise<DbResult<void>>;
  /** Stores the run's latest weights and masks (replacing the previous ones) with its record. */
  putCheckpoint(run: SavedRun, bytes: Uint8Array): Promise<DbResult<void>>;
  /** A whole run at once (an import, a copy): record, points and checkpoint in one transaction. */
  putWhole(loaded: LoadedRun): Promise<DbResult<void>>;
  list(): Promise<DbResult<SavedRun[]>>;
  load(key: string): Promise<DbResult<LoadedRun | undefined>>;
  remove(key: string): Promise<DbResult<void>>;
  close(): void;
}

function dbError(e: unknown, doing: string): RunsDbError {
  const detail = e instanceof Error ? e.message : String(e);
  if (errorName(e) === 'QuotaExceededError')
    return {
      code: 'storage-full',
      message: `The browser's storage is full, so the run could not be ${doing}; it goes on in memory. Delete old saved runs to free space.`,
    };
  return {
    code: 'storage-failed',
    message: `The run could not be ${doing} (${detail}); it goes on in memory.`,
  };
}

function range(key: string): IDBKeyRange {
  return IDBKeyRange.bound([key, -Infinity], [key, Infinity]);
}

/**
 * Opens the saved-runs database in `factory` (the page's `indexedDB`; fake-indexeddb in tests).
 * Resolves to `storage-unavailable` where there is none (some private windows) or it cannot open.
 */
export async function openRunsDb(
  factory: IDBFactory | undefined,
  dbName = RUNS_DB,
): Promise<DbResult<RunsDb>> {
  const unavailable = (detail: string): DbResult<RunsDb> => ({
    ok: false,
    error: {
      code: 'storage-unavailable',
      message: `Runs cannot be saved in this browser (${detail}); they go on in memory and are gone after a reload.`,
    },
  });
  if (!factory) return unavailable('no IndexedDB');
  let db: IDBPDatabase<RunsSchema>;
  try {
    db = await openDb<RunsSchema>(factory, dbName, 1, (d, oldVersion) => {
      if (oldVersion < 1) {
        d.createObjectStore('runs', { keyPath: 'key' });
        d.createObjectStore('metrics', { keyPath: ['run', 'seq'] });
        d.createObjectStore('checkpoints', { keyPath: 'run' });
      }
    });
  } catch (e) {
    return unavailable(e instanceof Error ? e.message : String(e));
  }
  const run = async <T>(doing: string, body: () => Promise<T>): Promise<DbResult<T>> => {
    try {
      return { ok: true, value: await body() };
    } catch (e) {
      return { ok: false, error: dbError(e, doing) };
    }
  };
  return {
    ok: true,
    value: {
      putRun: (r) => run('saved', async () => void (await db.put('runs', r))),
      appendMetrics: (key, seq, points, validation) =>
        run(
          'saved',
          async () => void (await db.put('metrics', { run: key, seq, points, validation })),
        ),
      putCheckpoint: (r, bytes) =>
        run('saved', async () => {
          const tx = db.transaction(['runs', 'checkpoints'], 'readwrite');
          const stamp = r.checkpoint ?? { step: r.step, savedAtMs: Date.now(), bytes: 0 };
          await settleAll(tx, [
            () =>
              tx.objectStore('checkpoints').put({
                run: r.key,
                step: stamp.step,
                savedAtMs: stamp.savedAtMs,
                bytes,
              }),
            () => tx.objectStore('runs').put(r),
          ]);
        }),
      putWhole: ({ run: r, points, validation, checkpoint }) =>
        run('saved', async () => {
          const tx = db.transaction(['runs', 'metrics', 'checkpoints'], 'readwrite');
          await settleAll(tx, [
            () => tx.objectStore('runs').put(r),
            () => tx.objectStore('metrics').put({ run: r.key, seq: 0, points, validation }),
            ...(checkpoint
              ? [
                  () =>
                    tx.objectStore('checkpoints').put({
                      run: r.key,
                      step: r.checkpoint?.step ?? r.step,
                      savedAtMs: r.checkpoint?.savedAtMs ?? r.updatedAtMs,
                      bytes: checkpoint,
                    }),
                ]
              : []),
          ]);
        }),
      list: () =>
        run('listed', async () => {
          const all = await db.getAll('runs');
          return all.sort((a, b) => b.createdAtMs - a.createdAtMs);
        }),
      load: (key) =>
        run('loaded', async () => {
          const tx = db.transaction(['runs', 'metrics', 'checkpoints'], 'readonly');
          const [r, chunks, ckpt] = await Promise.all([
            tx.objectStore('runs').get(key),
            tx.objectStore('metrics').getAll(range(key)),
            tx.objectStore('checkpoints').get(key),
            tx.done,
          ]);
          if (!r) return undefined;
          chunks.sort((a, b) => a.seq - b.seq);
          return {
            run: r,
            points: chunks.flatMap((c) => c.points),
            validation: chunks.flatMap((c) => c.validation),
            checkpoint: ckpt?.bytes ?? null,
          };
        }),
      remove: (key) =>
        run('deleted', async () => {
          const tx = db.transaction(['runs', 'metrics', 'checkpoints'], 'readwrite');
          await settleAll(tx, [
            () => tx.objectStore('runs').delete(key),
            () => tx.objectStore('metrics').delete(range(key)),
            () => tx.objectStore('checkpoints').delete(key),
          ]);
        }),
      close: () => db.close(),
    },
  };
}
