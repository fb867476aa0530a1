import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import type { PrunerSpec } from '../../../src/core/pruning/types';
import { getMethod } from '../../../src/core/pruning/registry';
import { createRng } from '../../../src/core/rng';
import { CAFFE_SGD } from '../../../src/core/train/optimizer';
import { Trainer } from '../../../src/core/train/trainer';
import { blobsDataset } from '../../helpers/data';
import { backend } from '../../helpers/tf';

/** Steps the leak checks run; tensors are counted after a warm-up and at the end. */
const STEPS = 2000;
const WARM = 100;

interface Count {
  readonly numTensors: number;
  readonly numBytes: number;
}
const count = (): Count => {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
};

/** Trains STEPS steps, reading metrics every 10 as the lab does; returns the counts at WARM and the end. */
async function trainCounting(tr: Trainer): Promise<{ warm: Count; end: Count }> {
  let warm: Count | null = null;
  for (let i = 1; i <= STEPS; i++) {
    tr.step();
    if (i % 10 === 0) await tr.flushMetrics();
    if (i === WARM) warm = count();
  }
  return { warm: warm!, end: count() };
}

function trainer(
  net: Network,
  method: string,
  settings: object,
  batchSize: number,
  features: number,
) {
  const spec = getMethod(method);
  return new Trainer({
    network: net,
    data: blobsDataset(features, 10, 256),
    method: spec,
    methodConfig: spec.resolve(settings, net.layers),
    optimizer: CAFFE_SGD,
    batchSize,
    seed: 1,
    epochs: 1000,
  });
}

describe('tensor counts stay flat over 2,000 steps', () => {
  it('wasm, LeNet-300-100', async () => {
    await backend('wasm');
    const net = new Network(architecture({ id: 'lenet300' }, [784], 10), createRng(1));
    const tr = trainer(net, 'none', {}, 2, 784);
    const { warm, end } = await trainCounting(tr);
    console.info(
      `leaks wasm lenet300: step ${WARM} ${JSON.stringify(warm)}, step ${STEPS} ${JSON.stringify(end)}`,
    );
    expect(end).toEqual(warm);
    tr.dispose();
    net.dispose();
  });

  it('cpu, MLP 16-16 (DNS: surgery on every step)', async () => {
    await backend('cpu');
    const net = new Network(architecture({ id: 'mlp', hidden: [16, 16] }, [8], 10), createRng(1));
    const tr = trainer(net, 'dns', { c: 0.5 }, 8, 8);
    const { warm, end } = await trainCounting(tr);
    console.info(
      `leaks cpu mlp: step ${WARM} ${JSON.stringify(warm)}, step ${STEPS} ${JSON.stringify(end)}`,
    );
    expect(end).toEqual(warm);
    tr.dispose();
    net.dispose();
  });
});

describe('a step that throws leaks nothing', () => {
  /** DNS with a hook that throws on chosen steps, after the gradients are taken. */
  function failing(failAt: Set<number>, where: 'beforeStep' | 'afterGradients' | 'afterUpdate') {
    const base = getMethod('dns');
    const spec: PrunerSpec<unknown> = {
      ...base,
      create(cfg, info) {
        const p = base.create(cfg, info);
        const fail = (t: number) => {
          if (failAt.has(t)) throw new Error(`hook failed at ${t}`);
        };
        return {
          ...p,
          beforeStep: (ctx) => (where === 'beforeStep' && fail(ctx.t), p.beforeStep?.(ctx) ?? null),
          afterGradients: (ctx, g) => (
            where === 'afterGradients' && fail(ctx.t),
            p.afterGradients?.(ctx, g) ?? null
          ),
          afterUpdate: (ctx) => (
            where === 'afterUpdate' && fail(ctx.t),
            p.afterUpdate?.(ctx) ?? null
          ),
        };
      },
    };
    return spec;
  }

  it.each(['beforeStep', 'afterGradients', 'afterUpdate'] as const)(
    'a throw in %s: the same tensors before and after',
    async (where) => {
      await backend('cpu');
      const net = new Network(architecture({ id: 'mlp', hidden: [16] }, [8], 10), createRng(1));
      const spec = failing(new Set([5]), where);
      const tr = new Trainer({
        network: net,
        data: blobsDataset(8, 10, 128),
        method: spec,
        methodConfig: spec.resolve({ c: 0.5 }, net.layers),
        optimizer: CAFFE_SGD,
        batchSize: 8,
        seed: 1,
        epochs: 100,
      });
      for (let i = 0; i < 5; i++) tr.step();
      await tr.flushMetrics();
      const before = count();
      for (let i = 0; i < 3; i++) expect(() => tr.step()).toThrow(/hook failed/); // t stays at 5
      await tr.flushMetrics();
      expect(count()).toEqual(before);
      tr.t++; // past the failing steps: training goes on
      for (let i = 0; i < 20; i++) tr.step();
      await tr.flushMetrics();
      expect(count()).toEqual(before);
      tr.dispose();
      net.dispose();
    },
  );
});
