import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { applyCheckpoint } from '../../../src/core/models/checkpoint';
import { Network } from '../../../src/core/models/network';
import { architecture } from '../../../src/core/models/zoo';
import { dns, predictFirstCut } from '../../../src/core/pruning/methods/dns';
import { CHECKPOINT_DIR, readCheckpointFile } from '../../../src/node/checkpoints';
import type { DnsConfig } from '../../../src/core/pruning/methods/dns';
import {
  hysteresisKernels,
  hysteresisMask,
  hysteresisOnHost,
  maskChangesKernels,
  maskChangesOnHost,
} from '../../../src/core/pruning/masks';
import { surgeryProbability } from '../../../src/core/pruning/schedules';
import { nonzeroAbsStats } from '../../../src/core/pruning/thresholds';
import type { MaskUpdates, PruneContext } from '../../../src/core/pruning/types';
import type { PrunableLayer } from '../../../src/core/models/network';
import { createRng } from '../../../src/core/rng';
import { arr, backend } from '../../helpers/tf';
import { NO_ACTIONS } from '../../helpers/ctx';
import { handLayer } from '../../helpers/layers';

beforeAll(() => backend('cpu'));

function ctx(layers: PrunableLayer[], t: number, random: () => number = () => 0): PruneContext {
  return {
    t,
    stepsPerEpoch: 10,
    totalSteps: 100,
    layers,
    random,
    rng: createRng(1),
    actions: NO_ACTIONS,
  };
}

/** Applies a DNS step's updates the way the trainer does. */
function apply(layers: PrunableLayer[], updates: MaskUpdates | null | undefined) {
  tf.tidy(() =>
    updates?.forEach((u, k) => {
      if (!u) return;
      layers[k]!.wMask.assign(u.w);
      layers[k]!.bMask.assign(u.b);
    }),
  );
}

const cfg = (over: Partial<DnsConfig> = {}): DnsConfig => ({
  c: [0],
  gamma: 1e-4,
  power: 1,
  iterStop: [14000],
  ...over,
});

describe.each([
  ['one pass on the host (cpu)', hysteresisOnHost],
  ['elementwise kernels (GPU)', hysteresisKernels],
  ["the backend's choice", hysteresisMask],
])('hysteresis rule (Guo et al. 2016, eq. 3): %s', (_name, rule) => {
  const a = tf.scalar(0.9);
  const b = tf.scalar(1.1);
  it('cuts alive weights with |w| <= a and keeps the rest', () => {
    const m = rule(tf.tensor1d([0.5, -0.9, 0.95, -1.2]), tf.ones([4]), a, b);
    expect(arr(m)).toEqual([0, 0, 1, 1]);
  });
  it('splices pruned weights only when |w| > b', () => {
    const m = rule(tf.tensor1d([0.5, 1.0, 1.1, -1.2]), tf.zeros([4]), a, b);
    expect(arr(m)).toEqual([0, 0, 0, 1]);
  });
  it('keeps the mask of a weight between a and b, whichever it was', () => {
    const v = tf.tensor1d([1.0, -1.05]);
    expect(arr(rule(v, tf.ones([2]), a, b))).toEqual([1, 1]);
    expect(arr(rule(v, tf.zeros([2]), a, b))).toEqual([0, 0]);
  });
});

describe.each(['cpu', 'wasm'] as const)('host loops on %s', (name) => {
  beforeAll(() => backend(name));
  afterAll(() => backend('cpu'));
  it('give the masks and counts of the kernels on a real layer shape', () => {
    tf.tidy(() => {
      const v = tf.randomNormal([784, 300], 0, 0.05, 'float32', 3);
      const mask = tf.step(tf.randomUniform([784, 300], -1, 1, 'float32', 4));
      const a = tf.scalar(0.03);
      const b = tf.scalar(0.04);
      const host = hysteresisOnHost(v, mask, a, b);
      expect(arr(host)).toEqual(arr(hysteresisKernels(v, mask, a, b)));
      const h = maskChangesOnHost(mask, host);
      const k = maskChangesKernels(mask, host);
      expect([arr(h.cuts), arr(h.splices)]).toEqual([arr(k.cuts), arr(k.splices)]);
      expect(arr(h.cuts)[0]).toBeGreaterThan(1000);
      expect(arr(h.splices)[0]).toBeGreaterThan(1000);
      expect(h.changed).toBe(true);
      expect(maskChangesOnHost(mask, mask).changed).toBe(false);
      // Per-entry flags for the event record: the same on both paths, none where nothing changed.
      const hp = maskChangesOnHost(mask, host, true);
      const kp = maskChangesKernels(mask, host, true);
      expect(arr(hp.cut!)).toEqual(arr(kp.cut!));
      expect(arr(hp.spliced!)).toEqual(arr(kp.spliced!));
      expect([arr(hp.cuts), arr(hp.splices)]).toEqual([arr(h.cuts), arr(h.splices)]);
      expect(maskChangesOnHost(mask, mask, true).cut).toBeUndefined();
    });
  });
});

