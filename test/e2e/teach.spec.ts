import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support/app';
import type { App } from './support/app';
import { shot } from './support/browser';
import { Lab } from './support/lab';

let s: App;
let lab: Lab;

beforeAll(async () => {
  s = await openApp({ width: 1440, height: 900 });
  lab = new Lab(s.page);
});
afterAll(() => s?.close());

const picture = () =>
  s.page
    .locator('[data-testid=decision-boundary] canvas')
    .evaluate((c) => (c as HTMLCanvasElement).toDataURL());

describe('the decision boundary of a 2-D toy set', () => {
  it('draws the dense start, then changes after DNS cuts', async () => {
    await lab.open(`${s.url}?dataset=circle&model=mlp&method=dns&backend=wasm`);
    await lab.waitStatus('ready');
    await s.page.waitForSelector('[data-testid=decision-boundary] canvas');
    const label = await s.page
      .locator('[data-testid=decision-boundary] canvas')
      .getAttribute('aria-label');
    expect(label).toMatch(/of the plane/);
    // The shipped dense MLP separates the circle: most points shown sit on their own class.
    const agreeDense = Number(
      await s.page.locator('[data-testid=decision-boundary]').getAttribute('data-agree'),
    );
    expect(agreeDense).toBeGreaterThan(0.8);
    const before = await picture();
    await s.page.click('[data-testid=play]');
    await lab.waitFor(async () => (await lab.cuts()) > 0, 'the first cut', 30_000);
    await s.page.keyboard.press('Space');
    await lab.waitStatus('paused');
    await lab.waitFor(async () => (await picture()) !== before, 'the boundary to move', 20_000);
    await shot(s.page, 'boundary-circle');
    expect(s.problems).toEqual([]);
  });

  it('is not shown for image data', async () => {
    await lab.open(`${s.url}?dataset=digits&backend=wasm`);
    await lab.waitStatus('ready');
    expect(await s.page.locator('[data-testid=decision-boundary]').count()).toBe(0);
  });
});

describe('step mode', () => {
  it('explains the first DNS step: its cuts per layer are exactly what the layer lost', async () => {
    await lab.open(`${s.url}?dataset=circle&model=mlp&method=dns&backend=wasm`);
    await lab.waitStatus('ready');
    await s.page.click('[data-testid=step-once]');
    await s.page.waitForSelector('[data-testid=step-explain]');
    await lab.waitFor(
      async () =>
        (await s.page.locator('[data-testid=step-layer]').first().innerText()).includes('a = '),
      'the thresholds of step 1',
    );
    const lines = await s.page.locator('[data-testid=step-layer]').allInnerTexts();
    const bars = await s.page.locator('.layers .bar-text').allInnerTexts();
    expect(lines).toHaveLength(bars.length);
    lines.forEach((line, k) => {
      const m = /^(\w+): ([\d,]+) cut, ([\d,]+) spliced back \(a = [\d.e-]+, b = [\d.e-]+\)$/.exec(
        line,
      );
      expect(m, line).not.toBeNull();
      const [kept, total] = bars[k]!.split('·')[1]!
        .split('/')
        .map((t) => Number(t.replace(/\D/g, '')));
      // From the dense start nothing is pruned yet, so the first step splices nothing back and
      // cuts exactly what the layer no longer keeps.
      expect(Number(m![3]!.replace(/,/g, ''))).toBe(0);
      expect(Number(m![2]!.replace(/,/g, ''))).toBe(total! - kept!);
    });
    expect(await lab.text('step-method')).toBe(
      'masks updated with probability 1.00 = (1 + γt)^−power at t = 0; this step: fc1, fc2, fc3',
    );
    await shot(s.page, 'step-explain');
  });
});

describe('the glossary', () => {
  it('explains a chart title on hover and a setting on keyboard focus', async () => {
    const tip = s.page.locator('section[aria-label="Weight magnitudes"] h2 .term-tip');
    expect(await tip.isVisible()).toBe(false);
    await s.page.hover('section[aria-label="Weight magnitudes"] h2 .term');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.innerText()).toMatch(/hysteresis/);
    const cTerm = s.page.locator('.setting .term', { hasText: 'c (crate)' }).first();
    await cTerm.focus();
    expect(await cTerm.locator('.term-tip').isVisible()).toBe(true);
    expect(await cTerm.locator('.term-tip').innerText()).toMatch(/a = 0\.9·thr/);
    await shot(s.page, 'glossary');
  });
});

type Config = {
  method: string;
  seed: number;
  epochs: number;
  methodConfig: Record<string, unknown>;
};
const state = () =>
  s.page.evaluate(() => {
    const st = (
      window as unknown as {
        __lab: { state: () => { config: unknown; tab: string; hiddenControls: string[] } };
      }
    ).__lab.state();
    return { config: st.config as Config, tab: st.tab, hidden: st.hiddenControls };
  });

