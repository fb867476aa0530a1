import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run); browsers are never downloaded here. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Where browser tests save screenshots to look at. */
export const SHOT_DIR = join(process.cwd(), 'test-results', 'screenshots');

/**
 * Flags from shared/notes/webgpu-headless.md: unsafe WebGPU gives a SwiftShader adapter here,
 * disable_workgroup_init speeds its shaders up, and the network-quiet flags stop background
 * fetches that the closed network would refuse.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--enable-dawn-features=disable_workgroup_init',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and WGSL/"Invalid" warnings seen so far (tests treat them as failures). */
  problems: string[];
  close(): Promise<void>;
}

/** Starts Chromium with a fresh profile and opens one page. */
export async function openBrowser(
  opts: { width?: number; height?: number } = {},
): Promise<Session> {
  mkdirSync(SHOT_DIR, { recursive: true });
  const userData = mkdtempSync(join(tmpdir(), 'pl-chromium-'));
  const context = await chromium.launchPersistentContext(userData, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error' || /WGSL|Invalid/.test(text)) problems.push(`${m.type()}: ${text}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return { context, page, problems, close: () => context.close() };
}

/**
 * Saves a full-page screenshot under test-results/screenshots, taken from the top of the page
 * (scrolled down, the sticky top bar would be drawn mid-page); the scroll is put back after.
 */
export async function shot(page: Page, name: string): Promise<string> {
  const path = join(SHOT_DIR, `${name}.png`);
  const y = await page.evaluate(() => window.scrollY);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
  await page.evaluate((to) => window.scrollTo(0, to), y);
  return path;
}
