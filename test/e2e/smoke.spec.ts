import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support/app';
import type { App } from './support/app';
import { shot } from './support/browser';

let s: App;

beforeAll(async () => {
  s = await openApp();
});
afterAll(() => s?.close());

describe('built app', () => {
  it('loads from a plain static server', async () => {
    await s.page.goto(s.url);
    await expect.poll(() => s.page.textContent('h1')).toContain('Pruning Lab');
    await shot(s.page, 'smoke');
    expect(s.problems).toEqual([]);
  });
});
