import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support/app';
import type { App } from './support/app';
import { openBrowser, shot } from './support/browser';
import { Lab } from './support/lab';
import { FIXTURES, shotOf, UploadUi } from './support/upload';

let s: App;
let lab: Lab;
let up: UploadUi;

beforeAll(async () => {
  s = await openApp({ width: 1440, height: 900 });
  lab = new Lab(s.page);
  up = new UploadUi(s.page);
});
afterAll(() => s?.close());

/** A folder of class sub-folders on disk, for the folder picker (made from a fixture zip). */
function folderOnDisk(): string {
  const root = mkdtempSync(join(tmpdir(), 'pl-upload-'));
  for (const [path, bytes] of Object.entries(unzipSync(FIXTURES.mixedImages().buffer))) {
    mkdirSync(join(root, dirname(path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  return join(root, 'shapes');
}

describe('bring your own images', () => {
  it('previews the sample zip: classes, sample images per class, split and model', async () => {
    await lab.open(`${s.url}?dataset=circle&start=pretrain&backend=wasm&speed=20`);
    await lab.waitStatus('ready');
    await s.page.click('[data-testid=upload-example-images]');
    const text = await up.preview();
    expect(text).toMatch(/Images · 90 images · 3 classes · 28×28 grayscale/);
    expect(await s.page.innerText('[data-testid=upload-split]')).toMatch(
      /Train 54 · validation 18 · test 18/,
    );
    // wasm is no GPU backend: an MLP, not LeNet-5.
    expect(await s.page.innerText('[data-testid=upload-model]')).toMatch(
      /mlp-300-100 \(no GPU backend \(wasm\)/,
    );
    const pixels = await up.samplePixels();
    expect(pixels).toHaveLength(3);
    for (const n of pixels) expect(n).toBeGreaterThan(100);
    await shot(s.page, 'upload-preview-images-1440');
    await shotOf(s.page, 'section.upload-preview', 'upload-preview-images-card');
  });

  it('resizes and converts on request, and trains at that size', async () => {
    await s.page.selectOption('[data-testid=upload-size]', '16');
    await up.expectPreview(/16×16 grayscale/);
    await s.page.selectOption('[data-testid=upload-color]', 'rgb');
    await up.expectPreview(/16×16 RGB/);
    await s.page.selectOption('[data-testid=upload-color]', 'auto');
    await up.expectPreview(/16×16 grayscale/);
    await s.page.click('[data-testid=upload-train]');
    await lab.waitStatus('running');
    await lab.waitFor(async () => (await lab.step()) >= 20, '20 steps');
    await lab.waitChartPoints('Loss', 5);
    await lab.pauseOrDone();
    const layers = await lab.heatmapPixels();
    expect(layers[0]).toMatchObject({ layer: 'fc1', total: 256 * 110 });
    // Gray 16×16 input: each first-layer unit's weights are shown as a 16×16 tile.
    expect(await s.page.locator('[data-testid=receptive-fields]').count()).toBe(1);
    await shot(s.page, 'upload-images-training-1440');
    expect(s.problems).toEqual([]);
  });

  it('takes a folder of class folders, says what it resized and skipped, and trains on RGB', async () => {
    await s.page.locator('[data-testid=upload-folder-input]').setInputFiles(folderOnDisk());
    const text = await up.preview(/Your data: shapes/);
    expect(text).toMatch(/Your data: shapes/);
    expect(text).toMatch(/6 images · 2 classes · 28×28 RGB · 1 skipped/);
    const warnings = await up.warnings();
    expect(warnings).toMatch(/1 entry was skipped, not images: shapes\/notes\.txt/);
    expect(warnings).toMatch(/images come in 2 sizes \(12x12, 16x16\); all were resized to 28x28/);
    expect(warnings).toMatch(/images mix grayscale, RGB; all were converted to RGB/);
    await shotOf(s.page, 'section.upload-preview', 'upload-preview-folder-card');
    await s.page.click('[data-testid=upload-train]');
    // A run is in progress (paused at step > 0): the lab asks first, then trains.
    await s.page.locator('[role=alertdialog]').waitFor();
    expect(await s.page.innerText('[role=alertdialog]')).toMatch(
      /Training on shapes starts a new run/,
    );
    await s.page.click('[data-testid=confirm]');
    await lab.waitStatus(/running|done/);
    await lab.waitFor(async () => (await lab.step()) >= 5, '5 steps');
    // RGB input has no single-channel picture of a unit's weights: that view is left out.
    expect(await s.page.locator('[data-testid=receptive-fields]').count()).toBe(0);
    expect((await lab.heatmapPixels())[0]).toMatchObject({ total: 28 * 28 * 3 * 300 });
    expect(s.problems).toEqual([]);
  });

  it('takes a file dropped on the panel, or anywhere else on the page', async () => {
    const csv = (rows: number) =>
      'x,y,label\n' +
      Array.from({ length: rows }, (_, i) => `${(i * 7) % 11},${i % 5},${i % 3 ? 'a' : 'b'}`).join(
        '\n',
      );
    const drop = (selector: string, name: string, body: string) =>
      s.page.evaluate(
        ([sel, n, b]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([b!], n!, { type: 'text/csv' }));
          const at = document.querySelector(sel!)!;
          for (const type of ['dragover', 'drop'])
            at.dispatchEvent(
              new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }),
            );
        },
        [selector, name, body],
      );
    await drop('[data-testid=upload-panel]', 'dropped.csv', csv(30));
    await up.expectPreview(/Your data: dropped\.csv[\s\S]*30 rows · 2 classes · 2 features/);
    // Beside the panel the browser would open the file in place of the lab: it is an upload too.
    await drop('section[aria-label=Loss]', 'beside.csv', csv(24));
    await up.expectPreview(/Your data: beside\.csv[\s\S]*24 rows/);
    expect(await s.page.locator('h1').innerText()).toBe('Pruning Lab');
  });
});

describe('on a laptop screen', () => {
  it('shows the preview readably at 1280×720', async () => {
    const laptop = await openBrowser({ width: 1280, height: 720 });
    try {
      const l = new Lab(laptop.page);
      const u = new UploadUi(laptop.page);
      await l.open(`${s.url}?dataset=circle&backend=wasm`);
      await laptop.page.click('[data-testid=upload-example-digits]');
      await u.expectPreview(/1,797 rows · 10 classes · 61 features/);
      const fits = await laptop.page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth <= window.innerWidth,
        train:
          document.querySelector('[data-testid=upload-train]')!.getBoundingClientRect().right <=
          1280,
      }));
      expect(fits).toEqual({ scroll: true, train: true });
      await laptop.page.screenshot({
        path: 'test-results/screenshots/upload-laptop-1280-viewport.png',
      });
      await shot(laptop.page, 'upload-laptop-1280');
      await laptop.page.click('[data-testid=upload-example-images]');
      await u.expectPreview(/fashion-mnist-3class-sample\.zip[\s\S]*90 images/);
      await laptop.page.screenshot({
        path: 'test-results/screenshots/upload-laptop-1280-images.png',
      });
      expect(laptop.problems).toEqual([]);
    } finally {
      await laptop.close();
    }
  });
});
