import 'fake-indexeddb/auto'; // idb recognises requests by the global IDB classes
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/state/configRules';
import { openRunsDb } from '../../../src/state/runs/runsDb';
import { CHECKPOINT_EVERY_MS, RunSaver } from '../../../src/state/runs/saver';
import type { LabState } from '../../../src/state/store';
import type { LabPoint, RunInfo, WorkerEvent } from '../../../src/worker/protocol';
import type { RunsEvent } from '../../../src/worker/runsProtocol';

const config = { ...DEFAULT_CONFIG, source: { kind: 'builtin', id: 'circle' } as const };
const state = {
  applied: config,
  config,
  uploads: [],
  resumeFrom: null,
  sessionRuns: [{ id: 1, label: '#1 dns · mlp-16-16 · circle' }],
  backendReport: { backend: 'wasm' },
} as unknown as LabState;

const point = (step: number): LabPoint => ({
  step,
  phase: 'train',
  steps: 5,
  msPerStep: 2,
  loss: 0.5,
  trainAccuracy: 0.8,
  density: 0.9,
  kept: [10, 20],
  total: [12, 22],
  cuts: [1, 2],
  splices: [0, 1],
  learningRate: 0.01,
  epoch: step / 50,
});

function harness(opts: { failDb?: boolean } = {}) {
  const factory = new IDBFactory();
  const db = openRunsDb(opts.failDb ? undefined : factory, 'saver-test');
  let step = 0;
  const asked: number[] = [];
  const notices: string[] = [];
  const saver = new RunSaver({
    db: () => db,
    state: () => state,
    checkpoint: async (): Promise<RunsEvent> => {
      asked.push(step);
      return { type: 'checkpointSaved', id: 0, ofRun: 1, step, bytes: new Uint8Array([step]) };
    },
    notify: (m) => notices.push(m),
    changed: () => undefined,
    now: () => 1_000_000,
  });
  const send = (ev: WorkerEvent) => saver.observe(ev);
  const train = (to: number) => {
    step = to;
    send({ type: 'metrics', runId: 1, points: [point(to)] });
  };
  return { saver, send, train, asked, notices, db: async () => (await db).ok && (await db) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('RunSaver', () => {
  it('writes a run once it trains, its metrics in batches and its weights every 30 s and at the end', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const h = harness();
    h.send({ type: 'ready', runId: 1, info: { baseline: 0.5 } as RunInfo });
    await h.saver.flush();
    const db = await h.db();
    if (!db || !db.ok) throw new Error('no db');
    expect(await db.value.list()).toEqual({ ok: true, value: [] }); // built, never trained

    h.send({ type: 'status', runId: 1, status: 'running' });
    h.train(5);
    h.train(10);
    await vi.advanceTimersByTimeAsync(1000); // one batch
    const list = await db.value.list();
    expect(list.ok && list.value.map((r) => [r.name, r.step, r.status])).toEqual([
      ['#1 dns · mlp-16-16 · circle', 10, 'running'],
    ]);
    const key = list.ok ? list.value[0]!.key : '';
    expect(h.asked).toEqual([]);

    h.train(40);
    await vi.advanceTimersByTimeAsync(CHECKPOINT_EVERY_MS);
    expect(h.asked).toEqual([40]);
    await h.saver.saveCheckpoint(); // the one in flight
    await h.saver.flush();
    let loaded = await db.value.load(key);
    expect(loaded.ok && Array.from(loaded.value!.checkpoint!)).toEqual([40]);
    expect(loaded.ok && loaded.value!.points.map((p) => p.step)).toEqual([5, 10, 40]);

    h.train(54);
    h.send({
      type: 'done',
      runId: 1,
      result: { testAccuracy: 0.9, density: 0.7, kept: 30, total: 34, steps: 54, seconds: 3 },
    });
    await vi.advanceTimersByTimeAsync(10);
    await h.saver.saveCheckpoint(); // the final one (already taken: nothing new is asked)
    await h.saver.flush();
    expect(h.asked).toEqual([40, 54]);
    loaded = await db.value.load(key);
    expect(loaded.ok && loaded.value!.run.result?.testAccuracy).toBe(0.9);
    expect(loaded.ok && loaded.value!.run.checkpoint?.step).toBe(54);
    expect(loaded.ok && Array.from(loaded.value!.checkpoint!)).toEqual([54]);
  });

  it('says once that runs cannot be saved, and keeps the run in memory for exports', async () => {
    const h = harness({ failDb: true });
    h.send({ type: 'ready', runId: 1, info: null as unknown as RunInfo });
    h.train(5);
    await h.saver.flush();
    h.train(10);
    await h.saver.flush();
    expect(h.notices).toHaveLength(1);
    expect(h.notices[0]).toMatch(/cannot be saved in this browser/);
    const now = await h.saver.current();
    expect(now?.points.map((p) => p.step)).toEqual([5, 10]);
    expect(now && Array.from(now.checkpoint!)).toEqual([10]);
  });
});
