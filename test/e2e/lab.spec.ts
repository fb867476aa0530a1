import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support/app';
import type { App } from './support/app';
import { openBrowser, shot } from './support/browser';
import { Lab } from './support/lab';

let s: App;
let lab: Lab;

beforeAll(async () => {
  s = await openApp({ width: 1440, height: 900 });
  lab = new Lab(s.page);
});
afterAll(() => s?.close());

// The one-click preset (LeNet-300-100 on MNIST, DNS from the shipped checkpoint) on wasm, the
// fast backend here; the backend choice itself is exercised by the WebGPU file and unit tests.
describe('the default preset', () => {
  it('loads MNIST and shows the dense start', async () => {
    await lab.open(`${s.url}?backend=wasm`);
    await lab.waitStatus('ready');
    expect(await lab.text('backend')).toBe('wasm');
    expect(await lab.text('backend-reason')).toMatch(
      /You chose WASM; it passed the self-test on lenet300/,
    );
    expect(await lab.text('density')).toBe('100%');
    expect(await lab.text('compression')).toBe('1.0×');
    expect(await lab.step()).toBe(0);
    const pixels = await lab.heatmapPixels();
    expect(pixels.map((p) => [p.layer, p.total])).toEqual([
      ['ip1', 784 * 300],
      ['ip2', 300 * 100],
      ['ip3', 100 * 10],
    ]);
    expect(pixels[0]!.pruned).toBe(0);
    // DNS's first cut is predicted from the checkpoint before anything runs.
    expect(await lab.text('first-cut-prediction')).toMatch(/First step cuts ip1 \d/);
    expect(s.problems).toEqual([]);
  });

  it('cuts at the first step after Play, and every view follows', async () => {
    await s.page.click('[data-testid=play]');
    await lab.waitFor(async () => (await lab.cuts()) > 0, 'the first cut', 30_000);
    await lab.waitFor(async () => (await lab.step()) >= 60, '60 steps');
    // Metrics reach the page at most every 100 ms; on the wasm kernels 60 steps can take less than
    // a second, so the curves get their points while it plays on.
    await lab.waitChartPoints('Loss', 10);
    await s.page.keyboard.press('Space'); // pause
    await lab.waitStatus('paused');
    expect(await lab.density()).toBeLessThan(50);
    expect(await lab.text('compression')).toMatch(/^\d+(\.\d)?×$/);
    // Every heatmap shows pruned connections, and the first layer still has live ones.
    await lab.waitFor(
      async () => (await lab.heatmapPixels()).every((p) => p.pruned > 0),
      'pruned pixels',
    );
    const ip1 = (await lab.heatmapPixels())[0]!;
    expect(ip1.pruned).toBeLessThan(ip1.total);
    await lab.waitChartPoints('Loss', 10);
    await lab.waitChartPoints('Accuracy and density', 10);
    await lab.waitChartPoints('Cuts and splices', 10);
    expect(await s.page.locator('[data-testid=receptive-fields]').count()).toBe(1);
    // Paused, the histograms catch up (one chart at a time), lines a and b on each of the three.
    const lines = s.page.locator(
      'section[aria-label="Weight magnitudes"] .recharts-reference-line',
    );
    await lab.waitFor(async () => (await lines.count()) === 6, 'a and b on three histograms');
    await shot(s.page, 'lab-default-1440');
  });

  it('steps with S, plays and pauses with Space, and resets with R', async () => {
    const at = await lab.step();
    await s.page.keyboard.press('s');
    await lab.waitFor(async () => (await lab.step()) === at + 1, 'one step');
    await s.page.keyboard.press(' ');
    await lab.waitStatus('running');
    await lab.waitFor(async () => (await lab.step()) > at + 5, 'training to go on');
    await s.page.keyboard.press(' ');
    await lab.waitStatus('paused');
    // Paused means paused: the step counter stays put.
    const paused = await lab.step();
    await s.page.waitForTimeout(600);
    expect(await lab.step()).toBe(paused);
    await s.page.keyboard.press('r');
    await lab.waitStatus('ready');
    expect(await lab.step()).toBe(0);
    expect(await lab.text('density')).toBe('100%');
  });

  it('shows a connection’s weight and history on hover', async () => {
    await s.page.keyboard.press('s');
    await s.page.keyboard.press('s');
    await lab.waitFor(async () => (await lab.step()) === 2, 'two steps');
    await s.page.locator('canvas[data-layer=ip1]').scrollIntoViewIfNeeded();
    const box = (await s.page.locator('canvas[data-layer=ip1]').boundingBox())!;
    await s.page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.4);
    const card = s.page.locator('[data-testid=hovercard]');
    await card.waitFor();
    await lab.waitFor(
      async () => /cut \d+×, spliced back \d+×/.test(await card.innerText()),
      'the history',
    );
    const text = await card.innerText();
    expect(text).toMatch(/^ip1: pixel \(row \d+, col \d+\) → unit \d+/);
    expect(text).toMatch(/w = −?\d/);
    expect(text).toMatch(/state: (alive|pruned|just cut|just spliced back)/);
    await s.page.mouse.move(5, 5);
    await card.waitFor({ state: 'detached' });
  });

  it('asks before a data change throws the run away', async () => {
    await s.page.selectOption('[data-testid=dataset-select]', 'b:iris');
    await s.page.locator('[role=alertdialog]').waitFor();
    await s.page.click('text=Keep training');
    expect(await s.page.inputValue('[data-testid=dataset-select]')).toBe('b:mnist');
    expect(await lab.step()).toBe(2);
  });

  it('says where the data comes from and under which licence', async () => {
    await s.page.click('[data-testid=about-data] > summary');
    const about = await lab.text('about-data');
    expect(about).toMatch(/MNIST handwritten digits — CC-BY-SA-3.0/);
    expect(about).toMatch(/Fashion-MNIST.*MIT/);
    await s.page.click('text=Full licence texts');
    await lab.waitFor(
      async () => /Creative Commons/i.test(await lab.text('about-data')),
      'the licence texts',
    );
    expect(s.problems).toEqual([]);
  });
});

describe('on a laptop screen', () => {
  it('stays readable at 1280×720', async () => {
    const laptop = await openBrowser({ width: 1280, height: 720 });
    try {
      const l = new Lab(laptop.page);
      await l.open(`${s.url}?backend=wasm&speed=20`);
      await l.waitStatus('ready');
      await laptop.page.click('[data-testid=play]');
      await l.waitFor(async () => (await l.step()) >= 30, '30 steps');
      // No horizontal scrolling, and the controls and the first heatmap fit the first screen.
      const fits = await laptop.page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth <= window.innerWidth,
        play: document.querySelector('[data-testid=play]')!.getBoundingClientRect().bottom < 720,
        heat: document.querySelector('canvas[data-layer=ip1]')!.getBoundingClientRect().top < 720,
      }));
      expect(fits).toEqual({ scroll: true, play: true, heat: true });
      await laptop.page.screenshot({
        path: 'test-results/screenshots/lab-laptop-1280-viewport.png',
      });
      await shot(laptop.page, 'lab-laptop-1280');
      expect(laptop.problems).toEqual([]);
    } finally {
      await laptop.close();
    }
  });
});
