import { beforeAll, describe, expect, it } from 'vitest';
import { architecture } from '../../src/core/models/zoo';
import * as tf from '@tensorflow/tfjs';
import { resetBackend, startBackend } from '../../src/core/backend';
import { chooseBackend } from '../../src/worker/backendChoice';
import { compareProbes, probeGradients, probeNames } from '../../src/worker/selfTest';
import { backend } from '../helpers/tf';

beforeAll(() => backend('cpu'));

const arch = architecture({ id: 'mlp', hidden: [8] }, [4], 3);
const input = { arch, modelKey: 'mlp-8:4:3', modelName: 'mlp-8', batch: 8, cache: {}, options: {} };

describe('self-test', () => {
  it('gives the same numbers for the same seed, named per array', async () => {
    const a = await probeGradients(arch, 4);
    const b = await probeGradients(arch, 4);
    expect(compareProbes(a, b, probeNames(arch))).toEqual({ ok: true, worst: 0, where: 'loss' });
    expect(probeNames(arch)).toEqual([
      'loss',
      'logits',
      'fc1 weight gradient',
      'fc2 weight gradient',
      'fc1 bias gradient',
      'fc2 bias gradient',
    ]);
  });

  it('fails a backend whose gradient is off, and says where', async () => {
    const ref = await probeGradients(arch, 4);
    const bad = ref.map((a) => a.slice());
    bad[2]![0] = bad[2]![0]! + 1;
    const c = compareProbes(ref, bad, probeNames(arch));
    expect(c.ok).toBe(false);
    expect(c.where).toBe('fc1 weight gradient');
    const nan = ref.map((a) => a.slice());
    nan[1]![0] = NaN;
    expect(compareProbes(ref, nan, probeNames(arch)).ok).toBe(false);
  });
});

describe('chooseBackend (Node: cpu and wasm exist, no GPU)', () => {
  it('keeps a backend the user chose when it passes', async () => {
    const c = await chooseBackend('cpu', input);
    expect(c.report.backend).toBe('cpu');
    expect(c.report.reason).toMatch(/You chose CPU/);
  });

  it('falls back, and says why, when the chosen one cannot start', async () => {
    const c = await chooseBackend('webgpu', input);
    expect(c.report.backend).not.toBe('webgpu');
    expect(c.report.reason).toMatch(
      /You chose WebGPU, but it could not start here \(.+\); fell back to/,
    );
    expect(c.report.unavailable).toContain('webgpu');
  });

  it('auto: picks the fastest backend that passed, and reuses cached verdicts', async () => {
    const first = await chooseBackend('auto', input);
    expect(first.report.reason).toMatch(/^Auto: fastest backend that passed the self-test/);
    expect(first.verdicts.wasm?.ok).toBe(true);
    expect(first.verdicts.wasm?.msPerStep).toBeGreaterThan(0);
    const again = await chooseBackend('auto', { ...input, cache: { [first.key]: first.verdicts } });
    expect(again.report.backend).toBe(first.report.backend);
    expect(again.report.reason).toMatch(/cached from an earlier visit/);
  });

  it('does not trust a cached failure blindly: a failed verdict keeps the backend out', async () => {
    const first = await chooseBackend('auto', input);
    const cache = {
      [first.key]: {
        ...first.verdicts,
        wasm: { ok: false, msPerStep: null, detail: 'fc1 weight gradient differs' },
      },
    };
    const c = await chooseBackend('auto', { ...input, cache });
    expect(c.report.backend).not.toBe('wasm');
    expect(c.report.reason).toMatch(/WASM failed the self-test/);
  });
});

describe('a backend that fails to start is abandoned, and the lab goes on', () => {
  // tfjs keeps a start that never finishes pending, and while one is pending every op on every
  // backend throws: a hung threaded wasm start killed the whole lab this way.
  it('gives up on a start that a worker error reports, then starts it afresh', async () => {
    const failed = await startBackend('wasm', { failure: Promise.resolve('a pthread failed') });
    expect(failed).toEqual({ ok: false, why: 'a pthread failed' });
    // The abandoned start never registers itself later (it would replace the next one).
    await new Promise((r) => setTimeout(r, 300));
    expect(tf.engine().registry['wasm']).toBeUndefined();
    expect(await startBackend('cpu')).toEqual({ ok: true });
    expect(await tf.add(tf.scalar(1), 2).data()).toEqual(new Float32Array([3]));
    const again = await startBackend('wasm');
    expect(again).toEqual({ ok: true, threads: 1, threadedBuild: false });
    expect(tf.getBackend()).toBe('wasm');
    expect(await tf.mul(tf.scalar(3), 2).data()).toEqual(new Float32Array([6]));
    await startBackend('cpu');
  });

  it('gives up on a start that takes too long, and says so', async () => {
    await startBackend('cpu');
    resetBackend('wasm'); // a cold start, as on a page that has not used wasm yet
    const r = await startBackend('wasm', { startTimeoutMs: 0 });
    expect(r.ok).toBe(false);
    expect(r.why).toMatch(/did not start within 0 s/);
    await new Promise((r) => setTimeout(r, 300));
    expect(tf.engine().registry['wasm']).toBeUndefined();
    expect((await startBackend('wasm')).ok).toBe(true);
    expect(await tf.sub(tf.scalar(3), 1).data()).toEqual(new Float32Array([2]));
    await startBackend('cpu');
  });

  it('says how many threads wasm runs on, and why only one', async () => {
    const c = await chooseBackend('wasm', input);
    expect(c.report.backend).toBe('wasm');
    expect(c.report.threads).toBe(1);
    expect(c.report.reason).toMatch(
      /WASM runs on one thread: the page is not cross-origin isolated/,
    );
    expect(c.report.threadedBuild).toBe(false);
    expect(c.verdicts.wasm?.threads).toBe(1);
    await startBackend('cpu');
  });
});
