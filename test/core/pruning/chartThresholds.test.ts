import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getMethod } from '../../../src/core/pruning/registry';
import { keptMagnitudeThresholds } from '../../../src/core/pruning/thresholds';
import { createRng } from '../../../src/core/rng';
import { fakeCtx as ctx } from '../../helpers/ctx';
import { handLayer } from '../../helpers/layers';
import { backend } from '../../helpers/tf';

beforeAll(() => backend('cpu'));

const layerInfo = (l: ReturnType<typeof handLayer>) => ({
  name: l.name,
  kind: l.kind,
  size: l.size,
  weightShape: l.w.shape,
});

describe('thresholds for the histograms', () => {
  it('magnitude: the smallest kept |w| of a layer, none while nothing is pruned', async () => {
    const dense = handLayer([[0.1, -0.5, 0.3, -0.9]], [0, 0, 0, 0]);
    const pruned = handLayer([[0.1, -0.5, 0.3, -0.9]], [0, 0, 0, 0], { w: [[0, 1, 1, 0]] });
    const th = await keptMagnitudeThresholds([dense, pruned]);
    expect(th[0]).toBeNull();
    expect(th[1]!.a).toBeCloseTo(0.3, 6);
    expect(th[1]!.b).toBe(th[1]!.a);
  });

  it('one-shot: the k-th largest |w| after its prune; none when it ranks by another score', async () => {
    // 8 inputs, 1 unit: 8 weights and 1 bias
    const l = handLayer([[0.1], [-0.5], [0.3], [-0.9], [0.2], [0.7], [-0.05], [0.4]], [0]);
    const spec = getMethod('oneshot');
    const cfg = spec.resolve({ target: 0.5, spareOutput: false }, [layerInfo(l)]);
    const p = spec.create(cfg, { layers: [l], rng: createRng(1) });
    expect((await p.thresholds!())[0]).toBeNull();
    tf.tidy(() => l.wMask.assign(p.beforeStep!(ctx([l], 0))![0]!.w));
    const mask = Array.from(l.wMask.dataSync());
    const w = Array.from(l.w.dataSync());
    const kept = w.filter((_, i) => mask[i] === 1).map(Math.abs);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(8);
    // The k-th largest |w| for k kept: the smallest one kept, above every one cut.
    expect((await p.thresholds!())[0]!.a).toBeCloseTo(Math.min(...kept), 6);
    expect(Math.max(...w.filter((_, i) => mask[i] === 0).map(Math.abs))).toBeLessThan(
      Math.min(...kept),
    );
    p.dispose();
    const taylor = spec.create(
      spec.resolve({ saliency: 'taylor', spareOutput: false }, [layerInfo(l)]),
      {
        layers: [l],
        rng: createRng(1),
      },
    );
    expect(taylor.thresholds).toBeUndefined();
    taylor.dispose();
  });

  it('DNS before its first step: where the first cut will fall (the thresholds it then fixes)', async () => {
    const l = handLayer([[0.1, 0.2, 0.3, 0.4]], [0, 0, 0, 0]);
    const spec = getMethod('dns');
    const p = spec.create(spec.resolve({ c: [0] }, [layerInfo(l)]), {
      layers: [l],
      rng: createRng(1),
    });
    const before = (await p.thresholds!())[0]!;
    expect(before.a).toBeCloseTo(0.225, 6); // 0.9 · μ, μ = 0.25
    tf.tidy(() => {
      const u = p.beforeStep!(ctx([l], 0));
      if (u?.[0]) l.wMask.assign(u[0].w);
    });
    const after = (await p.thresholds!())[0]!;
    expect(after.a).toBeCloseTo(before.a, 6);
    expect(after.b).toBeCloseTo(before.b, 6);
    p.dispose();
  });
});
