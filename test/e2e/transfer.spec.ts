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

interface Lite {
  savedRuns:
    | {
        key: string;
        name: string;
        runConfig: { method: string };
        kept: number[];
        total: number[];
        checkpoint: unknown;
        result: unknown;
      }[]
    | null;
  snapshot: { step: number; layers: { kept: number; total: number }[] } | null;
  maskFromView: unknown;
}
const state = () =>
  s.page.evaluate(() => {
    const st = (window as unknown as { __lab: { state: () => Lite } }).__lab.state();
    return {
      saved: st.savedRuns ?? [],
      layers: st.snapshot?.layers.map((l) => [l.kept, l.total]) ?? [],
      step: st.snapshot?.step ?? -1,
      view: st.maskFromView !== null,
    };
  });

describe('mask transfer in the lab (toy data on wasm)', () => {
  it("trains a fixed-mask run under a saved run's masks, per-layer density exactly the source's", async () => {
    await lab.open(`${s.url}?dataset=circle&start=scratch&epochs=2&backend=wasm`);
    await lab.waitStatus('ready');
    await s.page.click('[data-testid=play]');
    await lab.waitStatus('done', 120_000);
    await lab.waitFor(
      async () => (await state()).saved.some((r) => r.checkpoint !== null && r.result !== null),
      'the finished run saved with its weights and masks',
    );
    const source = (await state()).saved.find((r) => r.result !== null)!;
    const want = source.kept.map((k, i) => [k, source.total[i]]);
    expect(want.some(([k, t]) => k! < t!)).toBe(true); // the source really pruned

    await s.page.click('[data-testid=tab-runs]');
    const row = s.page.locator(`[data-testid=saved-run][data-key="${source.key}"]`);
    await row.waitFor();
    await shot(s.page, 'transfer-runs-row');
    await row.locator('[data-testid=run-masks-dense]').click();
    await s.page.waitForSelector('[data-testid=masks-note]');
    expect(await lab.text('masks-note')).toMatch(/masks of .*dns.*kept fixed.*dense start/s);
    await lab.waitStatus('ready');
    await lab.waitFor(async () => (await state()).layers.length > 0, 'the first snapshot');
    expect((await state()).layers).toEqual(want);

    await s.page.click('[data-testid=play]');
    await lab.waitStatus('done', 120_000);
    expect((await state()).step).toBeGreaterThan(0);
    expect((await state()).layers).toEqual(want); // fixed: nothing cut, nothing regrown
    await lab.waitFor(async () => (await state()).view, 'the source masks read back');
    const overlaps = await s.page.locator('[data-testid=mask-overlap-value]').allInnerTexts();
    expect(overlaps.length).toBe(want.length);
    expect(overlaps.every((t) => t === '100%')).toBe(true);
    // The overlap maps agree everywhere: no pixel in the source-only or this-run-only colours.
    const differing = await s.page.locator('[data-testid=mask-overlap-map]').evaluateAll((cs) =>
      cs.map((c) => {
        const cv = c as HTMLCanvasElement;
        const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4)
          if ((d[i] === 213 && d[i + 1] === 94) || (d[i] === 0 && d[i + 1] === 114)) n++;
        return n;
      }),
    );
    expect(differing).toEqual(want.map(() => 0));
    // On the accuracy-vs-sparsity chart the run is the transfer arm it is, not its source's method.
    const labels = await s.page.evaluate(() =>
      (window as unknown as { __lab: { state: () => { sessionRuns: { label: string }[] } } }).__lab
        .state()
        .sessionRuns.map((r) => r.label),
    );
    expect(labels.some((l) => /^#\d+ fixedMask \(masks of .+, dense start\)/.test(l))).toBe(true);
    await shot(s.page, 'transfer-fixed-mask');
    // It is saved as what it trained: a fixed-mask run, named after its source.
    await lab.waitFor(
      async () =>
        (await state()).saved.some(
          (r) => r.runConfig.method === 'fixedMask' && /^fixed mask of .*dense start/.test(r.name),
        ),
      'the fixed-mask run saved',
    );

    // The fresh-init start: same masks, and the note says so.
    await s.page.click('[data-testid=tab-runs]');
    await row.locator('[data-testid=run-masks-fresh]').click();
    await lab.waitFor(
      async () => /fresh initialisation/.test(await lab.text('masks-note')),
      'the note on the fresh start',
    );
    await lab.waitStatus('ready');
    await lab.waitFor(async () => (await state()).step === 0, 'the new run');
    expect((await state()).layers).toEqual(want);
    expect(s.problems).toEqual([]);
  });
});
