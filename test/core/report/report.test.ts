import { beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint, saveCheckpoint } from '../../../src/core/models/checkpoint';
import { architecture } from '../../../src/core/models/zoo';
import { buildReport } from '../../../src/core/report/report';
import { blobsDataset } from '../../helpers/data';
import { backend } from '../../helpers/tf';
import { randomMasked } from './helpers';

beforeAll(() => backend('cpu'));

describe('buildReport', () => {
  const data = blobsDataset(8, 4, 256, 3);
  const arch = architecture({ id: 'mlp', hidden: [16, 16] }, data.inputShape, data.numClasses);

  async function checkpoints() {
    const net = randomMasked(arch, 0.4, 7);
    const pruned = readCheckpoint(await saveCheckpoint(net, { dataset: 'blobs', withMasks: true }));
    const dense = readCheckpoint(await saveCheckpoint(net, { dataset: 'blobs' }));
    net.dispose();
    return { pruned, dense };
  }

  it('reads every weight file back and reproduces the predictions', async () => {
    const { pruned, dense } = await checkpoints();
    const { report, files } = await buildReport({ pruned, dense, data, backend: 'cpu' });
    expect(files.map((f) => f.encoding)).toEqual(['dense-f32', 'csr-f32', 'csr-int8']);
    for (const fig of [report.pruned, report.dense!]) {
      const byEnc = Object.fromEntries(fig.loader.map((l) => [l.encoding, l]));
      expect(byEnc['dense-f32']).toMatchObject({ agreement: 1 });
      expect(byEnc['dense-f32']!.maxAbsLogitDiff).toBeLessThan(1e-5);
      expect(byEnc['csr-f32']!.maxAbsLogitDiff).toBeLessThan(1e-5);
      expect(byEnc['csr-int8']!.agreement).toBe(1);
      expect(byEnc['csr-int8']!.maxAbsLogitDiff).toBeLessThan(1e-4);
    }
    // the pruned network keeps ~40% of the weights: its sparse files are smaller than dense
    const b = report.pruned.bytes;
    expect(b['csr-int8'].raw).toBeLessThan(b['csr-f32'].raw);
    expect(b['csr-f32'].raw).toBeLessThan(b['dense-f32'].raw);
    expect(report.dense!.compute.nonZeros).toBe(report.dense!.compute.params);
    expect(report.pruned.compute.nonZeros).toBeLessThan(report.pruned.compute.params * 0.7);
    expect(report.pruned.compute.macs.sparse).toBeLessThan(report.pruned.compute.macs.dense);
    // int8 accuracy is measured on its own network, and close to float32's on this easy data
    expect(Math.abs(report.pruned.int8.testAccuracy - report.pruned.testAccuracy)).toBeLessThan(
      0.05,
    );
    expect(report.pruned.calibration.count).toBe(data.test.count);
    expect(report.corruption).toBeNull();
    expect(report.latency).toBeNull();
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('full: 2 table corruptions × 3 severities, latency of 3 paths × 2 batches', async () => {
    const { pruned, dense } = await checkpoints();
    const { report } = await buildReport({ pruned, dense, data, backend: 'cpu', full: true });
    expect(report.corruption!.map((r) => `${r.corruption}${r.level}:${r.severity}`)).toEqual([
      'noise1:0.1',
      'noise2:0.5',
      'noise3:1',
      'missing1:0.1',
      'missing2:0.25',
      'missing3:0.5',
    ]);
    for (const r of report.corruption!) {
      expect(r.pruned).toBeGreaterThanOrEqual(0);
      expect(r.dense).not.toBeNull();
    }
    expect(report.latency!.map((l) => `${l.variant}@${l.batch}`)).toEqual([
      'dense@1',
      'masked@1',
      'sparse-js@1',
      'dense@64',
      'masked@64',
      'sparse-js@64',
    ]);
    expect(report.latency!.every((l) => l.runs >= 50 && l.warmup >= 20)).toBe(true);
    expect(report.notes.filter((n) => /^batch (1|64) on cpu/.test(n))).toHaveLength(2);
  });
});
