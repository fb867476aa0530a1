import { beforeAll, describe, expect, it } from 'vitest';
import {
  FIGURE_ROWS,
  figureAt,
  formatFigure,
  reliabilitySeries,
  severitySeries,
} from '../../../src/charts/report/reportData';
import { readCheckpoint, saveCheckpoint } from '../../../src/core/models/checkpoint';
import { architecture } from '../../../src/core/models/zoo';
import { buildReport } from '../../../src/core/report/report';
import { randomMasked } from '../../core/report/helpers';
import { blobsDataset } from '../../helpers/data';
import { backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

describe('report view data', () => {
  it('every figure row reads a number from a real report; series follow the report', async () => {
    const data = blobsDataset(8, 3, 128, 4);
    const net = randomMasked(
      architecture({ id: 'mlp', hidden: [8] }, data.inputShape, data.numClasses),
      0.5,
      2,
    );
    const pruned = readCheckpoint(await saveCheckpoint(net, { dataset: 'blobs', withMasks: true }));
    net.dispose();
    const { report } = await buildReport({
      pruned,
      dense: null,
      data,
      backend: 'cpu',
      full: true,
      latency: { runs: 50, warmup: 20 },
    });
    for (const row of FIGURE_ROWS)
      expect(typeof figureAt(report.pruned, row.path), row.path).toBe('number');
    const bins = reliabilitySeries(report.pruned);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(data.test.count);
    const sev = severitySeries(report);
    expect(sev.map((s) => s.kind)).toEqual(['noise', 'missing']);
    expect(sev[0]!.points.map((p) => p.level)).toEqual([0, 1, 2, 3]);
    expect(sev[0]!.points[0]!.pruned).toBeCloseTo(100 * report.pruned.testAccuracy, 10);
    expect(sev[0]!.points[0]!.dense).toBeNull();
  });

  it('formats figures in their units', () => {
    expect(formatFigure(266200, 'count')).toBe('266,200');
    expect(formatFigure(37.62, 'ratio')).toBe('37.6×');
    expect(formatFigure(14037, 'kb')).toBe('13.7 KB');
    expect(formatFigure(0.9736, 'percent')).toBe('97.36%');
    expect(formatFigure(null, 'score')).toBe('–');
  });
});
