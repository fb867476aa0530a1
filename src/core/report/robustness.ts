import * as tf from '@tensorflow/tfjs';
import type { Checkpoint } from '../models/checkpoint';
import type { Network } from '../models/network';
import { corrupt, corruptionsFor, SEVERITIES } from './corruption';
import { checkpointArchitecture, reportLayers } from './layers';
import type { LatencyFigure } from './latency';
import { timeRuns } from './latency';
import { accuracyOf, featureMean, logitsOf, networkOf, withNetwork } from './predict';
import type { ReportInputs, TestInputs } from './report';
import { sparseForward } from './sparseForward';
import type { CorruptionRow } from './types';

/** Accuracy of pruned and dense under every corruption and severity that fits the data. */
export async function corruptionSweep(
  inp: ReportInputs,
  test: TestInputs,
  seed: number,
  progress: (label: string) => Promise<void>,
): Promise<CorruptionRow[]> {
  const { data } = inp;
  const kind = data.inputShape.length === 3 ? 'image' : 'table';
  const trainMean = kind === 'table' ? featureMean(data, data.train) : undefined;
  const k = data.numClasses;
  const rows: CorruptionRow[] = [];
  const nets = [networkOf(inp.pruned), inp.dense ? networkOf(inp.dense) : null] as const;
  try {
    for (const c of corruptionsFor(data.inputShape)) {
      const levels = SEVERITIES[kind]![c]!;
      for (let i = 0; i < levels.length; i++) {
        await progress(`Corruption: ${c} ${levels[i]}`);
        const x = corrupt({
          x: test.x,
          count: test.count,
          inputShape: data.inputShape,
          corruption: c,
          severity: levels[i]!,
          seed,
          ...(trainMean ? { trainMean } : {}),
        });
        const acc = async (net: Network | null) =>
          net ? accuracyOf(await logitsOf(net, x, test.count), test.y, k) : null;
        rows.push({
          corruption: c,
          level: i + 1,
          severity: levels[i]!,
          pruned: (await acc(nets[0]))!,
          dense: await acc(nets[1]),
        });
      }
    }
  } finally {
    for (const n of nets) n?.dispose();
  }
  return rows;
}

/** Median and p95 latency of dense, masked-dense and the JS CSR product, batch 1 and 64. */
export async function measureLatency(
  ckpt: Checkpoint,
  test: TestInputs,
  opts: { warmup?: number; runs?: number },
  batches: readonly number[] = [1, 64],
): Promise<LatencyFigure[]> {
  const arch = checkpointArchitecture(ckpt);
  const sparse = sparseForward(arch, reportLayers(ckpt));
  const d = test.x.length / Math.max(1, test.count);
  const out: LatencyFigure[] = [];
  await withNetwork(ckpt, async (net) => {
    for (const batch of batches) {
      const n = Math.min(batch, test.count);
      const xs = test.x.subarray(0, n * d);
      const input = tf.tensor(xs, [n, ...arch.inputShape]);
      try {
        const run = (masked: boolean) => async () => {
          const y = net.predict(input, masked);
          await y.data();
          y.dispose();
        };
        out.push({ variant: 'dense', batch, ...(await timeRuns(run(false), opts)) });
        out.push({ variant: 'masked', batch, ...(await timeRuns(run(true), opts)) });
        out.push({ variant: 'sparse-js', batch, ...(await timeRuns(() => sparse(xs, n), opts)) });
      } finally {
        input.dispose();
      }
    }
  });
  return out;
}
