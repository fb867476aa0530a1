import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostedSession } from './support/hosting';
import { openHosted, seen } from './support/hosting';
import { Lab } from './support/lab';
import { FIXTURES, UploadUi } from './support/upload';

// Issue 9, "privacy and the page": no request leaves the origin, and every backend and the upload
// worker work under the lab's Content-Security-Policy.
let s: HostedSession;
beforeAll(async () => {
  s = await openHosted();
});
afterAll(() => s?.close());

describe('privacy', () => {
  it('sends no request off the origin while choosing a backend, training and uploading', async () => {
    const url = await s.serve({});
    const origin = new URL(url).origin;
    // Context-wide, so the workers' requests (data, .wasm) are recorded too.
    const requests: string[] = [];
    const record = (r: { url: () => string }) => requests.push(r.url());
    s.context.on('request', record);
    try {
      // The default preset as a first visit sees it: Auto self-tests and times every backend and
      // the worker loads MNIST; then a CSV is uploaded, parsed and trained on.
      const lab = new Lab(s.page);
      await lab.open(url);
      await lab.waitStatus('ready', 120_000);
      const up = new UploadUi(s.page);
      await up.upload(FIXTURES.iris());
      await up.expectPreview(/150 rows · 3 classes · 4 features/);
      await s.page.click('[data-testid=upload-train]');
      await lab.waitFor(async () => (await lab.step()) >= 10, '10 steps on the upload');
      await lab.pauseOrDone();
      const got = await seen(s.page);
      const offOrigin = requests.filter(
        (u) => !/^(blob|data):/.test(u) && new URL(u).origin !== origin,
      );
      console.log(`${requests.length} requests, ${offOrigin.length} off the origin`);
      expect(offOrigin).toEqual([]);
      // The recorder sees the workers: MNIST and a .wasm file are fetched by the training worker.
      expect(requests.some((u) => /datasets\/mnist/.test(u))).toBe(true);
      expect(requests.some((u) => /\.wasm$/.test(u))).toBe(true);
      // Nothing was refused either (a refused request never reaches the recorder).
      expect(got.violations).toEqual([]);
      expect(s.problems).toEqual([]);
    } finally {
      s.context.off('request', record);
    }
  });

  it('runs every backend and the upload worker under the CSP, sent as a header to the workers too', async () => {
    const url = await s.serve({ csp: true, crossOriginIsolated: true });
    const lab = new Lab(s.page);
    await lab.open(
      `${url}?dataset=circle&model=mlp&hidden=16,16&start=scratch&method=none&backend=webgpu`,
    );
    for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu']) {
      if (backend !== 'webgpu') {
        await s.page.selectOption('[data-testid=backend-select]', backend);
        await s.page.click('[data-testid=confirm]'); // the last backend's step started a run
      }
      await lab.waitFor(async () => (await seen(s.page)).backend === backend, backend, 60_000);
      await lab.waitStatus('ready', 60_000);
      await s.page.click('[data-testid=step-once]');
      await lab.waitFor(async () => (await seen(s.page)).step === 1, `a step on ${backend}`);
      const got = await seen(s.page);
      expect(await lab.text('backend-reason')).toMatch(/passed the self-test/);
      expect(got.losses.every(Number.isFinite)).toBe(true);
      expect(got.violations).toEqual([]);
    }
    const up = new UploadUi(s.page);
    await up.upload(FIXTURES.iris());
    await up.expectPreview(/150 rows · 3 classes · 4 features/);
    expect((await seen(s.page)).violations).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
