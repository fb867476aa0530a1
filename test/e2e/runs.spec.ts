import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import * as ort from 'onnxruntime-node';
import type { Download } from 'playwright-core';
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

interface SavedLite {
  key: string;
  checkpoint: { step: number } | null;
  result: unknown;
}
const savedRuns = () =>
  s.page.evaluate(
    () =>
      (
        window as unknown as { __lab: { state: () => { savedRuns: SavedLite[] | null } } }
      ).__lab.state().savedRuns ?? [],
  );

/** Clicks `selector` and returns the bytes and name of the download it starts. */
async function download(selector: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [dl] = (await Promise.all([
    s.page.waitForEvent('download', { timeout: 30_000 }).catch(async (e: Error) => {
      const said = await s.page.locator('[data-testid=runs-message]').allInnerTexts();
      throw new Error(`${e.message} (${selector}; ${said.join(' ') || 'no message'})`);
    }),
    s.page.locator(selector).first().click(),
  ])) as [Download, void];
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

let runFile: Uint8Array;
let configFile: Uint8Array;

describe('saved runs (toy data on wasm)', () => {
  it('saves a run as it trains, finds it after a reload and reopens it with its views', async () => {
    await lab.open(`${s.url}?dataset=circle&start=scratch&epochs=3&backend=wasm`);
    await lab.waitStatus('ready');
    await s.page.click('[data-testid=play]');
    await lab.waitStatus('done', 120_000);
    // Weights and masks are written at the end of the run.
    await lab.waitFor(
      async () => (await savedRuns()).some((r) => r.checkpoint !== null && r.result !== null),
      'the finished run saved with its weights',
    );

    await s.page.reload();
    await s.page.waitForSelector('[data-testid=play]');
    await s.page.click('[data-testid=tab-runs]');
    const row = s.page.locator('[data-testid=saved-run]').first();
    await row.waitFor();
    expect(await row.innerText()).toMatch(/dns · mlp-16-16 · circle/);
    expect(await row.innerText()).toMatch(/finished/);
    await shot(s.page, 'runs-list');

    await row.locator('[data-testid=run-open]').click();
    await s.page.waitForSelector('[data-testid=viewing-saved]');
    await lab.waitFor(
      () =>
        s.page.evaluate(() => {
          const st = (
            window as unknown as {
              __lab: { state: () => { snapshot: unknown; run: { train: unknown[] } } };
            }
          ).__lab.state();
          return st.snapshot !== null && st.run.train.length > 10;
        }),
      'the saved curves and heatmaps',
    );
    expect(await lab.text('result')).toMatch(/test accuracy/);
    await shot(s.page, 'runs-reopened');
  });

  it('exports the run on screen in every format from the lab menu', async () => {
    await s.page.click('[data-testid=export-menu] > summary');
    await s.page.waitForSelector('[data-testid=export-onnx]');
    await shot(s.page, 'runs-export-menu');

    const onnxFile = await download('[data-testid=export-onnx]');
    expect(onnxFile.name).toMatch(/\.onnx$/);
    const { onnx } = (await import('onnx-proto')).default;
    const model = onnx.ModelProto.decode(onnxFile.bytes);
    expect(model.graph?.initializer?.length).toBeGreaterThan(0);
    const session = await ort.InferenceSession.create(onnxFile.bytes);
    try {
      const x = new ort.Tensor('float32', new Float32Array([0.1, -0.2, 0.5, 0.5]), [2, 2]);
      const out = await session.run({ [session.inputNames[0]!]: x });
      expect(out[session.outputNames[0]!]!.dims).toEqual([2, 2]);
    } finally {
      await session.release();
    }

    const npy = await download('[data-testid=export-npy]');
    const arrays = unzipSync(npy.bytes);
    const names = Object.keys(arrays);
    expect(names.some((n) => n.endsWith('.weight_mask.npy'))).toBe(true);
    for (const n of names.filter((x) => x.endsWith('.npy'))) {
      const b = arrays[n]!;
      expect([...b.subarray(0, 6)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY
      expect(strFromU8(b.subarray(10, 10 + b[8]! + 256 * b[9]!))).toMatch(/'descr': '<f4'/);
    }

    const tfjsZip = await download('[data-testid=export-tfjs]');
    const tfjsFiles = unzipSync(tfjsZip.bytes);
    const jsonName = Object.keys(tfjsFiles).find((n) => n.endsWith('.json'))!;
    const binName = Object.keys(tfjsFiles).find((n) => n.endsWith('.bin'))!;
    const mj = JSON.parse(strFromU8(tfjsFiles[jsonName]!)) as {
      modelTopology: object;
      weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
    };
    const bin = tfjsFiles[binName]!;
    await tf.setBackend('cpu');
    const m = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: mj.modelTopology,
        weightSpecs: mj.weightsManifest[0]!.weights,
        weightData: bin.slice().buffer,
      }),
    );
    const y = m.predict(tf.zeros([1, 2])) as tf.Tensor;
    expect(y.shape).toEqual([1, 2]);

    const csv = await download('[data-testid=export-csv]');
    const csvText = csv.name.endsWith('.zip')
      ? strFromU8(Object.values(unzipSync(csv.bytes))[0]!)
      : strFromU8(csv.bytes);
    expect(csvText.split('\n')[0]).toMatch(/step/);
    const config = await download('[data-testid=export-config]');
    expect(JSON.parse(strFromU8(config.bytes)).config.dataset).toBe('circle');
    configFile = config.bytes;

    const rf = await download('[data-testid=export-runfile]');
    runFile = rf.bytes;
    expect(
      Object.keys(unzipSync(rf.bytes))
        .sort()
        .map((n) => n.split('.').pop()),
    ).toEqual(['ckpt', 'json']);

    const svg = await download('[data-testid^=chart-svg-]');
    expect(strFromU8(svg.bytes)).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // A heatmap canvas as drawn, and an SVG chart rendered to PNG.
    for (const kind of ['canvas', 'svg']) {
      const png = await download(`[data-kind=${kind}] [data-testid^=chart-png-]`);
      expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    }
    expect(s.problems).toEqual([]);
  });

  it('imports a good run file as a saved run; a broken one gets a message and changes nothing', async () => {
    await s.page.click('[data-testid=tab-runs]');
    const rows = s.page.locator('[data-testid=saved-run]');
    const before = await rows.count();
    await s.page.setInputFiles('[data-testid=run-import-input]', {
      name: 'good-run.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(runFile),
    });
    await lab.waitFor(async () => (await rows.count()) === before + 1, 'the imported run');
    expect(await lab.text('runs-message')).toMatch(/Imported good-run\.zip/);

    // The same run with its checkpoint cut short: named, and nothing is added.
    const files = unzipSync(runFile);
    const ckptName = Object.keys(files).find((n) => n.endsWith('.ckpt'))!;
    const broken = zipSync({ ...files, [ckptName]: files[ckptName]!.subarray(0, 200) });
    await s.page.setInputFiles('[data-testid=run-import-input]', {
      name: 'broken-run.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(broken),
    });
    await lab.waitFor(
      async () => /broken-run\.zip: .*truncated/.test(await lab.text('runs-message')),
      'the message about the broken file',
    );
    expect(await rows.count()).toBe(before + 1);
    await shot(s.page, 'runs-import-broken');

    // An exported config alone opens as a saved run with settings and no weights.
    await s.page.setInputFiles('[data-testid=run-import-input]', {
      name: 'exported.config.json',
      mimeType: 'application/json',
      buffer: Buffer.from(configFile),
    });
    await lab.waitFor(async () => (await rows.count()) === before + 2, 'the imported config');
    expect(await rows.first().innerText()).toMatch(/config: dns · mlp-16-16 · circle/);
    expect(await rows.first().locator('[data-testid=run-settings]').count()).toBe(1);
    await shot(s.page, 'runs-list-imports');
    // Delete asks once more, then the run is gone.
    await rows.first().locator('[data-testid=run-delete]').click();
    await rows.first().locator('[data-testid=run-delete-confirm]').click();
    await lab.waitFor(async () => (await rows.count()) === before + 1, 'the deleted config');
  });

  it('continues a saved run from its weights and masks, and says what restarts', async () => {
    const original = s.page.locator('[data-testid=saved-run]').last();
    await original.locator('[data-testid=run-continue]').click();
    await s.page.waitForSelector('[data-testid=continued-note]');
    expect(await lab.text('continued-note')).toMatch(/optimizer and the method.s state/);
    await lab.waitStatus('ready');
    expect(await lab.step()).toBe(0);
    expect(await lab.density()).toBeCloseTo(26.6, 0); // the saved masks, not a dense start
    await s.page.click('[data-testid=play]');
    await lab.waitStatus('done', 120_000);
  });

  it('keeps the settings and metrics of a run whose tab closed while it trained', async () => {
    await lab.open(`${s.url}?dataset=circle&start=scratch&epochs=3&backend=wasm&speed=10`);
    await lab.waitStatus('ready');
    await s.page.click('[data-testid=play]');
    await lab.waitFor(async () => (await lab.step()) >= 15, 'fifteen steps');
    await s.page.waitForTimeout(1500); // metrics reach IndexedDB in batches, about once a second
    await s.page.reload();
    await s.page.waitForSelector('[data-testid=play]');
    await s.page.click('[data-testid=tab-runs]');
    const row = s.page.locator('[data-testid=saved-run]').first();
    await row.waitFor();
    expect(await row.innerText()).toMatch(/stopped \(tab closed\)/);
    const steps = Number((await row.locator('td.num').first().innerText()).replace(/\D/g, ''));
    expect(steps).toBeGreaterThanOrEqual(10);
  });

  it('goes on in memory, with a message, where IndexedDB is missing', async () => {
    await s.context.addInitScript(() =>
      Object.defineProperty(window, 'indexedDB', { value: undefined }),
    );
    await lab.open(`${s.url}?dataset=circle&start=scratch&epochs=2&backend=wasm`);
    await s.page.waitForSelector('[data-testid=runs-storage-live]');
    expect(await lab.text('runs-storage-live')).toMatch(/cannot be saved in this browser/);
    await lab.waitStatus('ready');
    await s.page.click('[data-testid=play]');
    await lab.waitStatus('done', 120_000);
    // The run on screen still exports (from memory).
    await s.page.click('[data-testid=export-menu] > summary');
    const cfg = await download('[data-testid=export-config]');
    expect(JSON.parse(strFromU8(cfg.bytes)).config.epochs).toBe(2);
    expect(s.problems).toEqual([]);
  });
});
