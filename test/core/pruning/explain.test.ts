import { beforeAll, describe, expect, it } from 'vitest';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { getMethod } from '../../../src/core/pruning/registry';
import { surgeryProbability } from '../../../src/core/pruning/schedules';
import { createRng } from '../../../src/core/rng';
import { CAFFE_SGD } from '../../../src/core/train/optimizer';
import { Trainer } from '../../../src/core/train/trainer';
import { stepLines } from '../../../src/state/explain';
import { blobsDataset } from '../../helpers/data';
import { backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

function trainerFor(method: string, methodConfig: Record<string, unknown>, epochs = 1) {
  const data = blobsDataset(8, 4, 256);
  const net = new Network(
    architecture({ id: 'mlp', hidden: [16] }, data.inputShape, data.numClasses),
    createRng(3),
  );
  const spec = getMethod(method);
  const trainer = new Trainer({
    network: net,
    data,
    method: spec,
    methodConfig: spec.resolve(methodConfig, net.layers),
    optimizer: CAFFE_SGD,
    batchSize: 16,
    seed: 1,
    epochs,
  });
  return { trainer, net };
}

describe('each step explains itself', () => {
  it('DNS: the update probability of the step and which layers drew an update', () => {
    const { trainer, net } = trainerFor('dns', { c: 0.5, gamma: 0.5, power: 1, iterStop: 6 });
    expect(trainer.explainStep()).toBeNull(); // nothing done yet
    trainer.step(); // t = 0: probability (1 + 0)^-1 = 1, every layer updates
    expect(trainer.explainStep()).toBe(
      'masks updated with probability 1.00 = (1 + γt)^−power at t = 0; this step: fc1, fc2',
    );
    for (let i = 0; i < 4; i++) trainer.step();
    const p = surgeryProbability(4, 0.5, 1); // 1/3
    expect(trainer.explainStep()).toMatch(
      new RegExp(`^masks updated with probability ${p.toFixed(2)} .* at t = 4; this step: `),
    );
    trainer.step();
    trainer.step(); // t = 6 = iter_stop
    expect(trainer.explainStep()).toBe(
      'masks frozen since iter_stop (step 6); the kept weights fine-tune',
    );
    trainer.dispose();
    net.dispose();
  });

  it('AGP: the target sparsity on and off the beat', () => {
    const { trainer, net } = trainerFor('agp', { target: 0.8, frequency: 4 }, 2);
    trainer.step(); // t = 0: a beat, the schedule starts at 0%
    expect(trainer.explainStep()).toMatch(/^target sparsity 0\.0% at this beat/);
    trainer.step(); // t = 1: off the beat
    expect(trainer.explainStep()).toMatch(/now; the next prune is on a beat of every 4 steps$/);
    trainer.dispose();
    net.dispose();
  });

  it('IMP: the level and what it keeps', () => {
    const { trainer, net } = trainerFor('imp', { target: 0.75, spareOutput: false }, 4);
    trainer.step();
    expect(trainer.explainStep()).toMatch(
      /^(dense training before the first prune|level 1 of \d+)/,
    );
    while (trainer.t < trainer.totalSteps) trainer.step();
    expect(trainer.explainStep()).toMatch(/^level \d+ of \d+, retraining \([\d,]+ weights kept\)$/);
    trainer.dispose();
    net.dispose();
  });

  it('the lab’s lines: one per layer with the step’s counts and thresholds, then the method', () => {
    const info = { layers: [{ name: 'ip1' }, { name: 'ip2' }] } as never;
    const run = {
      lastSteps: 1,
      step: 7,
      phase: 'train' as const,
      info,
      cutsPerStep: [312, 0],
      splicesPerStep: [41, 2],
      methodNote: 'masks updated with probability 0.62',
    };
    const snap = {
      step: 7,
      layers: [{ thresholds: { a: 0.0312, b: 0.0381 } }, { thresholds: null }] as never,
    };
    expect(stepLines(run, snap)).toEqual({
      step: 7,
      layers: [
        'ip1: 312 cut, 41 spliced back (a = 0.031, b = 0.038)',
        'ip2: 0 cut, 2 spliced back',
      ],
      method: 'masks updated with probability 0.62',
    });
    // A point spanning many steps (playing) is no single step's account.
    expect(stepLines({ ...run, lastSteps: 20 }, snap)).toBeNull();
    // A snapshot of another step lends no thresholds.
    expect(stepLines(run, { ...snap, step: 6 })!.layers[0]).toBe('ip1: 312 cut, 41 spliced back');
  });
});
