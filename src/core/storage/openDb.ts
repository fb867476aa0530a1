import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { wrap } from 'idb';

/** Schema upgrade step: `oldVersion` is 0 for a database that did not exist. */
export type Upgrade<T extends DBSchema> = (
  db: IDBPDatabase<T>,
  oldVersion: number,
  tx: IDBPTransaction<T, StoreNames<T>[], 'versionchange'>,
) => void;

/**
 * idb's `openDB` with the factory passed in (the page's or worker's `indexedDB`, or
 * fake-indexeddb in tests; `openDB` reads the global one). Rejects when another tab holds an
 * older version open instead of waiting for it forever.
 */
export async function openDb<T extends DBSchema>(
  factory: IDBFactory,
  name: string,
  version: number,
  upgrade: Upgrade<T>,
): Promise<IDBPDatabase<T>> {
  const request = factory.open(name, version);
  request.addEventListener('upgradeneeded', (e) => {
    upgrade(
      wrap(request.result) as unknown as IDBPDatabase<T>,
      e.oldVersion,
      wrap(request.transaction!) as unknown as IDBPTransaction<T, StoreNames<T>[], 'versionchange'>,
    );
  });
  const blocked = new Promise<never>((_, reject) =>
    request.addEventListener('blocked', () =>
      reject(new Error('another tab holds an older version open')),
    ),
  );
  const db = (await Promise.race([wrap(request), blocked])) as unknown as IDBPDatabase<T>;
  return db;
}

/** The name of an IndexedDB failure ('QuotaExceededError', …), '' for anything else. */
export function errorName(e: unknown): string {
  return e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException)
    ? e.name
    : '';
}

/**
 * Runs a transaction's requests and waits for its end, rethrowing the first failure. A request
 * that throws at once aborts the transaction, so its other writes do not land either; every
 * promise is awaited, so none rejects unheard.
 */
export async function settleAll(
  tx: { readonly done: Promise<void>; abort(): void },
  requests: readonly (() => Promise<unknown>)[],
): Promise<void> {
  const pending: Promise<unknown>[] = [];
  let thrown: { error: unknown } | null = null;
  for (const r of requests) {
    try {
      pending.push(r());
    } catch (e) {
      thrown = { error: e };
      try {
        tx.abort();
      } catch {
        // the transaction has already finished
      }
      break;
    }
  }
  const all = await Promise.allSettled([...pending, tx.done]);
  if (thrown) throw thrown.error;
  const failed = all.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
