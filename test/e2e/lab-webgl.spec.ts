import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot } from './support/browser';
import type { HostedSession } from './support/hosting';
import { openHosted, seen, trainSteps } from './support/hosting';

let s: HostedSession;
beforeAll(async () => {
  s = await openHosted();
});
afterAll(() => s?.close());

// WebGL here is SwiftShader on the CPU. A 2-16-16-2 MLP on the circle set, from scratch and
// without pruning, so the loss has nowhere to go but down.
describe('WebGL', () => {
  it('trains on WebGL when chosen: the loss is finite and falls', async () => {
    const url = await s.serve({});
    const lab = await trainSteps(
      s.page,
      `${url}?dataset=circle&model=mlp&hidden=16,16&start=scratch&method=none&backend=webgl&epochs=20&lr=0.1`,
      80,
    );
    const got = await seen(s.page);
    expect(got.backend).toBe('webgl');
    expect(await lab.text('backend-reason')).toMatch(/You chose WebGL; it passed the self-test/);
    const loss = got.losses;
    expect(loss.length).toBeGreaterThan(6);
    expect(loss.every(Number.isFinite)).toBe(true);
    const mean = (xs: number[]) => xs.reduce((p, q) => p + q, 0) / xs.length;
    // From scratch the loss starts near ln 2 (two classes); 80 steps of SGD bring it well down.
    expect(mean(loss.slice(-3))).toBeLessThan(0.8 * mean(loss.slice(0, 3)));
    await shot(s.page, 'lab-webgl');
    expect(s.problems).toEqual([]);
  });
});
