import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support/app';
import type { App } from './support/app';
import { shot } from './support/browser';
import { Lab } from './support/lab';

let s: App;
let lab: Lab;

beforeAll(async () => {
  s = await openApp({ width: 1440, height: 900 });
  lab = new Lab(s.page);
});
afterAll(() => s?.close());

const picture = () =>
  s.page
    .locator('[data-testid=decision-boundary] canvas')
    .evaluate((c) => (c as HTMLCanvasElement).toDataURL());

describe('the decision boundary of a 2-D toy set', () => {
  it('draws the dense start, then changes after DNS cuts', async () => {
    await lab.open(`${s.url}?dataset=circle&model=mlp&method=dns&backend=wasm`);
    await lab.waitStatus('ready');
    await s.page.waitForSelector('[data-testid=decision-boundary] canvas');
    const label = await s.page
      .locator('[data-testid=decision-boundary] canvas')
      .getAttribute('aria-label');
    expect(label).toMatch(/of the plane/);
    // The shipped dense MLP separates the circle: most points shown sit on their own class.
    const agreeDense = Number(
      await s.page.locator('[data-testid=decision-boundary]').getAttribute('data-agree'),
    );
    expect(agreeDense).toBeGreaterThan(0.8);
    const before = await picture();
    await s.page.click('[data-testid=play]');
    await lab.waitFor(async () => (await lab.cuts()) > 0, 'the first cut', 30_000);
    await s.page.keyboard.press('Space');
    await lab.waitStatus('paused');
    await lab.waitFor(async () => (await picture()) !== before, 'the boundary to move', 20_000);
    await shot(s.page, 'boundary-circle');
    expect(s.problems).toEqual([]);
  });

  it('is not shown for image data', async () => {
    await lab.open(`${s.url}?dataset=digits&backend=wasm`);
    await lab.waitStatus('ready');
    expect(await s.page.locator('[data-testid=decision-boundary]').count()).toBe(0);
  });
});
