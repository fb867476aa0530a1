import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support/app';
import type { App } from './support/app';
import { shot } from './support/browser';
import { Lab } from './support/lab';

let s: App;
let lab: Lab;

beforeAll(async () => {
  s = await openApp();
  lab = new Lab(s.page);
});
afterAll(() => s?.close());

describe('runs across a session (toy data on wasm)', () => {
  it('pre-trains dense, prunes to the end, and keeps each run on the trade-off chart', async () => {
    await lab.open(
      `${s.url}?dataset=circle&start=pretrain&pretrain=15&epochs=4&c=0.5&backend=wasm`,
    );
    await lab.waitStatus('ready');
    await s.page.click('[data-testid=play]');
    await lab.waitStatus('done', 120_000);
    const result = await lab.text('result');
    expect(result).toMatch(/Run finished: test accuracy \d+(\.\d+)?%/);
    expect(result).toMatch(/dense start \d/); // measured after the pre-train
    expect(await lab.density()).toBeLessThan(100);

    // A second run with another c: it starts at once (the first one is over) and lands beside it.
    await s.page.fill('[data-testid=c-0]', '1.2');
    await lab.waitFor(
      async () => (await lab.step()) === 0 && (await lab.status()) === 'ready',
      'a fresh run',
    );
    await s.page.click('[data-testid=play]');
    await lab.waitStatus('done', 120_000);
    const legend = () =>
      s.page.locator('section[aria-label="Accuracy vs sparsity"] .chart-legend').innerText();
    await lab.waitFor(async () => (await legend()).includes('#2'), 'the second run on the chart');
    expect(await legend()).toMatch(/#1 dns c=0.5 · mlp-16-16 · circle · pretrain/);
    expect(await legend()).toMatch(/#2 dns c=1.2\/0.5\/0.5 · mlp-16-16 · circle · pretrain/);
    // Each run's validation measurements are dots (not joined: nothing was measured between).
    const dots = () =>
      s.page.evaluate(() =>
        [
          ...document.querySelectorAll(
            'section[aria-label="Accuracy vs sparsity"] .live-trajectory',
          ),
        ].map((g) => g.querySelectorAll('.measure-dot').length),
      );
    await lab.waitFor(
      async () => (await dots()).filter((n) => n > 1).length >= 2,
      'two trajectories',
    );
    const ends = s.page.locator(
      'section[aria-label="Accuracy vs sparsity"] .live-end .recharts-scatter-symbol',
    );
    await lab.waitFor(async () => (await ends.count()) === 2, 'two end points');
    await shot(s.page, 'lab-two-runs');
    expect(s.problems).toEqual([]);
  });

  it('offers the other starts when no dense checkpoint is shipped, and warns about the first cut', async () => {
    await lab.open(`${s.url}?dataset=circle&model=mlp&hidden=5&backend=wasm&c=2.5`);
    await lab.waitStatus('needsStart');
    expect(await s.page.isDisabled('[data-testid=play]')).toBe(true);
    const notice = await lab.text('missing-checkpoint');
    expect(notice).toMatch(
      /No shipped dense checkpoint for this model and data \(mlp-5-circle.ckpt\)/,
    );
    await s.page.click('text=From scratch');
    await lab.waitStatus('ready');
    // Fresh weights are near-uniform in ±r: with c = 2.5, μ + cσ ≈ 1.2r lies above every one.
    expect(await lab.text('first-cut-warning')).toMatch(/cut more than 99% of fc1/);
    await shot(s.page, 'lab-missing-checkpoint');
  });

  it('shows a clear message, not a blank page, when a run cannot be built', async () => {
    // A link can no longer ask for LeNet-5 on points (links.spec.ts); n > m passes each key's check.
    await lab.open(`${s.url}?dataset=circle&method=nm&n=4&m=2&backend=wasm`);
    await lab.waitStatus('error');
    expect(await lab.notices()).toMatch(/This run stopped\.\s+nm: n \(4\) must not exceed m \(2\)/);
    expect(await s.page.locator('h1').innerText()).toBe('Pruning Lab');
    await shot(s.page, 'lab-error');
  });
});
