import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support/app';
import type { App } from './support/app';
import { shot } from './support/browser';
import { ComparePage } from './support/compare';
import { Lab } from './support/lab';

let s: App;
let lab: Lab;
let cmp: ComparePage;

beforeAll(async () => {
  s = await openApp({ width: 1280, height: 720 });
  lab = new Lab(s.page);
  cmp = new ComparePage(s.page);
});
afterAll(() => s?.close());

/** Points drawn by each layer's curve of the sensitivity fan (counted from its path commands). */
function curvePoints(): Promise<number[]> {
  return s.page.evaluate(() =>
    [...document.querySelectorAll('.sensitivity-curve path.recharts-curve')].map(
      (p) => (p.getAttribute('d')?.match(/[LM]/g) ?? []).length,
    ),
  );
}

describe('layer sensitivity (Distiller style) in the worker', () => {
  it('prunes one layer at a time to 0..95% and draws a fan of curves', async () => {
    await lab.open(`${s.url}?dataset=digits&backend=wasm&c=1`);
    await lab.waitStatus('ready');
    await cmp.tab('sensitivity');
    await s.page.click('[data-testid=sensitivity-run]');
    await lab.waitFor(
      async () => (await s.page.locator('[data-testid=sensitivity-table]').count()) === 1,
      'the analysis',
    );
    expect(await lab.text('sensitivity-at')).toMatch(
      /dns network at step 0, on \d[\d,]* validation examples: accuracy \d+(\.\d)?% as it is/,
    );
    // Three layers, each at 20 levels (0, 5, …, 95%).
    await lab.waitFor(async () => (await curvePoints()).length === 3, 'three curves');
    expect(await curvePoints()).toEqual([20, 20, 20]);
    const rows = await cmp.rows('sensitivity-table');
    expect(rows.map((r) => r[0])).toEqual(['fc1', 'fc2', 'fc3']);
    // Nothing is pruned yet; pruning 95% of a layer by |w| costs accuracy.
    for (const r of rows) expect(r[1]).toBe('0%');
    for (const r of rows) expect(parseFloat(r[5]!)).toBeLessThan(parseFloat(r[2]!));
    await shot(s.page, 'sensitivity-1280');
    expect(s.problems).toEqual([]);
  });

  it('analyses the live network as it is after some pruning steps', async () => {
    await cmp.tab('live');
    for (let i = 0; i < 3; i++) {
      await s.page.keyboard.press('s');
      await lab.waitFor(async () => (await lab.step()) === i + 1, `step ${i + 1}`);
    }
    await cmp.tab('sensitivity');
    await s.page.click('[data-testid=sensitivity-run]');
    await lab.waitFor(
      async () => /at step 3,/.test(await lab.text('sensitivity-at')),
      'the analysis at step 3',
    );
    expect(await curvePoints()).toEqual([20, 20, 20]);
    // DNS has cut into every layer by now: the table says how far.
    const rows = await cmp.rows('sensitivity-table');
    for (const r of rows) expect(parseFloat(r[1]!)).toBeGreaterThan(0);
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await shot(s.page, 'sensitivity-1440');
    expect(s.problems).toEqual([]);
  });
});