describe('lessons', () => {
  const LESSONS = ['dns-paper', 'splicing', 'lottery', 'two-four', 'tiny-network'];

  it('opens every shipped lesson from the menu with its settings, hidden controls and text', async () => {
    await lab.open(`${s.url}?dataset=circle&backend=wasm`);
    for (const id of LESSONS) {
      const file = (await (await fetch(`${s.url}lessons/${id}.json`)).json()) as {
        title: string;
        question: string;
        setup: { method: string; epochs: number; hide?: string[]; tab?: string };
      };
      await s.page.click('[data-testid=lessons]');
      await s.page.click(`[data-testid=lesson-${id}]`);
      await lab.waitFor(
        async () =>
          (await s.page.locator('[data-testid=lesson-panel] h2').innerText()).includes(file.title),
        `lesson ${id} to open`,
      );
      expect(await lab.text('lesson-question')).toBe(file.question);
      // The setup applies after the panel opens; the page's own dataset (circle) already uses DNS,
      // so the method alone does not show that the lesson's settings are in.
      await lab.waitFor(async () => {
        const c = (await state()).config;
        return c.method === file.setup.method && c.epochs === file.setup.epochs;
      }, `${id}'s method and epochs`);
      const st = await state();
      expect(st.tab).toBe(file.setup.tab ?? 'live');
      expect([...st.hidden].sort()).toEqual([...(file.setup.hide ?? [])].sort());
      if (file.setup.hide?.includes('dataset'))
        expect(await s.page.locator('[data-testid=dataset-select]').count()).toBe(0);
      if (id === 'splicing')
        expect(
          await s.page.evaluate(
            () =>
              (
                window as unknown as { __lab: { state: () => { compareForm: unknown } } }
              ).__lab.state().compareForm,
          ),
        ).toMatchObject({ methods: ['dns', 'oneshot'], targets: [0.98], seeds: [1] });
    }
    await shot(s.page, 'lesson-open');
    expect(s.problems).toEqual([]);
  });

  it('opens a lesson named in a link, with the link’s own keys on top', async () => {
    await lab.open(`${s.url}?lesson=tiny-network&seed=5`);
    await s.page.waitForSelector('[data-testid=lesson-panel]');
    await lab.waitFor(async () => (await state()).config.seed === 5, 'the link’s seed');
    const st = await state();
    expect(st.config.method).toBe('dns');
    expect(st.config.methodConfig).toMatchObject({ c: 1 });
  });

  it('opens a teacher’s own lesson file and refuses a broken one, changing nothing', async () => {
    const own = {
      format: 'pruning-lab-lesson',
      version: 1,
      id: 'my-xor',
      title: 'XOR with structured pruning',
      summary: 'Whole units go.',
      setup: { dataset: 'xor', model: 'mlp', method: 'structured', epochs: 12, hide: ['method'] },
      watch: 'Whole rows vanish.',
      try: 'Raise the target.',
      question: 'Which units survive?',
    };
    await s.page.click('[data-testid=lessons]');
    await s.page.setInputFiles('[data-testid=lesson-file-input]', {
      name: 'my-xor.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(own)),
    });
    await lab.waitFor(async () => (await state()).config.method === 'structured', 'the own lesson');
    expect(await lab.text('lesson-question')).toBe('Which units survive?');
    const before = await state();
    await s.page.click('[data-testid=lessons]');
    await s.page.setInputFiles('[data-testid=lesson-file-input]', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "pruning-lab-lesson", "version": 1, "id": "x"'),
    });
    await s.page.waitForSelector('[data-testid=link-data-message]');
    expect(await lab.text('link-data-message')).toMatch(
      /broken\.json is not JSON\. Nothing was changed\./,
    );
    expect((await state()).config).toEqual(before.config);
    expect(await lab.text('lesson-question')).toBe('Which units survive?');
  });

  it('opens a lesson file dropped on the page', async () => {
    const own = {
      format: 'pruning-lab-lesson',
      version: 1,
      id: 'dropped',
      title: 'A dropped lesson',
      summary: 'Dropped on the page.',
      setup: { dataset: 'gaussians', model: 'mlp', method: 'oneshot', epochs: 7 },
      watch: 'w',
      try: 't',
      question: 'Did the drop work?',
    };
    await s.page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    }, JSON.stringify(own));
    await lab.waitFor(
      async () => (await state()).config.method === 'oneshot',
      'the dropped lesson',
    );
    expect(await lab.text('lesson-question')).toBe('Did the drop work?');
    expect((await state()).config.epochs).toBe(7);
  });
});
