import 'fake-indexeddb/auto'; // idb recognises requests by the global IDB classes
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseRunFile } from '../../../src/core/runfile/runFile';
import { pickImport } from '../../../src/state/runs/importFiles';
import { fromImport, savedRunView, toRunFile, withResume } from '../../../src/state/runs/records';
import { openRunsDb } from '../../../src/state/runs/runsDb';
import type { RunsDb } from '../../../src/state/runs/runsDb';
import type { LoadedRun, SavedPoint, SavedRun } from '../../../src/state/runs/types';
import { DEFAULT_CONFIG } from '../../../src/state/configRules';

async function db(factory = new IDBFactory()): Promise<RunsDb> {
  const r = await openRunsDb(factory, 'test-runs');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const point = (step: number): SavedPoint => ({
  step,
  phase: 'train',
  epoch: step / 10,
  steps: 5,
  loss: 1 / step,
  trainAccuracy: 0.5,
  density: 1 - step / 100,
  cuts: 3,
  splices: 1,
  learningRate: 0.01,
  msPerStep: 2,
});

function savedRun(key: string, createdAtMs: number): SavedRun {
  return {
    key,
    name: `#1 dns · mlp-16-16 · circle`,
    origin: 'lab',
    createdAtMs,
    updatedAtMs: createdAtMs + 5000,
    status: 'running',
    config: {
      ...DEFAULT_CONFIG,
      source: { kind: 'builtin', id: 'circle' },
      model: { id: 'mlp', hidden: [16, 16] },
    },
    runConfig: {
      dataset: 'circle',
      model: { id: 'mlp', hidden: [16, 16] },
      method: 'dns',
      methodConfig: {},
      start: 'scratch',
      epochs: 4,
    },
    backend: 'cpu',
    info: null,
    baseline: 0.9,
    result: null,
    step: 20,
    density: 0.8,
    kept: [40, 250, 30],
    total: [48, 272, 34],
    checkpoint: null,
    continuedFrom: null,
  };
}

describe('saved runs (IndexedDB through idb)', () => {
  it('keeps a run across a reopen: record, metric batches in order, latest checkpoint', async () => {
    const factory = new IDBFactory();
    const d1 = await db(factory);
    const r = savedRun('a', 1000);
    expect((await d1.putRun(r)).ok).toBe(true);
    await d1.appendMetrics('a', 1, [point(10), point(15)], []);
    await d1.appendMetrics(
      'a',
      0,
      [point(5)],
      [{ phase: 'train', step: 5, accuracy: 0.8, loss: 0.4, density: 0.9 }],
    );
    const stamped = { ...r, checkpoint: { step: 15, savedAtMs: 2000, bytes: 3 } };
    await d1.putCheckpoint(stamped, new Uint8Array([1, 2, 3]));
    await d1.putCheckpoint(stamped, new Uint8Array([4, 5, 6])); // replaces, never piles up
    d1.close();

    const d2 = await db(factory);
    const loaded = await d2.load('a');
    if (!loaded.ok || !loaded.value) throw new Error('not loaded');
    expect(loaded.value.points.map((p) => p.step)).toEqual([5, 10, 15]);
    expect(loaded.value.validation).toHaveLength(1);
    expect(Array.from(loaded.value.checkpoint!)).toEqual([4, 5, 6]);
    expect(loaded.value.run.checkpoint?.step).toBe(15);
    expect(await d2.load('missing')).toEqual({ ok: true, value: undefined });
  });

  it('lists newest first and deletes a run with its metrics and weights', async () => {
    const d = await db();
    await d.putRun(savedRun('old', 1000));
    await d.putRun(savedRun('new', 2000));
    await d.appendMetrics('old', 0, [point(5)], []);
    await d.putCheckpoint(savedRun('old', 1000), new Uint8Array([9]));
    const list = await d.list();
    expect(list.ok && list.value.map((r) => r.key)).toEqual(['new', 'old']);
    expect((await d.remove('old')).ok).toBe(true);
    expect(await d.load('old')).toEqual({ ok: true, value: undefined });
    const still = await d.load('new');
    expect(still.ok && still.value?.run.key).toBe('new');
  });

  it('says storage-full on a quota error and storage-unavailable without IndexedDB', async () => {
    const d = await db();
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    try {
      const r = await d.putCheckpoint(savedRun('a', 1), new Uint8Array(8));
      expect(r.ok || r.error.code).toBe('storage-full');
      expect(r.ok || r.error.message).toMatch(/goes on in memory/);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(await d.load('a')).toEqual({ ok: true, value: undefined });
    const none = await openRunsDb(undefined);
    expect(none.ok || none.error.code).toBe('storage-unavailable');
    const blocked = await openRunsDb({
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory);
    expect(blocked.ok || blocked.error.message).toMatch(/denied/);
  });
});

describe('saved run records', () => {
  const loaded: LoadedRun = {
    run: {
      ...savedRun('a', Date.UTC(2026, 0, 2)),
      status: 'done',
      result: { testAccuracy: 0.93, density: 0.8, kept: 320, total: 354, steps: 20, seconds: 4 },
    },
    points: [point(5), point(10), point(20)],
    validation: [{ phase: 'train', step: 10, accuracy: 0.9, loss: 0.3, density: 0.85 }],
    checkpoint: new Uint8Array([1]),
  };

  it('writes a run file the run-file reader accepts, and reads it back into the same curves', () => {
    const file = toRunFile(loaded, 'a.ckpt');
    const back = parseRunFile(JSON.parse(JSON.stringify(file)));
    expect(back.testAccuracy).toBe(0.93);
    expect(back.history.map((h) => h.step)).toEqual([5, 10, 20]);
    expect(back.layers.map((l) => l.kept)).toEqual([40, 250, 30]);
    const again = fromImport('k', 0, 'imported', back.config, back, null, new Uint8Array([1]), []);
    expect(again.points.map((p) => [p.step, p.cuts])).toEqual([
      [5, 3],
      [10, 3],
      [20, 3],
    ]);
    expect(again.run.config?.source).toEqual({ kind: 'builtin', id: 'circle' });
    expect(again.run.result?.testAccuracy).toBe(0.93);
    const view = savedRunView(again, 7);
    expect(view.status).toBe('done');
    expect(view.train.map((p) => p.density)).toEqual([95, 90, 80]);
  });

  it('continues only a run of the same model and data', () => {
    const spec = {
      data: { kind: 'builtin', id: 'circle' },
      validateEvery: 0,
      config: loaded.run.runConfig,
    } as const;
    const bytes = new Uint8Array([7]);
    expect(withResume(spec, { runConfig: loaded.run.runConfig, bytes }).resume).toBe(bytes);
    const other = {
      ...spec,
      config: { ...spec.config, model: { id: 'mlp' as const, hidden: [8] } },
    };
    expect(withResume(other, { runConfig: loaded.run.runConfig, bytes }).resume).toBeUndefined();
  });
});

describe('picking the files of an import', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('takes a .json with its .ckpt, or a zip of both', () => {
    const json = enc('{"checkpoint":"r.ckpt"}');
    const ckpt = new Uint8Array([1, 2]);
    const a = pickImport([
      { name: 'r.json', bytes: json },
      { name: 'r.ckpt', bytes: ckpt },
    ]);
    expect(a.checkpoint).toEqual(ckpt);
    const z = pickImport([
      { name: 'r.zip', bytes: zipSync({ 'x/r.json': json, 'x/r.ckpt': ckpt }) },
    ]);
    expect(z.json).toBe('{"checkpoint":"r.ckpt"}');
    expect(z.checkpoint).toEqual(ckpt);
  });

  it('names what is wrong: no json, not a zip, not UTF-8', () => {
    expect(() => pickImport([{ name: 'r.ckpt', bytes: new Uint8Array(4) }])).toThrow(
      /\.json is missing/,
    );
    expect(() => pickImport([{ name: 'photo.png', bytes: new Uint8Array(4) }])).toThrow(
      /expected a run file/,
    );
    const broken = zipSync({ 'r.json': enc('{}') }).slice(0, 30);
    expect(() => pickImport([{ name: 'r.zip', bytes: broken }])).toThrow(
      /r\.zip is not a readable zip/,
    );
    expect(() =>
      pickImport([{ name: 'r.json', bytes: new Uint8Array([0xff, 0xfe, 0x00]) }]),
    ).toThrow(/not UTF-8/);
  });
});
