import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/core/report/types';
import { openApp } from './support/app';
import type { App } from './support/app';
import { shot, SHOT_DIR } from './support/browser';
import { Lab } from './support/lab';

let s: App;
let lab: Lab;

beforeAll(async () => {
  s = await openApp();
  lab = new Lab(s.page);
});
afterAll(() => s?.close());

/** The number at a dotted path (keys may hold dashes). */
function at(v: unknown, path: string): unknown {
  for (const k of path.split('.')) v = (v as Record<string, unknown> | null)?.[k];
  return v;
}

/** The figures table's rows: path, pruned and dense values as the page renders them. */
const figureRows = () =>
  s.page.$$eval('[data-testid=report-figures] tr[data-path]', (trs) =>
    trs.map((tr) => ({
      path: tr.getAttribute('data-path')!,
      pruned: tr.getAttribute('data-pruned')!,
      dense: tr.getAttribute('data-dense')!,
    })),
  );

let liveReport: RunReport | null = null;

describe('the Report view (toy data on wasm)', () => {
  it('reports the run once it ends, and its figures equal the report JSON', async () => {
    await lab.open(`${s.url}?dataset=circle&epochs=2&backend=wasm`);
    await lab.waitStatus('ready');
    await s.page.click('[data-testid=play]');
    await lab.waitStatus('done', 120_000);
    await s.page.click('[data-testid=tab-report]');
    await s.page.waitForSelector('[data-testid=report-figures]', { timeout: 60_000 });
    const [dl] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.click('[data-testid=report-download]'),
    ]);
    const report = JSON.parse(readFileSync((await dl.path())!, 'utf8')) as RunReport;
    liveReport = report;
    expect(report.format).toBe('pruning-lab-report');
    expect(report.model).toBe('mlp-16-16');
    expect(report.dataset).toBe('circle');
    const rows = await s.page.$$eval('[data-testid=report-figures] tr[data-path]', (trs) =>
      trs.map((tr) => ({
        path: tr.getAttribute('data-path')!,
        pruned: tr.getAttribute('data-pruned')!,
        dense: tr.getAttribute('data-dense')!,
      })),
    );
    expect(rows.length).toBeGreaterThanOrEqual(14);
    for (const r of rows) {
      expect(Number(r.pruned), r.path).toBe(at(report.pruned, r.path));
      expect(Number(r.dense), r.path).toBe(at(report.dense, r.path));
    }
    // the shipped mlp-16-16 circle start has 354 parameters; DNS keeps fewer
    expect(report.dense!.compute.params).toBe(354);
    expect(report.pruned.compute.nonZeros).toBeLessThan(354);
    expect(report.pruned.loader.every((l) => l.agreement === 1)).toBe(true);
    expect(await s.page.locator('section[aria-label="Reliability diagram"]').count()).toBe(1);
    await shot(s.page, 'report-basic');
  });

  it('full report: accuracy under corruption and latency, timings stated', async () => {
    await s.page.click('[data-testid=report-full]');
    await s.page.waitForSelector('[data-testid=report-latency]', { timeout: 120_000 });
    const chart = s.page.locator('section[aria-label="Accuracy under corruption"]');
    expect(await chart.locator('.chart-legend').innerText()).toMatch(/noise[\s\S]*missing/);
    expect(await s.page.locator('[data-testid=report-latency] tbody tr').count()).toBe(6);
    expect(await lab.text('report-notes')).toMatch(/batch 1 on wasm: [\s\S]*batch 64 on wasm: /);
    await shot(s.page, 'report-full');
    expect(s.problems).toEqual([]);
  });

  it('the trade-off chart switches its x-axis (live runs keep sparsity and compression)', async () => {
    await s.page.click('[data-testid=tab-live]');
    const chart = s.page.locator('section[aria-label="Accuracy vs sparsity"]');
    await s.page.click('[data-testid=x-axis-compression]');
    expect(await chart.locator('.recharts-wrapper').first().textContent()).toMatch(
      /×compression \(parameters/,
    );
    expect(await chart.locator('.live-end .recharts-scatter-symbol').count()).toBe(1);
    await s.page.click('[data-testid=x-axis-bytes]');
    expect(await chart.locator('.recharts-wrapper').first().textContent()).toMatch(
      /bytes: CSR int8/,
    );
    expect(await chart.locator('.live-end .recharts-scatter-symbol').count()).toBe(0);
    await chart.screenshot({ path: `${SHOT_DIR}/report-x-axis-bytes.png` });
    await s.page.click('[data-testid=x-axis-sparsity]');
  });

  it("a saved run's Report: computed from its saved weights, figures equal its report JSON", async () => {
    await s.page.click('[data-testid=tab-runs]');
    const row = s.page.locator('[data-testid=saved-run]', { hasText: 'finished' }).first();
    await row.locator('[data-testid=run-report]').click({ timeout: 30_000 });
    await s.page.waitForSelector('[data-testid=report-saved]');
    await s.page.waitForSelector('[data-testid=report-figures]', { timeout: 60_000 });
    expect(await lab.text('report-saved')).toMatch(/computed from its saved weights and masks/);
    const [dl] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.click('[data-testid=report-download]'),
    ]);
    const report = JSON.parse(readFileSync((await dl.path())!, 'utf8')) as RunReport;
    const rows = await figureRows();
    expect(rows.length).toBeGreaterThanOrEqual(14);
    for (const r of rows) {
      expect(Number(r.pruned), r.path).toBe(at(report.pruned, r.path));
      expect(Number(r.dense), r.path).toBe(at(report.dense, r.path));
    }
    // weights saved at the end of the run: the live report's pruned figures; the shipped start beside
    expect(report.pruned.compute).toEqual(liveReport!.pruned.compute);
    expect(report.pruned.calibration).toEqual(liveReport!.pruned.calibration);
    expect(report.dense!.compute.params).toBe(354);
    expect(report.notes.join(' ')).toMatch(/shipped checkpoint mlp-16-16-circle\.ckpt/);
    await shot(s.page, 'report-saved-run');
    expect(s.problems).toEqual([]);
  });
});
