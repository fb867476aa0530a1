import { describe, expect, it } from 'vitest';
import { emptyRun, reduceRun } from '../../src/state/runReducer';
import type { RunView } from '../../src/state/types';
import type { LabPoint } from '../../src/worker/protocol';

function point(step: number): LabPoint {
  return {
    phase: 'train',
    step,
    steps: 1,
    loss: 0.5,
    trainAccuracy: 0.9,
    density: 1,
    kept: [10],
    total: [10],
    cuts: [0],
    splices: [0],
    learningRate: 0.01,
    epoch: step / 10,
    msPerStep: 1,
  };
}

/** A run with metric points and validations at steps 1..n. */
function runTo(n: number): RunView {
  let r = emptyRun(1);
  for (let s = 1; s <= n; s++) {
    r = reduceRun(r, { type: 'metrics', runId: 1, points: [point(s)] }, 0);
    r = reduceRun(
      r,
      {
        type: 'validation',
        runId: 1,
        point: { phase: 'train', step: s, accuracy: 0.9, loss: 0.4, density: 1 },
      },
      0,
    );
  }
  return r;
}

describe('fault notices in the run view', () => {
  it('a move to another backend drops the points past the step it resumes from', () => {
    const r = reduceRun(
      runTo(10),
      { type: 'notice', runId: 1, notice: { kind: 'recovered', message: 'moved', step: 6 } },
      0,
    );
    expect(r.notice?.kind).toBe('recovered');
    expect(r.step).toBe(6);
    expect(r.train.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.validation.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    // The replayed steps chart again after it.
    const next = reduceRun(r, { type: 'metrics', runId: 1, points: [point(7)] }, 0);
    expect(next.train.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('a divergence keeps the charted points (the bad reading was never sent) and the step', () => {
    const before = runTo(10);
    const r = reduceRun(
      before,
      {
        type: 'notice',
        runId: 1,
        notice: { kind: 'diverged', message: 'diverged', step: 8, suggestedLr: 0.001 },
      },
      0,
    );
    expect(r.notice).toEqual({
      kind: 'diverged',
      message: 'diverged',
      step: 8,
      suggestedLr: 0.001,
    });
    expect(r.step).toBe(10);
    expect(r.train).toEqual(before.train);
  });

  it('a notice of an older run is dropped; a new run starts without one', () => {
    const r = reduceRun(runTo(3), { type: 'status', runId: 2, status: 'loading' }, 0);
    expect(r.notice).toBeNull();
    const old = reduceRun(
      r,
      { type: 'notice', runId: 1, notice: { kind: 'recovered', message: 'x', step: 1 } },
      0,
    );
    expect(old.notice).toBeNull();
  });
});
