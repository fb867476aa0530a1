import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { grayPng, rgbPng } from '../../core/data/upload/helpers';
import { SHOT_DIR } from './browser';

/** A file for `setInputFiles`, made in the test (no binary fixtures in the repository). */
export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

const text = (name: string, body: string, mimeType = 'text/csv'): FilePayload => ({
  name,
  mimeType,
  buffer: Buffer.from(body, 'utf8'),
});
const zip = (name: string, entries: Record<string, Uint8Array>): FilePayload => ({
  name,
  mimeType: 'application/zip',
  buffer: Buffer.from(zipSync(entries)),
});

/** The sample files the app ships, and broken ones for the error paths. */
export const FIXTURES = {
  iris: (): FilePayload => ({
    name: 'iris.csv',
    mimeType: 'text/csv',
    buffer: readFileSync(join('public', 'datasets', 'csv', 'iris.csv')),
  }),
  ragged: () => text('ragged.csv', 'a,b,label\n1,2,x\n3,y\n5,6,x\n7,8,y\n9,10,x\n11,12,y\n'),
  empty: () => text('empty.csv', ''),
  /** Every entry leaves the archive (`../`, absolute): nothing is left to train on. */
  traversal: () =>
    zip('escape.zip', {
      '../evil/1.png': grayPng(8, 8),
      '../evil/2.png': grayPng(8, 8),
      '/abs/cat/3.png': grayPng(8, 8),
    }),
  /** The "cat" images have a PNG signature and garbage after it: the class ends up empty. */
  corruptPng: () => {
    const bad = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);
    return zip('corrupt.zip', {
      'cat/1.png': bad,
      'cat/2.png': bad,
      'dog/1.png': grayPng(8, 8),
      'dog/2.png': grayPng(8, 8, (x) => x * 30),
    });
  },
  /** Two classes in mixed sizes and channels (resized and converted, and said so). */
  mixedImages: () =>
    zip('shapes.zip', {
      'shapes/circle/a.png': grayPng(12, 12, (x, y) =>
        (x - 6) ** 2 + (y - 6) ** 2 < 20 ? 255 : 0,
      ),
      'shapes/circle/b.png': grayPng(16, 16, (x, y) =>
        (x - 8) ** 2 + (y - 8) ** 2 < 30 ? 255 : 0,
      ),
      'shapes/circle/c.png': grayPng(12, 12, (x, y) =>
        (x - 5) ** 2 + (y - 6) ** 2 < 16 ? 255 : 0,
      ),
      'shapes/bar/a.png': rgbPng(12, 12),
      'shapes/bar/b.png': grayPng(12, 12, (x) => (x > 4 && x < 8 ? 255 : 0)),
      'shapes/bar/c.png': grayPng(12, 12, (x) => (x > 5 && x < 9 ? 255 : 0)),
      'shapes/notes.txt': new TextEncoder().encode('not an image'),
    }),
};

/** Page object of the upload panel and preview, by data-testid. */
export class UploadUi {
  constructor(readonly page: Page) {}

  private tid(id: string) {
    return this.page.locator(`[data-testid=${id}]`);
  }

  async upload(file: FilePayload): Promise<void> {
    await this.tid('upload-input').setInputFiles(file);
  }

  /**
   * Waits for the preview to finish parsing (and, given `until`, to say so: a parse started by the
   * last action may not have shown its progress yet); resolves to its text.
   */
  async preview(until?: RegExp): Promise<string> {
    const t0 = Date.now();
    for (;;) {
      await this.tid('upload-preview').waitFor();
      await this.page.waitForFunction(
        () => !document.querySelector('[data-testid=upload-progress]'),
        undefined,
        { timeout: 30_000 },
      );
      const text = await this.page.locator('section.upload-preview').innerText();
      if (!until || until.test(text) || Date.now() - t0 > 30_000) return text;
      await this.page.waitForTimeout(100);
    }
  }

  /** Waits until the preview says what `re` matches (or 30 s pass), then checks it. */
  async expectPreview(re: RegExp): Promise<void> {
    expect(await this.preview(re)).toMatch(re);
  }

  /** Waits for the parse error (the preview's red `role=alert`) to say what `re` matches. */
  async expectError(re: RegExp): Promise<void> {
    await this.preview();
    const error = this.tid('upload-error');
    await error.waitFor({ timeout: 30_000 });
    const t0 = Date.now();
    while (!re.test(await error.innerText()) && Date.now() - t0 < 30_000)
      await this.page.waitForTimeout(100);
    expect(await error.innerText()).toMatch(re);
  }

  warnings(): Promise<string> {
    return this.tid('upload-warnings').innerText();
  }

  /** Saved uploads listed under "Your datasets". */
  async saved(): Promise<string[]> {
    if ((await this.tid('saved-uploads').count()) === 0) return [];
    return this.page.locator('[data-testid=saved-upload] .saved-name').allInnerTexts();
  }

  /** Non-background pixels drawn in each class's sample strip. */
  samplePixels(): Promise<number[]> {
    return this.page.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLCanvasElement>('canvas[data-testid=upload-sample-strip]'),
      ].map((cv) => {
        const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i]! < 250 || d[i + 1]! < 250) n++;
        return n;
      }),
    );
  }
}

/** Saves a screenshot of one element (the preview card, say) to look at closely. */
export async function shotOf(page: Page, selector: string, name: string): Promise<void> {
  await page
    .locator(selector)
    .first()
    .screenshot({ path: join(SHOT_DIR, `${name}.png`) });
}
