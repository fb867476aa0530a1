import { beforeAll, describe, expect, it } from 'vitest';
import { saveCheckpoint, readCheckpoint } from '../../src/core/models/checkpoint';
import { architecture } from '../../src/core/models/zoo';
import { reportOnRun, reportOnSaved } from '../../src/worker/report';
import type { ReportEvent } from '../../src/worker/reportProtocol';
import { randomMasked } from '../core/report/helpers';
import { blobsDataset } from '../helpers/data';
import { sessionHarness } from '../helpers/session';
import { backend } from '../helpers/tf';

beforeAll(() => backend('cpu'));

type Result = Extract<ReportEvent, { type: 'reportResult' }>;

function lastResult(events: ReportEvent[]): Result {
  const last = events.at(-1)!;
  if (last.type !== 'reportResult') throw new Error(`no result: ${JSON.stringify(last)}`);
  return last;
}

describe("a saved run's report, from its checkpoint bytes", () => {
  const data = blobsDataset(8, 4, 256, 2);
  const arch = () =>
    architecture({ id: 'mlp', hidden: [16, 16] }, data.inputShape, data.numClasses);

  it('has the figures of the same network reported live, the shipped dense start beside it', async () => {
    const net = randomMasked(arch(), 0.4, 5);
    const denseNet = randomMasked(arch(), 1, 6);
    const dense = readCheckpoint(await saveCheckpoint(denseNet, { dataset: data.id }));
    const bytes = await saveCheckpoint(net, { dataset: data.id, withMasks: true });

    const live: ReportEvent[] = [];
    await reportOnRun(
      { type: 'report', id: 1, full: false },
      { net, data, dense, post: (e) => live.push(e) },
    );
    const asked: string[] = [];
    const saved: ReportEvent[] = [];
    await reportOnSaved({ type: 'report', id: 2, full: false }, bytes, {
      data: (id) => (id === data.id ? Promise.resolve(data) : Promise.reject(new Error(id))),
      shipped: (file) => {
        asked.push(file);
        return Promise.resolve({ ckpt: dense });
      },
      post: (e) => saved.push(e),
    });
    const a = lastResult(live);
    const b = lastResult(saved);
    expect(asked).toEqual([`mlp-16-16-${data.id}.ckpt`]);
    expect(b.report.pruned).toEqual(a.report.pruned);
    expect(b.report.dense).toEqual(a.report.dense);
    expect(b.report.dense).not.toBeNull();
    expect(b.int8Gzip).toEqual(a.int8Gzip);
    expect(b.report.notes[0]).toMatch(/shipped checkpoint mlp-16-16-.*\.ckpt/);
    net.dispose();
    denseNet.dispose();
  });

  it('shows the pruned column only, saying why, when no dense checkpoint is shipped', async () => {
    const net = randomMasked(arch(), 0.5, 7);
    const bytes = await saveCheckpoint(net, { dataset: data.id, withMasks: true });
    const live: ReportEvent[] = [];
    await reportOnRun(
      { type: 'report', id: 1, full: false },
      { net, data, dense: null, post: (e) => live.push(e) },
    );
    const saved: ReportEvent[] = [];
    await reportOnSaved({ type: 'report', id: 3, full: false }, bytes, {
      data: () => Promise.resolve(data),
      shipped: () => Promise.resolve({ missing: 'not found' }),
      post: (e) => saved.push(e),
    });
    const b = lastResult(saved);
    expect(b.report.dense).toBeNull();
    expect(b.report.pruned).toEqual(lastResult(live).report.pruned);
    expect(b.report.notes[0]).toMatch(/Pruned column only.*no matching dense checkpoint/);
    net.dispose();
  });

  it('answers one line of error for bytes without masks or not a checkpoint', async () => {
    const net = randomMasked(arch(), 0.5, 8);
    const noMasks = await saveCheckpoint(net, { dataset: data.id });
    const ctx = (events: ReportEvent[]) => ({
      data: () => Promise.resolve(data),
      shipped: () => Promise.resolve({ missing: 'not found' }),
      post: (e: ReportEvent) => events.push(e),
    });
    const a: ReportEvent[] = [];
    await reportOnSaved({ type: 'report', id: 4, full: false }, noMasks, ctx(a));
    expect(a).toEqual([{ type: 'reportError', id: 4, message: 'the saved weights have no masks' }]);
    const b: ReportEvent[] = [];
    await reportOnSaved({ type: 'report', id: 5, full: false }, new Uint8Array(9), ctx(b));
    expect(b).toHaveLength(1);
    expect(b[0]!.type).toBe('reportError');
    net.dispose();
  });
});

describe('the session answers a report command with saved bytes', () => {
  const circle = (dataset: 'circle' | 'gaussians') => ({
    data: { kind: 'builtin' as const, id: dataset },
    validateEvery: 5,
    config: {
      dataset,
      model: { id: 'mlp' as const, hidden: [16, 16] },
      method: 'dns' as const,
      methodConfig: { c: 0.5 },
      start: 'checkpoint' as const,
      epochs: 1,
      batchSize: 16,
      seed: 1,
      validationLimit: 100,
    },
  });

  it('from the live data or the built-in set, with the shipped dense start: the live figures', async () => {
    const h = sessionHarness(30_000);
    h.send({ type: 'configure', run: circle('circle'), backend: 'cpu' });
    await h.until(() => h.status() === 'ready');
    h.send({ type: 'saveCheckpoint', id: 1 });
    const { bytes } = await h.until(() => h.last('checkpointSaved'));
    const result = (id: number) => h.until(() => h.all('reportResult').find((e) => e.id === id));
    h.send({ type: 'report', id: 2, full: false });
    const live = await result(2);
    h.send({ type: 'report', id: 3, full: false, saved: { bytes: bytes.slice(), seed: 1 } });
    const same = await result(3);
    expect(live.report.dense).not.toBeNull();
    expect(same.report.pruned).toEqual(live.report.pruned);
    expect(same.report.dense).toEqual(live.report.dense);
    // another data set live: the saved run's circle set is loaded for its report
    h.send({ type: 'configure', run: circle('gaussians'), backend: 'cpu' });
    await h.until(() => h.status() === 'ready' && h.last('ready')?.info.datasetId === 'gaussians');
    h.send({ type: 'report', id: 4, full: false, saved: { bytes: bytes.slice(), seed: 1 } });
    const other = await result(4);
    expect(other.report.dataset).toBe('circle');
    expect(other.report.pruned).toEqual(live.report.pruned);
    h.send({ type: 'pause' });
  });
});
