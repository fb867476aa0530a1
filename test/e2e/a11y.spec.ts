import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support/app';
import type { App } from './support/app';
import { shot, SHOT_DIR } from './support/browser';
import { Lab } from './support/lab';

/** axe-core, evaluated over CDP (the app's CSP rightly forbids an inline script tag). */
const AXE = readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');
const TOY = '?dataset=circle&model=mlp&method=dns&backend=wasm&speed=20';
const TABS = ['live', 'compare', 'sensitivity', 'report', 'runs'] as const;

/** axe's serious and critical violations on the page as it is now, one line per element. */
async function serious(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = {
      id: string;
      impact: string;
      nodes: { target: string[]; failureSummary: string }[];
    };
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Result[] }> } }).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}: ${n.failureSummary}`));
  });
}

/** Pairs of top-bar parts (and headline numbers) that overlap: a crowded bar draws text over text. */
function topBarOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parts = [
      ...document.querySelectorAll<HTMLElement>('.topbar > *, .topbar .stats > div'),
    ].filter((e) => e.getClientRects().length > 0);
    const out: string[] = [];
    for (let i = 0; i < parts.length; i++)
      for (let j = i + 1; j < parts.length; j++) {
        const [a, b] = [parts[i]!, parts[j]!];
        if (a.contains(b) || b.contains(a)) continue;
        const r = a.getBoundingClientRect();
        const q = b.getBoundingClientRect();
        const overlap =
          r.left < q.right - 1 &&
          q.left < r.right - 1 &&
          r.top < q.bottom - 1 &&
          q.top < r.bottom - 1;
        if (overlap) out.push(`${a.className} / ${b.className}`);
      }
    return out;
  });
}

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset['theme']);

let s: App;
let lab: Lab;
beforeAll(async () => {
  s = await openApp({ width: 1440, height: 900 });
  lab = new Lab(s.page);
});
afterAll(() => s?.close());

describe('accessibility', () => {
  it('axe finds no serious or critical violation in either theme, idle and training', async () => {
    await lab.open(`${s.url}${TOY}`);
    await lab.waitStatus(/ready|paused/);
    expect(await theme(s.page)).toBe('light'); // headless Chromium prefers light
    const found: string[] = [];
    for (const name of ['light', 'dark']) {
      if ((await theme(s.page)) !== name) await s.page.click('[data-testid=theme-toggle]');
      expect(await theme(s.page)).toBe(name);
      await s.page.screenshot({ path: join(SHOT_DIR, `a11y-${name}-1440.png`) });
      expect(await topBarOverlaps(s.page)).toEqual([]);
      for (const tab of TABS) {
        await s.page.click(`[data-testid=tab-${tab}]`);
        await s.page.waitForTimeout(200);
        found.push(...(await serious(s.page)).map((v) => `${name} ${tab}: ${v}`));
      }
      await s.page.click('[data-testid=tab-live]');
      // Training (20 steps/s), with the Share and Lessons panels open over the live run.
      await s.page.click('[data-testid=play]');
      await lab.waitFor(async () => (await lab.step()) > 10, 'training steps');
      await s.page.click('[data-testid=share]');
      await s.page.click('[data-testid=lessons]');
      await s.page.waitForSelector('.lessons-panel');
      found.push(...(await serious(s.page)).map((v) => `${name} training, panels open: ${v}`));
      await shot(s.page, `a11y-${name}-training`);
      await s.page.keyboard.press('Escape');
      await s.page.click('[data-testid=share]');
      await s.page.click('[data-testid=reset]');
      await lab.waitStatus(/ready|paused/);
    }
    expect(found).toEqual([]);
    // The choice is remembered; with none remembered the page follows the system's scheme.
    await s.page.reload();
    await s.page.waitForSelector('[data-testid=play]');
    expect(await theme(s.page)).toBe('dark');
    await s.page.evaluate(() => localStorage.clear());
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await s.page.reload();
    await s.page.waitForSelector('[data-testid=play]');
    expect(await theme(s.page)).toBe('dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => theme(s.page)).toBe('light');
    expect(s.problems).toEqual([]);
  });

  it('projector mode fits 1280×720 and 960×540 without horizontal overflow', async () => {
    await s.page.setViewportSize({ width: 1280, height: 720 });
    await lab.open(`${s.url}${TOY}`);
    await lab.waitStatus(/ready|paused/);
    await s.page.keyboard.press('p');
    await s.page.waitForSelector('html[data-projector]');
    const layout = () =>
      s.page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        controls: document.querySelector('.controls')?.getBoundingClientRect().width ?? 0,
        heatmap: document.querySelector('.span-heat')?.getBoundingClientRect().width ?? 0,
        chart: document.querySelector('.card-accuracy')?.getBoundingClientRect().width ?? 0,
        others: [...document.querySelectorAll('.views > .card')].filter(
          (e) => e.getBoundingClientRect().width > 0,
        ).length,
      }));
    const wide = await layout();
    expect(wide).toMatchObject({ overflow: 0, controls: 0, others: 2 });
    expect(wide.heatmap + wide.chart).toBeGreaterThan(1100);
    await shot(s.page, 'a11y-projector-1280');
    await s.page.click('[data-testid=theme-toggle]');
    await shot(s.page, 'a11y-projector-1280-dark');
    await s.page.setViewportSize({ width: 960, height: 540 }); // 200% zoom of 1920×1080
    await s.page.waitForTimeout(200);
    expect((await layout()).overflow).toBe(0);
    await shot(s.page, 'a11y-projector-960');
    await s.page.click('[data-testid=projector-toggle]');
    expect(await s.page.$('html[data-projector]')).toBeNull();
    await s.page.setViewportSize({ width: 1440, height: 900 });
  });

  it('Tab reaches every control, each with a visible focus ring', async () => {
    await s.page.setViewportSize({ width: 1280, height: 720 });
    await lab.open(`${s.url}${TOY}`);
    await lab.waitStatus(/ready|paused/);
    await s.page.screenshot({ path: join(SHOT_DIR, 'a11y-topbar-1280.png') });
    expect(await topBarOverlaps(s.page)).toEqual([]);
    // Every control a keyboard user should reach, tagged so the walk can tick them off.
    const total = await s.page.evaluate(() => {
      const all = document.querySelectorAll<HTMLElement>(
        'button, select, input, textarea, a[href], summary, [tabindex]:not([tabindex="-1"])',
      );
      let n = 0;
      const groups = new Set<string>();
      for (const e of all) {
        const hidden =
          !e.checkVisibility({ visibilityProperty: true }) || (e as HTMLInputElement).disabled;
        if (hidden || e.tabIndex < 0) continue;
        // A radio group is one Tab stop (arrow keys move within it).
        const radio = e instanceof HTMLInputElement && e.type === 'radio' ? e.name : '';
        e.dataset['a11y'] = radio ? `radio:${radio}` : String(n++);
        if (radio && !groups.has(radio)) groups.add(radio);
      }
      return n + groups.size;
    });
    expect(total).toBeGreaterThan(20);
    const reached = new Set<string>();
    const noRing: string[] = [];
    await s.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < total + 10 && reached.size < total; i++) {
      await s.page.keyboard.press('Tab');
      const f = await s.page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        if (!e || e === document.body) return null;
        const st = getComputedStyle(e);
        const ring = st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2;
        return {
          id: e.dataset['a11y'] ?? '',
          what: `${e.tagName} ${e.textContent?.slice(0, 30) ?? ''}`,
          ring,
        };
      });
      if (!f) continue;
      if (f.id) reached.add(f.id);
      if (!f.ring) noRing.push(f.what);
    }
    const missed = await s.page.evaluate(
      (got) =>
        [...document.querySelectorAll<HTMLElement>('[data-a11y]')]
          .filter((e) => !got.includes(e.dataset['a11y']!))
          .map((e) => e.outerHTML.slice(0, 160)),
      [...reached],
    );
    expect(missed).toEqual([]);
    expect(noRing).toEqual([]);
  });
});
