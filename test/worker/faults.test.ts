import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSpec } from '../../src/worker/protocol';
import { pauseSession, sessionHarness, toyRunSpec } from '../helpers/session';

const harness = () => sessionHarness(60_000);

/** The toy run over 20 epochs: long enough to diverge or lose its device mid-run. */
const spec = (over: Partial<RunSpec['config']> = {}): RunSpec =>
  toyRunSpec({ epochs: 20, ...over });

let h: ReturnType<typeof harness> | null = null;
afterEach(async () => {
  await pauseSession(h);
  h = null;
});

describe('divergence in the worker', () => {
  it('a huge learning rate pauses the run with the last good weights; charts stay finite', async () => {
    h = harness();
    h.send({ type: 'configure', run: spec({ lr: 1e4 }), backend: 'cpu' });
    await h.until(() => h!.status() === 'ready');
    h.send({ type: 'play' });
    const notice = await h.until(() => h!.last('notice'));
    await h.until(() => h!.status() === 'paused');
    expect(notice.notice.kind).toBe('diverged');
    expect(notice.notice.message).toMatch(/Try a lower learning rate \(1000 instead of 10000\)/);
    expect(notice.notice.suggestedLr).toBe(1000);
    const points = h.all('metrics').flatMap((e) => e.points);
    expect(points.every((p) => Number.isFinite(p.loss))).toBe(true);
    expect(h.all('validation').every((v) => Number.isFinite(v.point.loss))).toBe(true);
    // The snapshot drawn at the pause shows the restored, finite weights.
    const snap = h.last('snapshot')!.snapshot;
    h.send({ type: 'ack', id: snap.id });
    const after = await h.until(() => {
      const s = h!.last('snapshot')!.snapshot;
      return s.id !== snap.id && s;
    });
    for (const l of after.layers) expect(Array.from(l.weights!).every(Number.isFinite)).toBe(true);
    expect(h.all('error')).toEqual([]);
  });

  it('trains on after a lower learning rate is set', async () => {
    h = harness();
    h.send({ type: 'configure', run: spec({ lr: 1e4 }), backend: 'cpu' });
    await h.until(() => h!.status() === 'ready');
    h.send({ type: 'play' });
    await h.until(() => h!.last('notice'));
    await h.until(() => h!.status() === 'paused');
    const at = h.last('metrics')?.points.at(-1)?.step ?? 0;
    await new Promise((r) => setTimeout(r, 20)); // the paused loop lets go of the queue
    h.send({ type: 'setLr', lr: 0.01 });
    h.send({ type: 'play' });
    await h.until(() => (h!.last('metrics')?.points.at(-1)?.step ?? 0) > at + 100);
    expect(h.all('notice')).toHaveLength(1);
    const later = h.all('metrics').flatMap((e) => e.points.filter((p) => p.step > at));
    expect(later.every((p) => Number.isFinite(p.loss) && p.loss < 3)).toBe(true);
  });
});

describe('a backend that fails mid-run', () => {
  it('wasm throws: the run carries on on cpu from the last saved state', async () => {
    h = harness();
    h.send({ type: 'configure', run: spec(), backend: 'wasm' });
    await h.until(() => h!.status() === 'ready');
    expect(h.last('backend')!.report.backend).toBe('wasm');
    h.send({ type: 'play' });
    await h.until(() => (h!.last('metrics')?.points.at(-1)?.step ?? 0) > 30);
    h.send({ type: 'debug', action: 'failNextStep' });
    const notice = await h.until(() => h!.last('notice'));
    expect(notice.notice.kind).toBe('recovered');
    expect(notice.notice.message).toMatch(
      /^wasm stopped working mid-run: .*Training continues on cpu from step \d+/,
    );
    expect(h.last('backend')!.report.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    // The state saved last (every 2 s, and at the start): at or before the failing step.
    const from = notice.notice.step;
    expect(from).toBeGreaterThanOrEqual(0);
    expect(from).toBeLessThanOrEqual(
      h
        .all('metrics')
        .flatMap((e) => e.points)
        .at(-1)!.step,
    );
    await h.until(() => (h!.last('metrics')?.points.at(-1)?.step ?? 0) > from + 50);
    expect(h.status()).toBe('running');
    expect(h.all('error')).toEqual([]);
    const after = h
      .all('metrics')
      .flatMap((e) => e.points)
      .filter((p) => p.step > from);
    expect(after.every((p) => Number.isFinite(p.loss))).toBe(true);
  });

  it('leaks nothing when a step throws and the run moves (tensor counts while paused)', async () => {
    h = harness();
    h.send({ type: 'configure', run: spec(), backend: 'wasm' });
    await h.until(() => h!.status() === 'ready');
    h.send({ type: 'play' });
    await h.until(() => (h!.last('metrics')?.points.at(-1)?.step ?? 0) > 20);
    h.send({ type: 'pause' });
    await h.until(() => h!.status() === 'paused');
    await new Promise((r) => setTimeout(r, 20));
    const before = tf.memory().numTensors;
    h.send({ type: 'debug', action: 'failNextStep' });
    h.send({ type: 'step' });
    await h.until(() => h!.last('notice'));
    const paused = h.all('status').length;
    await h.until(() => h!.all('status').length > paused && h!.status() === 'paused');
    expect(tf.getBackend()).toBe('cpu');
    // One more step: the method's state and the second divergence copy exist again, as before.
    const n = h.all('status').length;
    await new Promise((r) => setTimeout(r, 20));
    h.send({ type: 'step' });
    await h.until(() => h!.all('status').length > n && h!.status() === 'paused');
    await new Promise((r) => setTimeout(r, 20));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('cpu throws: nothing to move to, the run stops with the error', async () => {
    h = harness();
    h.send({ type: 'configure', run: spec(), backend: 'cpu' });
    await h.until(() => h!.status() === 'ready');
    h.send({ type: 'play' });
    await h.until(() => (h!.last('metrics')?.points.at(-1)?.step ?? 0) > 5);
    h.send({ type: 'debug', action: 'failNextStep' });
    const err = await h.until(() => h!.last('error'), { errors: true });
    expect(err.message).toMatch(/Training stopped: a training step failed/);
    await h.until(() => h!.status() === 'error', { errors: true });
  });
});
