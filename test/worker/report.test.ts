import { beforeAll, describe, expect, it } from 'vitest';
import { architecture } from '../../src/core/models/zoo';
import { summarizeNetwork } from '../../src/core/report/summary';
import { reportOnRun } from '../../src/worker/report';
import type { ReportEvent } from '../../src/worker/reportProtocol';
import { randomMasked } from '../core/report/helpers';
import { blobsDataset } from '../helpers/data';
import { backend } from '../helpers/tf';

beforeAll(() => backend('cpu'));

describe('the worker report command', () => {
  const data = blobsDataset(8, 4, 256, 2);
  const arch = () =>
    architecture({ id: 'mlp', hidden: [16, 16] }, data.inputShape, data.numClasses);

  it('posts progress, then the report of the live network and its int8 file', async () => {
    const net = randomMasked(arch(), 0.5, 3);
    const events: ReportEvent[] = [];
    await reportOnRun(
      { type: 'report', id: 7, full: false },
      { net, data, dense: null, post: (e) => events.push(e) },
    );
    expect(events.slice(0, -1).every((e) => e.type === 'reportProgress' && e.id === 7)).toBe(true);
    const last = events.at(-1)!;
    expect(last.type).toBe('reportResult');
    if (last.type !== 'reportResult') return;
    expect(last.report.dense).toBeNull();
    expect(last.int8Gzip.length).toBe(last.report.pruned.bytes['csr-int8'].gzip);
    // the summary compare mode keeps per run agrees with the full report's figures
    const s = await summarizeNetwork(net, data, { latency: false });
    expect(s.bytesInt8Gzip).toBe(last.report.pruned.bytes['csr-int8'].gzip);
    expect(s.macsSparse).toBe(last.report.pruned.compute.macs.sparse);
    expect(s.latencySparseMs).toBeNull();
    net.dispose();
  });

  it('answers with an error, not a crash, before a run exists', async () => {
    const events: ReportEvent[] = [];
    await reportOnRun(
      { type: 'report', id: 1, full: true },
      { net: null, data: null, dense: null, post: (e) => events.push(e) },
    );
    expect(events).toEqual([{ type: 'reportError', id: 1, message: 'no run to report on yet' }]);
  });
});
