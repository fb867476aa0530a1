import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support/app';
import type { App } from './support/app';
import { shot } from './support/browser';
import { Lab } from './support/lab';
import { FIXTURES, shotOf, UploadUi } from './support/upload';

let s: App;
let lab: Lab;
let up: UploadUi;
/** Every request the page and its workers made: uploads must never leave the browser. */
const requests: string[] = [];

beforeAll(async () => {
  s = await openApp({ width: 1440, height: 900 });
  s.page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  lab = new Lab(s.page);
  up = new UploadUi(s.page);
});
afterAll(() => s?.close());

const datasetValue = () => s.page.inputValue('[data-testid=dataset-select]');

// A CSV through the file input, the preview, training on it; then broken files that must leave
// the run alone; then a reload that finds the upload saved, and its deletion. Wasm throughout.
describe('bring your own CSV', () => {
  it('shows a preview of the uploaded CSV', async () => {
    await lab.open(`${s.url}?dataset=circle&start=pretrain&pretrain=5&backend=wasm&speed=20`);
    await lab.waitStatus('ready');
    await up.upload(FIXTURES.iris());
    const text = await up.preview();
    expect(text).toMatch(/Your data: iris\.csv/);
    expect(text).toMatch(/150 rows · 3 classes · 4 features/);
    expect(await s.page.locator('[data-testid=upload-classes] li').allInnerTexts()).toEqual([
      expect.stringMatching(/^setosa\s+50/),
      expect.stringMatching(/^versicolor\s+50/),
      expect.stringMatching(/^virginica\s+50/),
    ]);
    const rows = s.page.locator('[data-testid=upload-columns] tbody tr');
    expect(await rows.count()).toBe(5);
    expect(await rows.nth(2).locator('td').first().innerText()).toBe('petal_length_cm');
    expect(await rows.nth(2).locator('td').nth(2).innerText()).toMatch(/^1 … 6\.9 \(mean /);
    expect(await rows.nth(4).locator('td').nth(1).innerText()).toBe('label');
    expect(await s.page.innerText('[data-testid=upload-split]')).toMatch(
      /Train 90 · validation 30 · test 30/,
    );
    expect(await s.page.innerText('[data-testid=upload-model]')).toMatch(/mlp-16-16/);
    expect(await s.page.innerText('[data-testid=upload-plan]')).toMatch(/dense pre-train/);
    // The circle run is still there, untouched.
    expect(await datasetValue()).toBe('b:circle');
    await shot(s.page, 'upload-preview-csv-1440');
    await shotOf(s.page, 'section.upload-preview', 'upload-preview-csv-card');
    await shotOf(s.page, '[data-testid=upload-panel]', 'upload-panel');
  });

  it('parses again with another label column, and says what is wrong with it', async () => {
    await s.page.selectOption('[data-testid=upload-label-column]', 'petal_width_cm');
    await up.expectError(/iris\.csv: class "[\d.]+" has only 1 example\(s\) \(row \d+\)/);
    await shot(s.page, 'upload-label-error-1440');
    await s.page.selectOption('[data-testid=upload-label-column]', 'species');
    await up.expectPreview(/150 rows · 3 classes/);
    expect(await s.page.locator('[data-testid=upload-error]').count()).toBe(0);
  });

  it('trains on it: a dense pre-train, then the method, and the charts move', async () => {
    await s.page.click('[data-testid=upload-train]');
    await lab.waitStatus('running');
    expect(await datasetValue()).toMatch(/^u:upload-iris-/);
    expect(await s.page.locator('[data-testid=upload-preview]').count()).toBe(0);
    await lab.waitFor(async () => (await lab.step()) >= 40, '40 steps');
    await lab.waitChartPoints('Loss', 5);
    await lab.waitChartPoints('Accuracy and density', 5);
    await lab.pauseOrDone();
    const pixels = await lab.heatmapPixels();
    expect(pixels.map((p) => [p.layer, p.total])).toEqual([
      ['fc1', 4 * 16],
      ['fc2', 16 * 16],
      ['fc3', 16 * 3],
    ]);
    expect(await s.page.locator('[data-testid=receptive-fields]').count()).toBe(0);
    expect(s.problems).toEqual([]);
  });

  it('refuses broken files with a message, and the run and charts stay as they were', async () => {
    // Charts redraw on their own beat, about once a second: let them catch up with the pause.
    let loss: number[] = [];
    await lab.waitFor(async () => {
      const now = await lab.chartPoints('Loss');
      const same = JSON.stringify(now) === JSON.stringify(loss);
      loss = now;
      if (!same) await s.page.waitForTimeout(1500);
      return same;
    }, 'the charts to settle');
    const before = {
      dataset: await datasetValue(),
      step: await lab.step(),
      loss: await lab.chartPoints('Loss'),
      status: await lab.status(),
    };
    const cases = [
      [
        FIXTURES.ragged(),
        /ragged\.csv: 1 row\(s\) do not have 3 fields like the first row \(row 3 has 2\)/,
      ],
      [FIXTURES.empty(), /empty\.csv is empty\. Pick a file with a header row and data rows\./],
      [FIXTURES.traversal(), /escape\.zip has no images in class folders/],
      [FIXTURES.corruptPng(), /corrupt\.zip: class "cat" has only 0 example\(s\)/],
    ] as const;
    for (const [file, message] of cases) {
      await up.upload(file);
      await up.expectError(message);
      const alerts = await s.page.locator('section.upload-preview [role=alert]').allInnerTexts();
      expect(alerts.join('\n')).toMatch(message);
      if (file.name === 'escape.zip') {
        expect(await up.warnings()).toMatch(/paths leave the archive.*\.\.\/evil\/1\.png/s);
        await shot(s.page, 'upload-error-zip-1440');
        await shotOf(s.page, 'section.upload-preview', 'upload-error-zip-card');
      }
      if (file.name === 'corrupt.zip')
        expect(await up.warnings()).toMatch(/could not be decoded: cat\/1\.png, cat\/2\.png/);
    }
    expect(await s.page.isDisabled('[data-testid=upload-train]')).toBe(true);
    expect({
      dataset: await datasetValue(),
      step: await lab.step(),
      loss: await lab.chartPoints('Loss'),
      status: await lab.status(),
    }).toEqual(before);
    await s.page.click('[data-testid=upload-discard]');
    expect(await s.page.locator('[data-testid=upload-preview]').count()).toBe(0);
    expect(s.problems).toEqual([]);
  });

  it('keeps the upload in this browser: listed after a reload, and deleted on request', async () => {
    await lab.open(`${s.url}?dataset=circle&backend=wasm`);
    await lab.waitFor(async () => (await up.saved()).length === 1, 'the saved upload');
    expect(await up.saved()).toEqual(['iris.csv']);
    await s.page.click('[data-testid=saved-open]');
    await up.expectPreview(/150 rows · 3 classes · 4 features/);
    await shot(s.page, 'upload-reloaded-1440');
    await s.page.click('[data-testid=upload-discard]');
    await s.page.click('[data-testid=saved-delete]');
    await s.page.click('[data-testid=saved-delete-confirm]');
    await lab.waitFor(async () => (await up.saved()).length === 0, 'the deletion');
    await lab.open(`${s.url}?dataset=circle&backend=wasm`);
    await lab.waitStatus(/ready|needsStart/);
    expect(await up.saved()).toEqual([]);
    // Nothing was sent anywhere: only GETs of the app's own files.
    const foreign = requests.filter((r) => !r.startsWith(`GET ${s.url}`));
    expect(foreign).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
