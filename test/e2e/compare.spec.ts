import { readFileSync } from 'node:fs';
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
  s = await openApp({ width: 1440, height: 900 });
  lab = new Lab(s.page);
  cmp = new ComparePage(s.page);
});
afterAll(() => s?.close());

// The columns `lab sweep` writes to its CSV (src/cli/sweepReport.ts).
const CSV_HEAD =
  'method,target,seed,sparsity,compression,testAccuracy,testError,denseTestAccuracy,accuracyDrop,epochsTrained,steps,msPerStep,totalSeconds,levels,c';

// Circle with the 16-16 MLP from its shipped dense checkpoint, on wasm: a run takes a second.
describe('compare mode (circle, MLP, wasm)', () => {
  it('plans methods × targets × seeds as the CLI does', async () => {
    await lab.open(`${s.url}?dataset=circle&backend=wasm&epochs=3`);
    await lab.waitStatus('ready');
    await cmp.tab('compare');
    await cmp.methods(['dns', 'imp', 'agp']);
    await s.page.fill('[data-testid=compare-targets]', '80, 90');
    await s.page.fill('[data-testid=compare-seeds]', '1, 2');
    await s.page.selectOption('[data-testid=compare-calibration]', 'first-cut');
    expect(await s.page.inputValue('[data-testid=compare-epochs]')).toBe('3');
    // DNS: one run per target and seed; IMP: one run per seed passes both targets; AGP: like DNS.
    const plan = await lab.text('compare-plan');
    expect(plan).toMatch(/10 runs/);
    expect(plan).toMatch(/DNS × 4/);
    expect(plan).toMatch(/IMP × 2 \(one run per seed passes every target as a level\)/);
    expect(plan).toMatch(/AGP × 4/);
    expect(await lab.text('compare-queue')).toBe('Queue 10 runs');
  });

  it('says which run the model cannot take before anything trains', async () => {
    // IMP leaves the output layer dense, which alone holds more than 10% of this tiny MLP.
    await s.page.click('[data-testid=compare-queue]');
    await lab.waitFor(async () => (await cmp.status()) === 'error', 'the check to fail', 30_000);
    expect(await lab.text('compare-progress')).toMatch(
      /Iterative magnitude pruning at 80%, 90%: .*sparsity 0.9 needs fewer weights .* than the spared layers hold/,
    );
    expect(await s.page.locator('[data-testid=compare-table]').count()).toBe(0);
    await s.page.fill('[data-testid=compare-targets]', '50, 80');
  });

  it('runs the queue in the worker with a progress bar, then draws curves and fills the table', async () => {
    await s.page.click('[data-testid=compare-queue]');
    await lab.waitFor(async () => (await cmp.status()) === 'running', 'the compare to start');
    // The progress bars move while the queue trains; the tab shows how many runs are done.
    const seen: number[] = [];
    const badges = new Set<string>();
    await lab.waitFor(
      async () => {
        const p = await cmp.progress();
        if (p.overall !== null) seen.push(p.overall);
        badges.add(await lab.text('tab-compare'));
        const st = await cmp.status();
        if (st === 'error') throw new Error(await lab.text('compare-progress'));
        return st === 'done';
      },
      'the compare to end',
      120_000,
    );
    expect(seen.some((v) => v > 0 && v < 1)).toBe(true);
    expect([...badges].some((b) => /^Compare methods · \d+\/10$/.test(b))).toBe(true);
    expect(await lab.text('compare-state')).toMatch(/Done: 10 runs in/);
    // IMP records each target it passes: 12 results from 10 runs.
    const rows = await cmp.rows();
    expect(rows).toHaveLength(12);
    const methods = rows.map((r) => r[0]!.replace(/ · .*/, ''));
    expect(methods.filter((m) => m === 'DNS')).toHaveLength(4);
    expect(methods.filter((m) => m === 'IMP')).toHaveLength(4);
    expect(methods.filter((m) => m === 'AGP')).toHaveLength(4);
    for (const r of rows) {
      expect(r[1]).toMatch(/^(50|80)\.0%$/); // target
      expect(r[3]).toMatch(/^\d+(\.\d)?%$/); // sparsity reached
      expect(r[4]).toMatch(/^\d+\.\d\d%$/); // test accuracy
      expect(r[5]).toMatch(/^[−+±]\d+\.\d\d$/); // change from the dense start
      expect(Number(r[6])).toBeGreaterThan(0); // epochs
      expect(r[7]).toMatch(/s/); // wall time
    }
    // IMP and AGP meet their targets (weights and biases) within a point.
    for (const r of rows.filter((x) => /^(IMP|AGP)/.test(x[0]!)))
      expect(Math.abs(parseFloat(r[3]!) - parseFloat(r[1]!))).toBeLessThan(1);
    // Each method is a curve: one mean point per target, with the seeds' range.
    await lab.waitFor(
      async () => Object.keys(await cmp.meanPoints()).length === 3,
      'three method curves',
    );
    const points = await cmp.meanPoints();
    for (const m of ['dns', 'imp', 'agp']) expect(points[m]?.all).toBe(2);
    expect(await cmp.frontCorners()).toBeGreaterThan(1);
    const chart = s.page.locator('section[aria-label="Accuracy vs sparsity"]');
    expect(await chart.locator('.recharts-errorBar').count()).toBeGreaterThan(0);
    expect(await chart.locator('.recharts-reference-line').count()).toBe(1); // the dense start
    expect(await chart.locator('.chart-legend').innerText()).toMatch(/DNS[\s\S]*IMP[\s\S]*AGP/);
    await shot(s.page, 'compare-done-1440');
    expect(s.problems).toEqual([]);
  });

  it('exports the results as the CLI writes them (JSON runs and its CSV)', async () => {
    const [json] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.click('[data-testid=export-json]'),
    ]);
    const doc = JSON.parse(readFileSync((await json.path())!, 'utf8')) as {
      runs: { config: { method: string; dataset: string }; target: number; density: number }[];
      command: string;
    };
    expect(doc.runs).toHaveLength(12);
    expect(new Set(doc.runs.map((r) => r.config.method))).toEqual(new Set(['dns', 'imp', 'agp']));
    expect(doc.runs.every((r) => r.config.dataset === 'circle')).toBe(true);
    expect(doc.command).toMatch(
      /^npm run lab -- sweep --dataset circle --model mlp --hidden 16,16 --methods dns,imp,agp --targets 0.5,0.8 --seeds 1,2 --epochs 3 /,
    );
    const [csv] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.click('[data-testid=export-csv]'),
    ]);
    const lines = readFileSync((await csv.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(CSV_HEAD);
    expect(lines).toHaveLength(13);
  });

  it('looks right on a laptop screen', async () => {
    await s.page.setViewportSize({ width: 1280, height: 720 });
    await s.page.waitForTimeout(300);
    await shot(s.page, 'compare-done-1280');
    await s.page.evaluate(() => window.scrollTo(0, 0));
    await s.page.screenshot({ path: 'test-results/screenshots/compare-done-1280-viewport.png' });
    // Nothing scrolls sideways, and the chart, the table and its columns fit the width.
    const layout = await s.page.evaluate(() => {
      const box = (sel: string) => {
        const el = document.querySelector(sel);
        const r = el?.getBoundingClientRect();
        return r ? { left: r.left, right: r.right, width: r.width, height: r.height } : null;
      };
      const table = document.querySelector('[data-testid=compare-table]');
      const cells = table ? [...table.querySelectorAll('th, td')] : [];
      return {
        pageWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        chart: box('section[aria-label="Accuracy vs sparsity"] svg.recharts-surface'),
        table: box('[data-testid=compare-table]'),
        tableScrolls: table ? table.scrollWidth > table.clientWidth + 1 : true,
        clippedCells: cells.filter((c) => c.scrollWidth > c.clientWidth + 1).length,
      };
    });
    expect(layout.pageWidth).toBeLessThanOrEqual(layout.viewport);
    for (const b of [layout.chart, layout.table]) {
      expect(b).not.toBeNull();
      expect(b!.left).toBeGreaterThanOrEqual(0);
      expect(b!.right).toBeLessThanOrEqual(layout.viewport);
    }
    expect(layout.chart!.width).toBeGreaterThan(300); // a chart, not a sliver
    expect(layout.chart!.height).toBeGreaterThan(200);
    expect(layout.tableScrolls).toBe(false);
    expect(layout.clippedCells).toBe(0);
    await s.page.setViewportSize({ width: 1440, height: 900 });
  });

  it('cancels between two steps and keeps the results so far', async () => {
    await cmp.methods(['oneshot', 'nm']);
    await s.page.fill('[data-testid=compare-seeds]', '3, 4, 5');
    await s.page.fill('[data-testid=compare-epochs]', '30');
    await s.page.click('[data-testid=compare-queue]');
    // Another budget is another setup: its first result replaces the earlier compare's.
    await lab.waitFor(
      async () => (await cmp.rows()).some((r) => r[0]!.startsWith('One-shot')),
      'the first result',
    );
    await shot(s.page, 'compare-running-1440');
    await s.page.click('[data-testid=compare-cancel]');
    await lab.waitFor(async () => (await cmp.status()) === 'cancelled', 'the cancel', 30_000);
    expect(await lab.text('compare-state')).toMatch(/Cancelled after \d of 9 runs/);
    const rows = await cmp.rows();
    expect(rows.length).toBeLessThan(9);
    expect(rows.every((r) => /^(One-shot|N:M)/.test(r[0]!))).toBe(true);
    // The live run is free again.
    await cmp.tab('live');
    expect(await s.page.isDisabled('[data-testid=play]')).toBe(false);
    expect(s.problems).toEqual([]);
  });
});
