import type { MethodId } from '../../src/core/pruning/types';
import type { RunResult } from '../../src/core/train/result';

/** A compare result with the fields the page reads (the rest as the CLI fills them). */
export function result(r: {
  method: MethodId;
  seed: number;
  target?: number | null;
  density: number;
  acc: number;
  dense?: number | null;
  levels?: number;
  calibration?: number;
  methodConfig?: Record<string, unknown>;
}): RunResult {
  return {
    config: {
      dataset: 'circle',
      model: { id: 'mlp', hidden: [16, 16] },
      method: r.method,
      methodConfig: r.methodConfig ?? {},
      start: 'checkpoint',
      pretrainEpochs: 0,
      epochs: 3,
      batchSize: 32,
      seed: r.seed,
      optimizer: 'sgd',
      validationLimit: 1000,
    } as RunResult['config'],
    methodConfig: {},
    backend: 'cpu',
    dense: { source: 'checkpoint', testAccuracy: r.dense === undefined ? 0.98 : r.dense },
    testAccuracy: r.acc,
    testError: 1 - r.acc,
    density: r.density,
    compression: 1 / r.density,
    kept: Math.round(100 * r.density),
    total: 100,
    layers: [],
    history: [],
    epochs: [],
    timing: { epochSeconds: [], msPerStep: 1, totalSeconds: 12, steps: 90 },
    startedAt: '2026-11-23T00:00:00.000Z',
    epochsTrained: 1.5,
    target: r.target ?? null,
    seed: r.seed,
    ...(r.levels !== undefined ? { levels: r.levels } : {}),
    ...(r.calibration !== undefined
      ? {
          calibration: {
            mode: 'pilot',
            target: r.target ?? 0,
            c: [1],
            shift: 0,
            firstCut: 0,
            firstCutPerLayer: [0],
            pilotSparsity: [],
            seconds: r.calibration,
          },
        }
      : {}),
  } as RunResult;
}