describe('DNS thresholds', () => {
  it('take mu and sigma of |v| over the nonzero weights and biases together', () => {
    // nonzero |v|: 1, 2, 3, 4 (one weight is masked out, one bias is zero)
    const layer = handLayer(
      [
        [1, -2],
        [7, 0],
      ],
      [3, -4],
      {
        w: [
          [1, 1],
          [0, 1],
        ],
      },
    );
    const { mu, sigma } = nonzeroAbsStats(layer);
    expect(mu.dataSync()[0]).toBeCloseTo(2.5, 6);
    expect(sigma.dataSync()[0]).toBeCloseTo(Math.sqrt(1.25), 6);
  });

  it('are fixed at the first surgery step and never recomputed', async () => {
    const layer = handLayer([[0.1, 0.2, 0.3, 0.4]], [0, 0, 0, 0]);
    const p = dns.create(cfg({ c: [0] }), { layers: [layer], rng: createRng(1) });
    apply([layer], p.beforeStep!(ctx([layer], 0)));
    const first = (await p.thresholds!())[0]!;
    // mu = 0.25 over the four nonzero weights; a = 0.9 * 0.25
    expect(first.mu).toBeCloseTo(0.25, 6);
    expect(first.a).toBeCloseTo(0.225, 6);
    expect(first.b).toBeCloseTo(0.275, 6);
    tf.tidy(() => layer.w.assign(tf.tensor2d([[5, 6, 7, 8]])));
    apply([layer], p.beforeStep!(ctx([layer], 1)));
    const later = (await p.thresholds!())[0]!;
    expect(later).toEqual(first);
    p.dispose();
  });

  it('use max(mu + c*sigma, 0), so a negative c cannot make thresholds negative', async () => {
    const layer = handLayer([[1, 1, 1, 5]], [0, 0, 0, 0]);
    const p = dns.create(cfg({ c: [-100] }), { layers: [layer], rng: createRng(1) });
    p.beforeStep!(ctx([layer], 0));
    const th = (await p.thresholds!())[0]!;
    expect(th.a).toBe(0);
    expect(th.b).toBe(0);
    p.dispose();
  });
});

describe('DNS surgery', () => {
  it('cuts biases with the same rule as weights', () => {
    const layer = handLayer(
      [
        [1, 1],
        [1, 1],
      ],
      [0.01, 1],
    );
    const p = dns.create(cfg({ c: [0] }), { layers: [layer], rng: createRng(1) });
    apply([layer], p.beforeStep!(ctx([layer], 0)));
    // mu over {1, 1, 1, 1, 0.01, 1} = 0.835, a = 0.7515: the small bias is cut, nothing else
    expect(arr(layer.bMask)).toEqual([0, 1]);
    expect(arr(layer.wMask)).toEqual([1, 1, 1, 1]);
    p.dispose();
  });

  it('updates a layer with probability (1 + gamma t)^-power', () => {
    expect(surgeryProbability(0, 1e-4, 1)).toBe(1);
    expect(surgeryProbability(10000, 1e-4, 1)).toBeCloseTo(0.5, 12);
    expect(surgeryProbability(10000, 1e-4, 2)).toBeCloseTo(0.25, 12);
    const layer = handLayer([[0.1, 1]], [1, 1]);
    const p = dns.create(cfg({ c: [0] }), { layers: [layer], rng: createRng(1) });
    p.beforeStep!(ctx([layer], 0));
    // At t = 10000 the probability is 0.5: a draw of 0.49 updates the masks, 0.51 does not.
    expect(p.beforeStep!(ctx([layer], 10000, () => 0.49))![0]).not.toBeNull();
    expect(p.beforeStep!(ctx([layer], 10000, () => 0.51))![0]).toBeNull();
    p.dispose();
  });

  it('never updates a layer from its iter_stop on', () => {
    const layer = handLayer([[0.1, 1]], [1, 1]);
    const p = dns.create(cfg({ c: [0], iterStop: [5] }), { layers: [layer], rng: createRng(1) });
    expect(p.beforeStep!(ctx([layer], 4, () => 0))![0]).not.toBeNull();
    expect(p.beforeStep!(ctx([layer], 5, () => 0))![0]).toBeNull();
    expect(p.beforeStep!(ctx([layer], 6, () => 0))![0]).toBeNull();
    p.dispose();
  });

  it('draws once per layer per step from the seeded stream', () => {
    const layers = [handLayer([[1, 2]], [1, 1], {}, 'l1'), handLayer([[1, 2]], [1, 1], {}, 'l2')];
    const p = dns.create(cfg({ c: [0, 0], iterStop: [100, 100] }), { layers, rng: createRng(1) });
    let draws = 0;
    p.beforeStep!(ctx(layers, 0, () => (draws++, 0)));
    p.beforeStep!(ctx(layers, 1, () => (draws++, 0)));
    expect(draws).toBe(4);
    p.dispose();
  });
});

describe('DNS defaults', () => {
  it.each([
    ['lenet300', [784], 'lenet300-mnist.ckpt'],
    ['lenet5', [28, 28, 1], 'lenet5-mnist.ckpt'],
  ] as const)(
    'from the shipped %s checkpoint, the first step cuts less than 0.99 of each layer',
    async (id, shape, file) => {
      const net = new Network(architecture({ id }, shape, 10), createRng(1));
      const ckpt = await readCheckpointFile(join(CHECKPOINT_DIR, file));
      applyCheckpoint(net, ckpt!);
      const c = dns.defaults(net.layers).c;
      const cut = await predictFirstCut(net.layers, c);
      for (const f of cut) {
        expect(f).toBeLessThan(0.99);
        expect(f).toBeGreaterThan(0.5);
      }
      net.dispose();
    },
  );

  it('any other network gets c = 1 per layer', () => {
    const layers = [
      { name: 'fc1', kind: 'dense' as const, size: 48 },
      { name: 'fc2', kind: 'dense' as const, size: 272 },
    ];
    expect(dns.defaults(layers).c).toEqual([1, 1]);
  });
});
