import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support/app';
import type { App } from './support/app';
import { shot } from './support/browser';
import { Lab } from './support/lab';

let s: App;
let lab: Lab;

beforeAll(async () => {
  s = await openApp({ width: 1280, height: 900 });
  lab = new Lab(s.page);
});
afterAll(() => s?.close());

const TOY = 'dataset=circle&model=mlp&hidden=16,16&start=scratch&method=dns&c=0.5&backend=wasm';
const HAND_CUT = 4;
const HAND_SPLICED = 5;

interface Seen {
  kept: number[];
  total: number;
  density: number;
  state: number[];
  validations: number;
  hand: { cuts: number; splices: number; undoDepth: number } | null;
  step: number;
}

/** What the store shows of layer 1 (16 inputs × 16 units) and the run. */
function read(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    type S = {
      snapshot: { layers: { state?: Uint8Array }[] } | null;
      run: {
        kept: number[];
        density: number;
        validation: unknown[];
        hand?: Seen['hand'];
        step: number;
        info: { layers: { total: number }[] };
      };
    };
    const st = (window as unknown as { __lab: { state: () => S } }).__lab.state();
    return {
      // Before the first metrics point every weight and bias is kept.
      kept: st.run.kept.length > 0 ? [...st.run.kept] : st.run.info.layers.map((l) => l.total),
      total: st.run.info.layers.reduce((a, l) => a + l.total, 0),
      density: st.run.density,
      state: Array.from(st.snapshot?.layers[1]?.state ?? []),
      validations: st.run.validation.length,
      hand: st.run.hand ?? null,
      step: st.run.step,
    };
  });
}

/** Page coordinates of connection (input, unit) of layer 1's heatmap (x = input, y = unit). */
async function at(page: Page, input: number, unit: number): Promise<[number, number]> {
  const box = (await page.locator('canvas[data-testid=heatmap]').nth(1).boundingBox())!;
  return [box.x + ((input + 0.5) * box.width) / 16, box.y + ((unit + 0.5) * box.height) / 16];
}

async function waitChange(page: Page, from: Seen): Promise<Seen> {
  let now = from;
  await lab.waitFor(async () => {
    now = await read(page);
    return now.state.join() !== from.state.join() && now.validations > from.validations;
  }, 'the hand edit to show');
  await page.waitForTimeout(100); // the snapshot and the counts arrive together; let both land
  return read(page);
}

/** Cells whose state differs between two reads. */
function diff(a: Seen, b: Seen): number[] {
  return b.state.flatMap((v, i) => (v !== a.state[i] ? [i] : []));
}

describe('hand surgery', () => {
  it('cuts and splices exactly as clicked, brushed, Shift- and Alt-clicked; Undo restores', async () => {
    const page = s.page;
    await lab.open(`${s.url}?${TOY}&epochs=20&speed=20`);
    await lab.waitStatus('ready');
    await lab.waitFor(async () => (await read(page)).state.length === 256, 'the heatmap');
    const start = await read(page);
    const kept0 = start.kept.reduce((a, b) => a + b, 0);

    // A click cuts one alive connection: index = input * cols + unit.
    await page.mouse.click(...(await at(page, 3, 5)));
    const one = await waitChange(page, start);
    expect(diff(start, one)).toEqual([3 * 16 + 5]);
    expect(one.state[53]).toBe(HAND_CUT);
    expect(one.kept[1]).toBe(start.kept[1]! - 1);
    expect(one.density).toBeCloseTo((kept0 - 1) / start.total, 12);
    expect(one.hand).toMatchObject({ cuts: 1, splices: 0, undoDepth: 1 });

    // Shift+click: the unit's row (all 16 inputs of unit 9).
    await page.keyboard.down('Shift');
    await page.mouse.click(...(await at(page, 0, 9)));
    await page.keyboard.up('Shift');
    const row = await waitChange(page, one);
    expect(diff(one, row)).toEqual(Array.from({ length: 16 }, (_, i) => i * 16 + 9));
    expect(row.kept[1]).toBe(one.kept[1]! - 16);

    // Alt+click: the input's column (input 7, all units); (7, 9) is already cut.
    await page.keyboard.down('Alt');
    await page.mouse.click(...(await at(page, 7, 2)));
    await page.keyboard.up('Alt');
    const col = await waitChange(page, row);
    expect(diff(row, col)).toEqual(
      Array.from({ length: 16 }, (_, u) => 7 * 16 + u).filter((i) => i !== 7 * 16 + 9),
    );
    expect(col.kept[1]).toBe(row.kept[1]! - 15);

    // A brush stroke along unit 12, inputs 10..13.
    await page.mouse.move(...(await at(page, 10, 12)));
    await page.mouse.down();
    await page.mouse.move(...(await at(page, 13, 12)), { steps: 6 });
    await page.mouse.up();
    const brushed = await waitChange(page, col);
    expect(diff(col, brushed)).toEqual([10, 11, 12, 13].map((i) => i * 16 + 12));
    expect(brushed.hand).toMatchObject({ cuts: 1 + 16 + 15 + 4, undoDepth: 4 });
    expect(await lab.text('hand-counts')).toMatch(/By hand: 36 cut · 0 spliced/);
    await page.locator('section[aria-label="Connections"]').screenshot({
      path: `${process.cwd()}/test-results/screenshots/touch-hand-edits.png`,
    });

    // Ctrl+Z four times: masks (and density) exactly as before the first edit.
    let last = brushed;
    for (let k = 0; k < 4; k++) {
      await page.keyboard.press('Control+z');
      last = await waitChange(page, last);
    }
    expect(last.state).toEqual(start.state);
    expect(last.kept).toEqual(start.kept);
    expect(last.hand).toMatchObject({ cuts: 0, undoDepth: 0 });

    // Clicking a pruned connection splices it back.
    await page.mouse.click(...(await at(page, 3, 5)));
    const cut = await waitChange(page, last);
    await page.mouse.click(...(await at(page, 3, 5)));
    const spliced = await waitChange(page, cut);
    expect(spliced.state[53]).toBe(HAND_SPLICED);
    expect(spliced.kept).toEqual(start.kept);
    expect(s.problems).toEqual([]);
  });
});

