import type { RunsCommand, RunsEvent } from '../../worker/runsProtocol';
import { send } from '../port';
import type { DbResult } from './types';
import type { RunsDb } from './runsDb';
import { openRunsDb } from './runsDb';

let nextId = 1;
const waiting = new Map<number, (ev: RunsEvent) => void>();

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Sends a saved-runs command to the worker and resolves with its answer. */
export function ask(cmd: WithoutId<RunsCommand>): Promise<RunsEvent> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    send({ ...cmd, id } as RunsCommand);
  });
}

/** Delivers a worker answer to whoever asked; false when nobody did. */
export function answer(ev: RunsEvent): boolean {
  const w = waiting.get(ev.id);
  if (!w) return false;
  waiting.delete(ev.id);
  w(ev);
  return true;
}

let db: Promise<DbResult<RunsDb>> | null = null;
let factory: () => IDBFactory | undefined = () =>
  (globalThis as { indexedDB?: IDBFactory }).indexedDB;

/** The saved-runs database, opened once (tests pass fake-indexeddb). */
export function runsDb(): Promise<DbResult<RunsDb>> {
  db ??= openRunsDb(factory());
  return db;
}

/** Points the saved-runs database at another IndexedDB (tests); closes the open one. */
export function useRunsFactory(f: () => IDBFactory | undefined): void {
  void db?.then((r) => r.ok && r.value.close());
  db = null;
  factory = f;
}
