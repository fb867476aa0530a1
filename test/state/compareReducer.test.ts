import { describe, expect, it } from 'vitest';
import {
  compareFraction,
  mergeResults,
  reduceCompare,
  reduceSensitivity,
} from '../../src/state/compareReducer';
import type { CompareRun, SensitivityView } from '../../src/state/compareTypes';
import { result } from '../helpers/runResult';

const jobs = [
  { method: 'dns', seed: 1, targets: [0.9] },
  { method: 'imp', seed: 1, targets: [0.5, 0.9] },
];

const queued: CompareRun = {
  id: 3,
  status: 'starting',
  jobs,
  done: 0,
  progress: null,
  backend: null,
  message: null,
  startedMs: 0,
  endedMs: null,
  command: null,
  setup: 'circle|mlp-16-16',
  title: 'mlp-16-16 on circle',
};

describe('reduceCompare', () => {
  it('follows a compare from start to end', () => {
    let c = reduceCompare(queued, { type: 'compareStarted', id: 3, jobs, backend: 'wasm' }, 1);
    expect(c).toMatchObject({ status: 'running', backend: 'wasm' });
    c = reduceCompare(
      c,
      { type: 'compareProgress', id: 3, index: 0, phase: 'train', step: 5, total: 10 },
      2,
    );
    expect(c!.progress).toEqual({ index: 0, phase: 'train', step: 5, total: 10 });
    expect(compareFraction(c!)).toBeCloseTo(0.25, 9); // half of the first of two
    c = reduceCompare(c, { type: 'compareResults', id: 3, index: 0, results: [] }, 3);
    expect(c!.done).toBe(1);
    expect(compareFraction(c!)).toBeCloseTo(0.5, 9); // the progress of a finished job counts once
    c = reduceCompare(c, { type: 'compareEnd', id: 3, outcome: 'done' }, 4);
    expect(c).toMatchObject({ status: 'done', progress: null, endedMs: 4 });
  });

  it('ends cancelled or with the error message', () => {
    expect(
      reduceCompare(queued, { type: 'compareEnd', id: 3, outcome: 'cancelled' }, 1)!.status,
    ).toBe('cancelled');
    const e = reduceCompare(
      queued,
      { type: 'compareEnd', id: 3, outcome: 'error', message: 'IMP at 90%: too sparse' },
      1,
    );
    expect(e).toMatchObject({ status: 'error', message: 'IMP at 90%: too sparse' });
  });

  it('stays cancelling when the worker confirms the start late', () => {
    const c = reduceCompare(
      { ...queued, status: 'cancelling' },
      { type: 'compareStarted', id: 3, jobs, backend: 'wasm' },
      1,
    );
    expect(c!.status).toBe('cancelling');
  });

  it('drops events of another compare', () => {
    const ev = { type: 'compareEnd', id: 2, outcome: 'done' } as const;
    expect(reduceCompare(queued, ev, 1)).toBe(queued);
    expect(reduceCompare(null, ev, 1)).toBeNull();
  });
});

describe('mergeResults', () => {
  const setup = { setup: 'a', title: 'A' };
  const dns1 = result({ method: 'dns', seed: 1, target: 0.9, density: 0.1, acc: 0.9 });
  const imp1 = result({ method: 'imp', seed: 1, target: 0.9, density: 0.1, acc: 0.8 });

  it('adds the results of a compare on the same setup', () => {
    const kept = mergeResults(null, setup, [dns1]);
    expect(mergeResults(kept, setup, [imp1]).runs).toEqual([dns1, imp1]);
  });

  it('replaces a repeated run (same method, target, seed and settings)', () => {
    const again = result({ method: 'dns', seed: 1, target: 0.9, density: 0.12, acc: 0.93 });
    const other = result({
      method: 'dns',
      seed: 1,
      target: 0.9,
      density: 0.12,
      acc: 0.93,
      methodConfig: { gamma: 1e-3 },
    });
    const kept = mergeResults(null, setup, [dns1, imp1]);
    expect(mergeResults(kept, setup, [again]).runs).toEqual([imp1, again]);
    expect(mergeResults(kept, setup, [other]).runs).toHaveLength(3);
  });

  it('starts over on another setup', () => {
    const kept = mergeResults(null, setup, [dns1]);
    expect(mergeResults(kept, { setup: 'b', title: 'B' }, [imp1])).toEqual({
      setup: 'b',
      title: 'B',
      runs: [imp1],
    });
  });
});

describe('reduceSensitivity', () => {
  const view: SensitivityView = {
    id: 2,
    status: 'running',
    done: 0,
    total: 0,
    result: null,
    at: null,
    message: null,
  };
  const r = {
    baseline: { accuracy: 0.9, loss: 0.3, count: 100 },
    curves: [{ layer: 'fc1', sparsity: [0, 0.5], accuracy: [0.9, 0.8], loss: [0.3, 0.5] }],
  };
  const at = {
    phase: 'train',
    step: 0,
    method: 'dns',
    split: 'validation',
    examples: 100,
    layerSparsity: [0],
  } as const;

  it('counts progress and keeps the result', () => {
    let v = reduceSensitivity(view, { type: 'sensitivityProgress', id: 2, done: 3, total: 40 });
    expect([v.done, v.total]).toEqual([3, 40]);
    v = reduceSensitivity(v, { type: 'sensitivityResult', id: 2, result: r, at });
    expect(v).toMatchObject({ status: 'done', result: r, at, done: 40 });
  });

  it('shows an error and ignores an older analysis', () => {
    expect(
      reduceSensitivity(view, { type: 'sensitivityError', id: 2, message: 'no run' }),
    ).toMatchObject({ status: 'error', message: 'no run' });
    expect(reduceSensitivity(view, { type: 'sensitivityResult', id: 1, result: r, at })).toBe(view);
  });
});