describe('time scrubber', () => {
  it('shows an earlier step’s density and heatmap, returns to live, and Play resumes', async () => {
    const page = s.page;
    await page.locator('[data-testid=play]').click();
    await lab.waitFor(async () => (await lab.step()) >= 60, 'step 60');
    await page.locator('[data-testid=play]').click();
    await lab.waitStatus('paused');
    const live = await read(page);
    expect(live.density).toBeLessThan(1);
    const liveDensity = await lab.text('density');
    const range = page.locator('[data-testid=scrub-range]');
    await range.focus();
    await page.keyboard.press('Home');
    await lab.waitFor(async () => (await lab.step()) === 0, 'the scrubber at step 0');
    expect(await lab.text('density')).toBe('100%');
    expect(await lab.text('scrub-label')).toMatch(/^step 0 of /);
    const pixels = await lab.heatmapPixels();
    expect(pixels.every((p) => p.pruned === 0)).toBe(true);
    // One moment later: the step the history recorded next.
    await page.keyboard.press('ArrowRight');
    const steps = await page.evaluate(() =>
      (window as unknown as { __lab: { history: { steps(): number[] } } }).__lab.history.steps(),
    );
    await lab.waitFor(async () => (await lab.step()) === steps[1], 'the second moment');
    await shot(page, 'touch-scrubber');
    await page.locator('[data-testid=scrub-live]').click();
    expect(await lab.step()).toBe(live.step);
    expect(await lab.text('density')).toBe(liveDensity);
    await page.keyboard.press('Home');
    await range.focus();
    await page.keyboard.press('Home');
    await lab.waitFor(async () => (await lab.step()) === 0, 'the scrubber at step 0 again');
    await page.locator('[data-testid=scrub-play]').click();
    await lab.waitStatus('running');
    await lab.waitFor(async () => (await lab.step()) > live.step, 'training on from the live end');
    expect(s.problems).toEqual([]);
  });

  it('keeps the history under its bound in a long run (older moments thin out)', async () => {
    const page = s.page;
    // A steady 100 steps/s: moments come at a fixed pace in steps, so the thinned older half has
    // wider gaps than the newest moments whatever the machine's speed (at full speed a run that
    // speeds up after its first seconds has wider gaps at the end).
    await lab.open(`${s.url}?${TOY}&epochs=400&speed=100`);
    await lab.waitStatus('ready');
    const bound = { maxBytes: 60_000, maxMoments: 40, keyEvery: 4 };
    await page.evaluate((b) => {
      (
        window as unknown as { __lab: { history: { setLimits(l: unknown): void } } }
      ).__lab.history.setLimits(b);
    }, bound);
    await page.locator('[data-testid=play]').click();
    const h = () =>
      page.evaluate(() => {
        const x = (
          window as unknown as {
            __lab: {
              history: { size: number; byteSize: number; peakBytes: number; steps(): number[] };
            };
          }
        ).__lab.history;
        return { size: x.size, bytes: x.byteSize, peak: x.peakBytes, steps: x.steps() };
      });
    const sizes: number[] = [];
    const t0 = Date.now();
    while (Date.now() - t0 < 12_000) {
      const now = await h();
      sizes.push(now.bytes);
      expect(now.size).toBeLessThanOrEqual(bound.maxMoments);
      await page.waitForTimeout(500);
    }
    const end = await h();
    const maskBytes = 2 * 16 + 16 * 16 + 16 * 2; // the latest mask of each layer
    expect(end.peak).toBeLessThanOrEqual(bound.maxBytes + maskBytes);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(bound.maxBytes + maskBytes);
    expect(end.steps[0]).toBe(0); // the start is kept; the older half thinned out:
    expect(end.steps[1]! - end.steps[0]!).toBeGreaterThan(end.steps.at(-1)! - end.steps.at(-2)!);
    expect(end.size).toBeGreaterThan(10);
    expect(await lab.step()).toBeGreaterThan(end.steps.length * 5);
    await page.locator('[data-testid=play]').click();
    expect(s.problems).toEqual([]);
  });
});
