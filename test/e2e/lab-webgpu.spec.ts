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

// WebGPU here is SwiftShader on the CPU (about a quarter of a second per MLP step): a 2-16-16-2
// MLP on the circle set, from scratch with c = 0.5 so the first cut leaves a working network.
describe('WebGPU', () => {
  it('trains on WebGPU when chosen: density falls, cuts are counted and drawn', async () => {
    await lab.open(`${s.url}?dataset=circle&start=scratch&c=0.5&backend=wasm&epochs=5`);
    await lab.waitStatus('ready');
    await s.page.selectOption('[data-testid=backend-select]', 'webgpu');
    await lab.waitFor(
      async () => (await lab.text('backend')) === 'webgpu',
      'the backend to read webgpu',
    );
    await lab.waitStatus('ready');
    expect(await lab.text('backend-reason')).toMatch(/You chose WebGPU; it passed the self-test/);
    expect(await lab.density()).toBe(100);

    await s.page.click('[data-testid=play]');
    await lab.waitFor(async () => (await lab.step()) >= 12, '12 steps on webgpu', 120_000);
    await s.page.click('[data-testid=play]'); // pause
    await lab.waitStatus('paused');

    expect(await lab.text('backend')).toBe('webgpu');
    expect(await lab.density()).toBeLessThan(100);
    expect(await lab.cuts()).toBeGreaterThan(0);
    // Cuts are drawn: "just cut" since the previous frame, or pruned once a later frame is shown.
    const drawn = async () => (await lab.heatmapPixels()).reduce((n, p) => n + p.pruned + p.cut, 0);
    await lab.waitFor(async () => (await drawn()) > 0, 'cuts on the heatmap', 20_000);
    // One more step: its frame shows the earlier cuts in the pruned colour.
    const at = await lab.step();
    await s.page.click('[data-testid=step-once]');
    await lab.waitFor(async () => (await lab.step()) === at + 1, 'one step');
    const pruned = async () => (await lab.heatmapPixels()).reduce((n, p) => n + p.pruned, 0);
    await lab.waitFor(async () => (await pruned()) > 0, 'pruned pixels on the heatmap', 20_000);
    const pixels = await lab.heatmapPixels();
    expect(pixels.map((p) => p.layer)).toEqual(['fc1', 'fc2', 'fc3']);
    expect(pixels[1]!.pruned).toBeGreaterThan(0);
    await lab.waitChartPoints('Loss', 2);
    await lab.waitChartPoints('Accuracy and density', 2);
    await shot(s.page, 'lab-webgpu');
    expect(s.problems).toEqual([]);
  });
});
