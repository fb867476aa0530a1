import type { Page } from 'playwright-core';
import { CELL_COLOURS, hexToRgb } from '../../../src/charts/heatmap/palette';

/** Page object of the live lab, by data-testid. */
export class Lab {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.waitForSelector('[data-testid=play]');
  }

  text(testId: string): Promise<string> {
    return this.page.locator(`[data-testid=${testId}]`).first().innerText();
  }

  /** The run's status as the store has it (read through the page's read-only hook). */
  status(): Promise<string> {
    return this.page.evaluate(
      () =>
        (window as unknown as { __lab: { state: () => { run: { status: string } } } }).__lab.state()
          .run.status,
    );
  }

  async waitStatus(wanted: string | RegExp, timeoutMs = 60_000): Promise<void> {
    const t0 = Date.now();
    for (;;) {
      const st = await this.status();
      if (typeof wanted === 'string' ? st === wanted : wanted.test(st)) return;
      if (Date.now() - t0 > timeoutMs)
        throw new Error(`status stayed "${st}", wanted ${String(wanted)}: ${await this.notices()}`);
      await this.page.waitForTimeout(100);
    }
  }

  /**
   * Pauses a run that is still going. A short run on the wasm kernels (iris: 400 steps in well
   * under a second) may already be over, so "done" is as good as "paused" here.
   */
  async pauseOrDone(): Promise<void> {
    if ((await this.status()) === 'running') await this.page.click('[data-testid=play]');
    await this.waitStatus(/^(paused|done)$/);
  }

  notices(): Promise<string> {
    return this.page.locator('.notices').innerText();
  }

  async step(): Promise<number> {
    return Number((await this.text('step')).replace(/\D/g, ''));
  }

  /** Overall density shown, as a percentage ("3.7%" → 3.7). */
  async density(): Promise<number> {
    return parseFloat(await this.text('density'));
  }

  async cuts(): Promise<number> {
    return Number((await this.text('cuts')).replace(/\D/g, ''));
  }

  async waitFor(f: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
    const t0 = Date.now();
    while (!(await f())) {
      if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await this.page.waitForTimeout(100);
    }
  }

  /**
   * Pixels of each heatmap canvas by state colour: pruned, just cut, just spliced (exact colours
   * of the palette) and the rest (alive shades).
   */
  heatmapPixels(): Promise<
    { layer: string; pruned: number; cut: number; spliced: number; total: number }[]
  > {
    const colours = {
      pruned: hexToRgb(CELL_COLOURS.pruned),
      cut: hexToRgb(CELL_COLOURS.justCut),
      spliced: hexToRgb(CELL_COLOURS.justSpliced),
    };
    // No named helpers inside: tsx (the bench) would wrap them in a helper the page lacks.
    return this.page.evaluate((c) => {
      const out: { layer: string; pruned: number; cut: number; spliced: number; total: number }[] =
        [];
      for (const cv of document.querySelectorAll<HTMLCanvasElement>(
        'canvas[data-testid=heatmap]',
      )) {
        const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
        const n = { pruned: 0, cut: 0, spliced: 0 };
        for (let i = 0; i < d.length; i += 4)
          for (const k of ['pruned', 'cut', 'spliced'] as const)
            if (d[i] === c[k][0] && d[i + 1] === c[k][1] && d[i + 2] === c[k][2]) n[k]++;
        out.push({ layer: cv.dataset['layer'] ?? '?', ...n, total: d.length / 4 });
      }
      return out;
    }, colours);
  }

  /**
   * Scrolls a chart card into view and waits until some line of it draws more than `n` points
   * (charts in view refresh about once a second, each on its own beat; out of view they wait).
   */
  async waitChartPoints(cardTitle: string, n: number): Promise<void> {
    await this.page.locator(`section[aria-label="${cardTitle}"]`).scrollIntoViewIfNeeded();
    await this.waitFor(
      async () => Math.max(0, ...(await this.chartPoints(cardTitle))) > n,
      `more than ${n} points on "${cardTitle}"`,
      20_000,
    );
  }

  /** Points drawn by each line of a chart card (counted from the SVG path commands). */
  chartPoints(cardTitle: string): Promise<number[]> {
    return this.page.evaluate((title) => {
      const card = document.querySelector(`section[aria-label="${title}"]`);
      return [...(card?.querySelectorAll('path.recharts-curve') ?? [])].map(
        (p) => (p.getAttribute('d')?.match(/[LM]/g) ?? []).length,
      );
    }, cardTitle);
  }
}
