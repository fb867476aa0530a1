import 'fake-indexeddb/auto'; // idb recognises requests by the global IDB classes
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PUBLIC_DIR } from '../../src/node/fsSource';
import type { UploadCommand, UploadEvent } from '../../src/worker/upload/protocol';
import { UploadService } from '../../src/worker/upload/service';
import { folder, grayPng, memFile } from '../core/data/upload/helpers';

type Ev<T extends UploadEvent['type']> = Extract<UploadEvent, { type: T }>;

/** A service on fake IndexedDB and the shipped examples, recording what it posts. */
function harness(opts: { noIndexedDB?: boolean } = {}) {
  const events: { ev: UploadEvent; transfer: Transferable[] }[] = [];
  const waiters = new Set<() => void>();
  const service = new UploadService({
    post: (ev, transfer = []) => {
      events.push({ ev, transfer });
      for (const w of [...waiters]) w();
    },
    example: async (path) => new Uint8Array(readFileSync(join(PUBLIC_DIR, 'datasets', path))),
    indexedDB: opts.noIndexedDB ? undefined : new IDBFactory(),
    dbName: 'test-uploads',
    now: () => 1234,
  });
  const send = (cmd: UploadCommand) => service.handle(cmd);
  const all = <T extends UploadEvent['type']>(type: T) =>
    events.map((e) => e.ev).filter((e): e is Ev<T> => e.type === type);
  /** Resolves with the first event of `type` (after `skip` of them) once it is posted. */
  function next<T extends UploadEvent['type']>(type: T, skip = 0): Promise<Ev<T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} event`)), 20_000);
      const check = () => {
        const e = all(type)[skip];
        if (e) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(e);
        }
      };
      waiters.add(check);
      check();
    });
  }
  return { send, events, all, next };
}

const csv = (rows: number) =>
  'a,b,label\n' +
  Array.from({ length: rows }, (_, i) => `${(i * 7) % 11},${i % 4},${i % 2 ? 'x' : 'y'}`).join(
    '\n',
  );

describe('the upload worker', () => {
  it('parses a CSV and moves its arrays to the page', async () => {
    const h = harness();
    const file = memFile(csv(30), 'small.csv');
    h.send({ type: 'parse', id: 1, source: { kind: 'file', file }, choices: {}, backend: null });
    const { id, outcome } = await h.next('parsed');
    expect(id).toBe(1);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome).toMatchObject({ kind: 'csv', name: 'small.csv' });
    expect(outcome.report.kind === 'csv' && outcome.report.rows).toBe(30);
    const sent = h.events.find((e) => e.ev.type === 'parsed')!;
    expect(sent.transfer).toContain(outcome.dataset.train.x.buffer);
  });

  it('answers a bad CSV with a typed error and the column names to pick another label from', async () => {
    const h = harness();
    const text =
      'id,label,x\n' + Array.from({ length: 200 }, (_, i) => `${i},${i % 2},${i * 3}`).join('\n');
    const file = memFile(text, 'ids.csv');
    h.send({ type: 'parse', id: 1, source: { kind: 'file', file }, choices: {}, backend: null });
    const { outcome } = await h.next('parsed');
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'csv',
      error: { code: 'too-many-classes' },
      columns: ['id', 'label', 'x'],
    });
  });

  it('tells a zip from a CSV by its bytes, and redoes the model suggestion for the backend', async () => {
    const h = harness();
    const images: Record<string, Uint8Array> = {};
    for (const c of ['cat', 'dog'])
      for (let i = 0; i < 3; i++) images[`${c}/${i}.png`] = grayPng(20, 20, (x) => x * (i + 3));
    const file = memFile(zipSync(images), 'pets.bin');
    const source = { kind: 'file' as const, file };
    h.send({ type: 'parse', id: 1, source, choices: {}, backend: 'webgl' });
    const { outcome } = await h.next('parsed');
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.kind).toBe('images');
    expect(outcome.report.suggestedModel.model).toEqual({ id: 'lenet5' });
    // The backend shapes the suggestion only, never the dataset id.
    h.send({ type: 'parse', id: 2, source, choices: {}, backend: 'wasm' });
    const second = (await h.next('parsed', 1)).outcome;
    if (!second.ok) throw new Error(second.error.message);
    expect(second.report.suggestedModel.model.id).toBe('mlp');
    expect(second.dataset.id).toBe(outcome.dataset.id);
  });

  it('skips parses a newer one has replaced', async () => {
    const h = harness();
    const source = { kind: 'file' as const, file: memFile(csv(20), 'a.csv') };
    h.send({ type: 'parse', id: 1, source, choices: {}, backend: null });
    await h.next('parsed');
    // Quick changes of an option: only the last of them is parsed.
    for (const id of [2, 3, 4]) h.send({ type: 'parse', id, source, choices: {}, backend: null });
    await h.next('parsed', 1);
    await new Promise((ok) => setTimeout(ok, 50));
    expect(h.all('parsed').map((e) => e.id)).toEqual([1, 4]);
  });

  it('reads a shipped example', async () => {
    const h = harness();
    const source = { kind: 'example' as const, path: 'csv/iris.csv', name: 'iris.csv' };
    h.send({ type: 'parse', id: 1, source, choices: { seed: 2 }, backend: null });
    const { outcome } = await h.next('parsed');
    expect(outcome.ok && outcome.report.kind === 'csv' && outcome.report.rows).toBe(150);
  });

  it('saves, lists, loads and parses a saved upload again with other choices, then deletes it', async () => {
    const h = harness();
    h.send({ type: 'init', baseUrl: '/' });
    expect(await h.next('storage')).toEqual({
      type: 'storage',
      available: true,
      message: null,
      saved: [],
    });
    const source = { kind: 'file' as const, file: memFile(csv(30), 'small.csv') };
    h.send({ type: 'parse', id: 1, source, choices: {}, backend: null });
    const { outcome } = await h.next('parsed');
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { kind, name, dataset, report, warnings } = outcome;
    h.send({
      type: 'save',
      upload: { kind, name, dataset, report, warnings, source, choices: { seed: 4 } },
    });
    expect((await h.next('saved')).summary).toMatchObject({
      id: dataset.id,
      name: 'small.csv',
      examples: 30,
    });
    expect((await h.next('list')).saved.map((u) => u.id)).toEqual([dataset.id]);

    h.send({ type: 'load', id: dataset.id });
    const loaded = (await h.next('loaded')).upload;
    expect(loaded).toMatchObject({ id: dataset.id, kind: 'csv', choices: { seed: 4, csv: {} } });
    expect(loaded.dataset.train.count).toBe(dataset.train.count);

    const saved = { kind: 'saved' as const, id: dataset.id, name: 'small.csv' };
    h.send({
      type: 'parse',
      id: 2,
      source: saved,
      choices: { csv: { labelColumn: 'b' } },
      backend: null,
    });
    const again = (await h.next('parsed', 1)).outcome;
    expect(again.ok && again.report.kind === 'csv' && again.report.label.column).toBe('b');

    h.send({ type: 'remove', id: dataset.id });
    expect(await h.next('removed')).toEqual({ type: 'removed', id: dataset.id });
    expect((await h.next('list', 1)).saved).toEqual([]);
    h.send({ type: 'parse', id: 3, source: saved, choices: {}, backend: null });
    expect((await h.next('parsed', 2)).outcome).toMatchObject({
      ok: false,
      error: { code: 'read-failed', message: expect.stringMatching(/no longer saved/) },
    });
  });

  it('keeps a folder upload as a zip, so it can be parsed again after a reload', async () => {
    const h = harness();
    const files = folder({
      'pets/cat/1.png': grayPng(8, 8),
      'pets/cat/2.png': grayPng(8, 8, (x) => x * 9),
      'pets/dog/1.png': grayPng(8, 8, (x, y) => y * 20),
      'pets/dog/2.png': grayPng(8, 8, (x, y) => (x + y) * 9),
    });
    const source = { kind: 'folder' as const, name: 'pets', files };
    h.send({ type: 'parse', id: 1, source, choices: { image: { size: 8 } }, backend: null });
    const { outcome } = await h.next('parsed');
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { kind, name, dataset, report, warnings } = outcome;
    const choices = { image: { size: 8 } };
    h.send({ type: 'save', upload: { kind, name, dataset, report, warnings, source, choices } });
    await h.next('saved');
    const saved = { kind: 'saved' as const, id: dataset.id, name: 'pets' };
    h.send({
      type: 'parse',
      id: 2,
      source: saved,
      choices: { image: { size: 12 } },
      backend: null,
    });
    const again = (await h.next('parsed', 1)).outcome;
    expect(again.ok && again.report.kind === 'images' && again.report.inputShape).toEqual([
      12, 12, 1,
    ]);
  });

  it('works without IndexedDB: parses still go through, saving says why it cannot', async () => {
    const h = harness({ noIndexedDB: true });
    h.send({ type: 'init', baseUrl: '/' });
    const storage = await h.next('storage');
    expect(storage).toMatchObject({ available: false, saved: [] });
    expect(storage.message).toMatch(/cannot be kept in this browser.*until the page is reloaded/);
    const source = { kind: 'file' as const, file: memFile(csv(20), 'a.csv') };
    h.send({ type: 'parse', id: 1, source, choices: {}, backend: null });
    const { outcome } = await h.next('parsed');
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { kind, name, dataset, report, warnings } = outcome;
    h.send({
      type: 'save',
      upload: { kind, name, dataset, report, warnings, source, choices: {} },
    });
    expect((await h.next('storeError')).message).toMatch(/cannot be kept in this browser/);
  });

  it('says so when the browser storage is full', async () => {
    const h = harness();
    const source = { kind: 'file' as const, file: memFile(csv(20), 'a.csv') };
    h.send({ type: 'parse', id: 1, source, choices: {}, backend: null });
    const { outcome } = await h.next('parsed');
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { kind, name, dataset, report, warnings } = outcome;
    // Storing fails the way a full disk does in a browser.
    const full = { ...dataset, id: 'x' };
    Object.defineProperty(full, 'train', {
      get() {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
      enumerable: true,
    });
    h.send({
      type: 'save',
      upload: { kind, name, dataset: full, report, warnings, source, choices: {} },
    });
    expect((await h.next('storeError')).message).toMatch(/storage is full.*Delete old uploads/);
  });
});
