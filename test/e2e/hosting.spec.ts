import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot } from './support/browser';
import type { HostedSession } from './support/hosting';
import { openHosted, seen, trainSteps } from './support/hosting';

// Issue 9, "every host": the default preset trains whether or not the page is cross-origin
// isolated, runs tfjs's threaded wasm build when it is, and falls back to the single-thread build
// (saying why) when the threaded one fails. Each test serves the build its own way.
let s: HostedSession;
beforeAll(async () => {
  s = await openHosted();
});
afterAll(() => s?.close());

describe('any host', () => {
  it('trains on the threaded wasm build when served with COOP/COEP (and the CSP header)', async () => {
    const url = await s.serve({ crossOriginIsolated: true, csp: true });
    const lab = await trainSteps(s.page, `${url}?backend=wasm`, 20);
    const got = await seen(s.page);
    expect(got.isolated).toBe(true);
    expect(got.backend).toBe('wasm');
    expect(got.threadedBuild).toBe(true);
    expect(got.threads).toBeGreaterThanOrEqual(1);
    // tfjs computes on half the logical cores: one thread on a 2-core machine, more on others.
    expect(await lab.text('backend-reason')).toMatch(
      /WASM runs (on \d+ threads \(the page is cross-origin isolated\)|its threaded build on 1 thread)/,
    );
    expect(got.losses.length).toBeGreaterThan(0);
    expect(got.losses.every(Number.isFinite)).toBe(true);
    await shot(s.page, 'hosting-isolated');
    expect(got.violations).toEqual([]);
    expect(s.problems).toEqual([]);
  });

  it('trains on one thread without the headers, and says why', async () => {
    const url = await s.serve({});
    const lab = await trainSteps(s.page, `${url}?backend=wasm`, 20);
    const got = await seen(s.page);
    expect(got.isolated).toBe(false);
    expect(got.backend).toBe('wasm');
    expect(got.threadedBuild).toBe(false);
    expect(got.threads).toBe(1);
    expect(await lab.text('backend-reason')).toMatch(
      /WASM runs on one thread: the page is not cross-origin isolated/,
    );
    expect(got.losses.every(Number.isFinite)).toBe(true);
    expect(got.violations).toEqual([]);
    expect(s.problems).toEqual([]);
  });

  it('falls back to the single-thread build when the threaded one fails to start', async () => {
    // A host that lost the threaded .wasm file: tfjs's threaded start aborts.
    const url = await s.serve({ crossOriginIsolated: true, refuse: /threaded-simd[^/]*\.wasm$/ });
    const lab = await trainSteps(s.page, `${url}?backend=wasm`, 10);
    const got = await seen(s.page);
    expect(got.isolated).toBe(true);
    expect(got.backend).toBe('wasm');
    expect(got.threadedBuild).toBe(false);
    expect(await lab.text('backend-reason')).toMatch(
      /WASM threads could not start \(.+\), so WASM runs on one thread/,
    );
    expect(got.losses.every(Number.isFinite)).toBe(true);
    await shot(s.page, 'hosting-threads-fallback');
    // Later choices remember it: back to wasm after cpu, straight to one thread, same reason.
    await s.page.selectOption('[data-testid=backend-select]', 'cpu');
    await s.page.click('[data-testid=confirm]'); // switching ends the paused run
    await lab.waitFor(async () => (await lab.text('backend')) === 'cpu', 'cpu');
    await lab.waitStatus('ready');
    await s.page.selectOption('[data-testid=backend-select]', 'wasm');
    await lab.waitFor(async () => (await lab.text('backend')) === 'wasm', 'wasm again');
    await lab.waitStatus('ready');
    expect((await seen(s.page)).threadedBuild).toBe(false);
    expect(await lab.text('backend-reason')).toMatch(
      /You chose WASM; it passed the self-test.*WASM threads could not start \(.+\), so WASM runs on one thread/,
    );
    // tfjs logs the failed fetch and start as warnings; nothing reached the page as an error.
    expect(s.problems).toEqual([]);
  });
});
