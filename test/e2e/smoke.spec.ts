import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from './support/browser';
import { openBrowser, shot } from './support/browser';
import { serveStatic } from './support/server';

let server: Awaited<ReturnType<typeof serveStatic>>;
let s: Session;

beforeAll(async () => {
  server = await serveStatic('dist');
  s = await openBrowser();
});
afterAll(async () => {
  await s?.close();
  await server?.close();
});

describe('built app', () => {
  it('loads from a plain static server', async () => {
    await s.page.goto(server.url);
    await expect.poll(() => s.page.textContent('h1')).toContain('Pruning Lab');
    await shot(s.page, 'smoke');
    expect(s.problems).toEqual([]);
  });
});
