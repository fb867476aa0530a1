import 'fake-indexeddb/auto'; // idb recognises requests by the global IDB classes
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { parseCsvBytes } from '../../../../src/core/data/upload/csv';
import { parseImageZip } from '../../../../src/core/data/upload/images';
import type { SavedUpload, UploadStore } from '../../../../src/core/data/upload/persist';
import { openUploadStore } from '../../../../src/core/data/upload/persist';
import { grayPng, memFile } from './helpers';
import { zipSync } from 'fflate';

const csvText =
  'x,y,label\n' +
  Array.from({ length: 20 }, (_, i) => `${i % 4},${i % 7},${i % 2 ? 'a' : 'b'}`).join('\n');
const csvBytes = new TextEncoder().encode(csvText);

async function store(factory = new IDBFactory()): Promise<UploadStore> {
  const r = await openUploadStore(factory, 'test-db');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function csvUpload(savedAtMs = 1000): Promise<SavedUpload> {
  const r = await parseCsvBytes(csvBytes, 'small.csv', { seed: 3 });
  if (!r.ok) throw new Error(r.error.message);
  return {
    id: r.dataset.id,
    kind: 'csv',
    name: 'small.csv',
    savedAtMs,
    dataset: r.dataset,
    report: r.report,
    warnings: r.warnings,
    source: { fileName: 'small.csv', bytes: csvBytes, options: { seed: 3 } },
  };
}

describe('upload store (IndexedDB)', () => {
  it('saves, survives a reopen (a reload), lists, loads and deletes', async () => {
    const factory = new IDBFactory();
    const s1 = await store(factory);
    const up = await csvUpload();
    const saved = await s1.save(up);
    expect(saved.ok && saved.value).toMatchObject({
      id: up.id,
      kind: 'csv',
      examples: 20,
      numClasses: 2,
    });
    s1.close();

    const s2 = await store(factory);
    const list = await s2.list();
    expect(list.ok && list.value.map((u) => u.id)).toEqual([up.id]);
    const loaded = await s2.load(up.id);
    if (!loaded.ok || !loaded.value) throw new Error('not loaded');
    const d = loaded.value.dataset;
    expect(d.train.x).toBeInstanceOf(Float32Array);
    expect(Array.from(d.train.x)).toEqual(Array.from(up.dataset.train.x));
    expect(Array.from(d.test.y)).toEqual(Array.from(up.dataset.test.y));
    expect(loaded.value.report).toEqual(up.report);
    expect(Array.from(loaded.value.source!.bytes)).toEqual(Array.from(csvBytes));

    expect((await s2.remove(up.id)).ok).toBe(true);
    expect(await s2.load(up.id)).toEqual({ ok: true, value: undefined });
    expect(await s2.list()).toEqual({ ok: true, value: [] });
    s2.close();
  });

  it('keeps image uploads (uint8 pixels and preview samples), newest first', async () => {
    const zip = zipSync({
      'a/1.png': grayPng(8, 8),
      'a/2.png': grayPng(9, 9),
      'b/1.png': grayPng(7, 7),
      'b/2.png': grayPng(8, 8),
    });
    const r = await parseImageZip(memFile(zip, 'pics.zip'));
    if (!r.ok) throw new Error(r.error.message);
    const s = await store();
    const image: SavedUpload = {
      id: r.dataset.id,
      kind: 'images',
      name: 'pics.zip',
      savedAtMs: 2000,
      dataset: r.dataset,
      report: r.report,
      warnings: r.warnings,
    };
    await s.save(await csvUpload(1000));
    await s.save(image);
    const list = await s.list();
    expect(list.ok && list.value.map((u) => u.kind)).toEqual(['images', 'csv']);
    const back = await s.load(image.id);
    if (!back.ok || !back.value || back.value.report.kind !== 'images')
      throw new Error('not loaded');
    expect(back.value.dataset.train.x).toBeInstanceOf(Uint8Array);
    expect(back.value.report.samples[0]!.images[0]).toBeInstanceOf(Uint8Array);
    expect(back.value.dataset.inputShape).toEqual([28, 28, 1]);
  });

  it('answers storage-unavailable where there is no IndexedDB, or it fails to open', async () => {
    const none = await openUploadStore(undefined);
    expect(none.ok || none.error.code).toBe('storage-unavailable');
    const broken = {
      open: () => {
        throw new Error('SecurityError');
      },
    } as unknown as IDBFactory;
    const r = await openUploadStore(broken);
    expect(r.ok || r.error).toMatchObject({ code: 'storage-unavailable' });
    expect(r.ok || r.error.message).toMatch(/SecurityError/);
  });

  it('opens uploads the hand-written store (before idb) saved, as they were', async () => {
    // The old code's exact layout: version 1, stores 'summaries' and 'uploads' keyed by 'id'.
    const factory = new IDBFactory();
    const up = await csvUpload(1234);
    const legacySummary = {
      id: up.id,
      kind: 'csv',
      name: up.name,
      title: up.dataset.title,
      savedAtMs: 1234,
      examples: 20,
      numClasses: 2,
      bytes: 999,
    };
    await new Promise<void>((resolve, reject) => {
      const open = factory.open('test-db', 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('summaries', { keyPath: 'id' });
        open.result.createObjectStore('uploads', { keyPath: 'id' });
      };
      open.onerror = () => reject(open.error ?? new Error('open failed'));
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction(['summaries', 'uploads'], 'readwrite');
        tx.objectStore('uploads').put(up);
        tx.objectStore('summaries').put(legacySummary);
        tx.oncomplete = () => {
          db.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      };
    });
    const s = await store(factory);
    expect(await s.list()).toEqual({ ok: true, value: [legacySummary] });
    const back = await s.load(up.id);
    if (!back.ok || !back.value) throw new Error('legacy upload not loaded');
    expect(Array.from(back.value.dataset.train.x)).toEqual(Array.from(up.dataset.train.x));
    expect(back.value.source?.fileName).toBe('small.csv');
    s.close();
  });

  it('reports a full browser storage as storage-full and keeps nothing half-written', async () => {
    const s = await store();
    const up = await csvUpload();
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (
      this: IDBObjectStore,
      ...args: [unknown, IDBValidKey?]
    ) {
      if (this.name === 'summaries') throw new DOMException('quota', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      const r = await s.save(up);
      expect(r.ok || r.error.code).toBe('storage-full');
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(await s.load(up.id)).toEqual({ ok: true, value: undefined });
  });

  it('reports a failed save as a typed error', async () => {
    const s = await store();
    const up = await csvUpload();
    const bad = { ...up, id: undefined as unknown as string };
    const r = await s.save(bad);
    expect(r.ok || r.error.code).toBe('storage-failed');
    expect(await s.list()).toEqual({ ok: true, value: [] });
  });
});
