import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from './support/app';
import type { App } from './support/app';
import { shot } from './support/browser';
import { Lab } from './support/lab';
import { FIXTURES, UploadUi } from './support/upload';

let s: App;
let lab: Lab;
const dialogs: string[] = [];

beforeAll(async () => {
  s = await openApp({ width: 1440, height: 900 });
  lab = new Lab(s.page);
  s.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});
afterAll(() => s?.close());

interface Seen {
  config: { source: unknown; method: string; seed: number; epochs: number; model: unknown };
  speed: number | null;
  openMode: string;
  hiddenControls: string[];
}

/** The settings the page's store holds (through its read-only hook). */
function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const st = (window as unknown as { __lab: { state: () => Seen } }).__lab.state();
    return {
      config: st.config,
      speed: st.speed,
      openMode: st.openMode,
      hiddenControls: [...st.hiddenControls],
    };
  });
}

const present = (page: Page, testId: string) => page.locator(`[data-testid=${testId}]`).count();

describe('links', () => {
  it('a hostile link opens: one notice names every dropped key, the rest applies', async () => {
    const script = '<script>alert(1)</script>';
    const img = '<img src=x onerror=alert(2)>';
    const hostile = [
      'dataset=circle',
      'backend=wasm',
      'method=agp',
      'target=1.5',
      'seed=7',
      'epochs=NaN',
      'hide=lr',
      `hidden=${Array(8).fill(4096).join(',')}`,
      `${encodeURIComponent(script)}=1`,
      `lesson=${encodeURIComponent(img)}`,
      `views=${'x'.repeat(3000)}`,
    ].join('&');
    await lab.open(`${s.url}?${hostile}`);
    const notice = s.page.locator('[data-testid=link-notice]');
    await notice.waitFor();
    const text = await notice.innerText();
    for (const key of ['target', 'epochs', 'hidden', script, 'lesson', 'views'])
      expect(text).toContain(key);
    expect(text).toMatch(/6 settings of this link were left out/);
    expect(text).toMatch(/parameters; a link allows at most 2 M/);
    // Rendered as text: no element came from the address, no alert ran, no dialog opened.
    expect(await s.page.locator('.link-notice script, .link-notice img').count()).toBe(0);
    expect(await s.page.locator('[role=dialog], dialog[open]').count()).toBe(0);
    const st = await seen(s.page);
    expect(st.config).toMatchObject({
      source: { kind: 'builtin', id: 'circle' },
      method: 'agp',
      seed: 7,
      epochs: 100,
      model: { id: 'mlp', hidden: [16, 16] },
    });
    expect(await present(s.page, 'lr')).toBe(0); // hide=lr applied
    expect(await s.page.locator('[data-testid=method-select]').inputValue()).toBe('agp');
    await lab.waitStatus('ready');
    await shot(s.page, 'links-hostile-notice');
    expect(dialogs).toEqual([]);
    expect(s.problems).toEqual([]);
  });

  it('Share builds a link; a new page opens it with the same settings and hidden controls', async () => {
    await lab.open(`${s.url}?dataset=circle&backend=wasm`);
    await lab.waitStatus('ready');
    await s.page.selectOption('[data-testid=method-select]', 'agp');
    await s.page.selectOption('[data-testid=speed]', { label: '5 steps/s' });
    await s.page.click('[data-testid=share]');
    await s.page.check('[data-testid=share-hide-method]');
    await s.page.check('[data-testid=share-hide-lr]');
    await s.page.check('[data-testid=share-open-step]');
    // A browser that refuses the clipboard: the link is selected in its field to copy by hand.
    await s.page.evaluate(() => {
      navigator.clipboard.writeText = () =>
        Promise.reject(new DOMException('no', 'NotAllowedError'));
    });
    const status = s.page.locator('[data-testid=share-status]');
    await s.page.click('[data-testid=share-copy]');
    await status.filter({ hasText: /Ctrl\+C/ }).waitFor();
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'share-url',
    );
    await shot(s.page, 'links-share-refused');
    await s.page.evaluate(() => {
      delete (navigator.clipboard as { writeText?: unknown }).writeText; // the prototype's again
    });
    await s.page.click('[data-testid=share-copy]');
    await status.filter({ hasText: 'Copied.' }).waitFor();
    await shot(s.page, 'links-share-panel');
    const url = await s.page.locator('[data-testid=share-url]').inputValue();
    expect(url).toMatch(/#dataset=circle&.*method=agp.*hide=method,lr.*open=step/);
    const before = await seen(s.page);

    const page = await s.context.newPage();
    try {
      const other = new Lab(page);
      await other.open(url);
      await other.waitStatus('ready');
      const after = await seen(page);
      expect(after.config).toEqual(before.config);
      expect(after.speed).toBe(5);
      expect(after.openMode).toBe('step');
      expect(after.hiddenControls).toEqual(['method', 'lr']);
      expect(await present(page, 'method-select')).toBe(0);
      expect(await present(page, 'lr')).toBe(0);
      expect(await present(page, 'dataset-select')).toBe(1);
      expect(await present(page, 'link-notice')).toBe(0);
      // Opened for stepping: paused at step 0 with the hint, and Step trains one batch.
      await page.locator('[data-testid=link-step-hint]').waitFor();
      expect(await other.step()).toBe(0);
      await page.click('[data-testid=step-once]');
      await other.waitFor(async () => (await other.step()) === 1, 'one step');
      expect(await other.status()).toBe('paused');
    } finally {
      await page.close();
    }
  });

  it('a link to an upload this browser lacks says so and opens on the default data', async () => {
    await lab.open(`${s.url}#upload=upload-gone-0badc0de&method=agp&epochs=3&backend=wasm`);
    const msg = s.page.locator('[data-testid=link-data-message]');
    await msg.waitFor();
    expect(await msg.innerText()).toMatch(
      /uploaded dataset \("upload-gone-0badc0de"\) that this browser does not have.*default data/,
    );
    const st = await seen(s.page);
    expect(st.config).toMatchObject({
      source: { kind: 'builtin', id: 'mnist' },
      method: 'agp',
      epochs: 3,
    });
    expect(await present(s.page, 'link-notice')).toBe(0);
    await shot(s.page, 'links-missing-upload');
  });

  it('a link to an upload this browser has opens on it', async () => {
    const up = new UploadUi(s.page);
    await lab.open(`${s.url}?dataset=circle&backend=wasm`);
    await lab.waitStatus('ready');
    await up.upload(FIXTURES.iris());
    await up.preview();
    await s.page.click('[data-testid=upload-train]');
    await lab.waitStatus('running');
    await s.page.click('[data-testid=play]');
    await lab.waitFor(async () => (await up.saved()).length === 1, 'the saved upload');
    await s.page.click('[data-testid=share]');
    const url = await s.page.locator('[data-testid=share-url]').inputValue();
    expect(url).toMatch(/#upload=upload-iris-[0-9a-f]{8}&/);
    const before = await seen(s.page);
    const page = await s.context.newPage();
    try {
      const other = new Lab(page);
      await other.open(url);
      await other.waitStatus('ready');
      expect((await seen(page)).config).toEqual(before.config);
      expect(await page.inputValue('[data-testid=dataset-select]')).toMatch(/^u:upload-iris-/);
      expect(await present(page, 'link-data-message')).toBe(0);
      expect(await present(page, 'link-notice')).toBe(0);
    } finally {
      await page.close();
    }
  });
});
