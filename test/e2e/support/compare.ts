import type { Page } from 'playwright-core';

/** Page object of compare mode and the sensitivity view, by data-testid. */
export class ComparePage {
  constructor(readonly page: Page) {}

  async tab(name: 'live' | 'compare' | 'sensitivity'): Promise<void> {
    await this.page.click(`[data-testid=tab-${name}]`);
  }

  /** Ticks exactly these methods. */
  async methods(ids: readonly string[]): Promise<void> {
    for (const box of await this.page.locator('[data-testid^=compare-method-]').all()) {
      const id = ((await box.getAttribute('data-testid')) ?? '').replace('compare-method-', '');
      await box.setChecked(ids.includes(id));
    }
  }

  /** The compare's status as the store has it (null before one is queued). */
  status(): Promise<string | null> {
    return this.page.evaluate(
      () =>
        (
          window as unknown as { __lab: { state: () => { compare: { status: string } | null } } }
        ).__lab.state().compare?.status ?? null,
    );
  }

  /** Values of the two progress bars (this run, overall), null where not shown. */
  progress(): Promise<{ run: number | null; overall: number | null }> {
    return this.page.evaluate(() => {
      const v = (id: string) =>
        document.querySelector<HTMLProgressElement>(`[data-testid=${id}]`)?.value ?? null;
      return { run: v('compare-run-progress'), overall: v('compare-overall-progress') };
    });
  }

  /** The results table as text cells, one array per row. */
  rows(testId = 'compare-table'): Promise<string[][]> {
    return this.page.evaluate(
      (id) =>
        [...document.querySelectorAll(`[data-testid=${id}] tbody tr`)].map((tr) =>
          [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
        ),
      testId,
    );
  }

  /** Mean points drawn per method on the accuracy-vs-sparsity chart. */
  meanPoints(): Promise<Record<string, { all: number; onFront: number }>> {
    return this.page.evaluate(() => {
      const out: Record<string, { all: number; onFront: number }> = {};
      for (const g of document.querySelectorAll('.method-points')) {
        const m = [...g.classList].find((c) => c.startsWith('method-') && c !== 'method-points');
        if (!m) continue;
        out[m.slice('method-'.length)] = {
          all: g.querySelectorAll('.mean-dot').length,
          onFront: g.querySelectorAll('.mean-dot.on-front').length,
        };
      }
      return out;
    });
  }

  /** Corners of the Pareto front staircase (path commands), 0 when it is not drawn. */
  frontCorners(): Promise<number> {
    return this.page.evaluate(
      () =>
        (document.querySelector('.pareto-front path')?.getAttribute('d')?.match(/[LM]/g) ?? [])
          .length,
    );
  }
}
