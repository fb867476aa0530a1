import { describe, expect, it } from 'vitest';
import { emptyRun, reduceRun, runError } from '../../src/state/runReducer';
import { appendCapped, toTrainPoint } from '../../src/state/series';
import type { RunView } from '../../src/state/types';
import type { LabPoint, RunInfo } from '../../src/worker/protocol';

const info: RunInfo = {
  datasetId: 'mnist',
  datasetTitle: 'MNIST',
  modelLabel: 'lenet300',
  layers: [
    {
      name: 'ip1',
      kind: 'dense',
      rows: 784,
      cols: 300,
      total: 235500,
      shape: [784, 300],
      note: null,
    },
  ],
  inputShape: [28, 28, 1],
  counts: { train: 55000, validation: 5000, test: 10000 },
  stepsPerEpoch: 859,
  pretrainSteps: 0,
  trainSteps: 17180,
  validateEvery: 215,
  validationLimit: 1000,
  methodConfig: { c: [2.6] },
  baseline: 0.9788,
  fieldShape: [28, 28],
};

function point(step: number, cuts: number, over: Partial<LabPoint> = {}): LabPoint {
  return {
    phase: 'train',
    step,
    loss: 0.5,
    trainAccuracy: 0.9,
    density: 0.5,
    kept: [117750],
    total: [235500],
    cuts: [cuts],
    splices: [1],
    steps: 10,
    learningRate: 0.01,
    epoch: step / 859,
    msPerStep: 25,
    ...over,
  };
}

describe('reduceRun', () => {
  it('takes the run info and the dense baseline from ready', () => {
    const r = reduceRun(emptyRun(1), { type: 'ready', runId: 1, info }, 0);
    expect(r.info).toBe(info);
    expect(r.baseline).toBe(0.9788);
    expect(r.phase).toBe('train');
  });

  it('accumulates cuts and splices, keeps per-step rates and the latest density', () => {
    let r = reduceRun(emptyRun(1), { type: 'metrics', runId: 1, points: [point(10, 50)] }, 0);
    r = reduceRun(r, { type: 'metrics', runId: 1, points: [point(20, 20, { density: 0.4 })] }, 0);
    expect(r.cuts).toBe(70);
    expect(r.splices).toBe(2);
    expect(r.cutsPerStep).toEqual([2]);
    expect(r.density).toBe(0.4);
    expect(r.step).toBe(20);
    expect(r.train.map((p) => p.step)).toEqual([10, 20]);
  });

  it('measures Play to the first cut once', () => {
    let r: RunView = { ...emptyRun(1), playedAt: 1000 };
    r = reduceRun(r, { type: 'metrics', runId: 1, points: [point(1, 0)] }, 1500);
    expect(r.firstCutMs).toBeNull();
    r = reduceRun(r, { type: 'metrics', runId: 1, points: [point(2, 9)] }, 1800);
    r = reduceRun(r, { type: 'metrics', runId: 1, points: [point(3, 9)] }, 2500);
    expect(r.firstCutMs).toBe(800);
  });

  it('drops events of older runs and starts afresh on a newer one', () => {
    const r = reduceRun(emptyRun(2), { type: 'metrics', runId: 2, points: [point(10, 5)] }, 0);
    expect(reduceRun(r, { type: 'metrics', runId: 1, points: [point(99, 5)] }, 0)).toBe(r);
    const next = reduceRun(r, { type: 'status', runId: 3, status: 'loading' }, 0);
    expect(next.id).toBe(3);
    expect(next.train).toEqual([]);
    expect(next.cuts).toBe(0);
  });

  it('records the end, a missing checkpoint and errors', () => {
    const done = reduceRun(
      emptyRun(1),
      {
        type: 'done',
        runId: 1,
        result: {
          testAccuracy: 0.98,
          density: 0.02,
          kept: 5000,
          total: 266610,
          steps: 100,
          seconds: 3,
        },
      },
      0,
    );
    expect(done.status).toBe('done');
    expect(done.density).toBe(0.02);
    const missing = reduceRun(
      emptyRun(1),
      { type: 'checkpointMissing', runId: 1, file: 'x.ckpt' },
      0,
    );
    expect(missing).toMatchObject({ status: 'needsStart', missingCheckpoint: 'x.ckpt' });
    expect(runError(emptyRun(4), 4, 'boom')).toMatchObject({ status: 'error', error: 'boom' });
    expect(runError(emptyRun(4), 3, 'old').error).toBeNull();
  });
});

describe('series', () => {
  it('halves the resolution past the cap, keeping both ends', () => {
    const xs = Array.from({ length: 10 }, (_, i) => i);
    const out = appendCapped(xs, [10, 11], 10);
    expect(out[0]).toBe(0);
    expect(out.at(-1)).toBe(11);
    expect(out.length).toBeLessThanOrEqual(10);
  });

  it('turns a metric point into percentages and per-step rates', () => {
    expect(toTrainPoint(point(10, 50))).toEqual({
      step: 10,
      phase: 'train',
      loss: 0.5,
      trainAccuracy: 90,
      density: 50,
      cutsPerStep: 5,
      splicesPerStep: 0.1,
    });
  });
});
