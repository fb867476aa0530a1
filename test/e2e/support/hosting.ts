import type { Page } from 'playwright-core';
import type { Session } from './browser';
import { openBrowser } from './browser';
import { Lab } from './lab';
import { serveStatic } from './server';
import type { ServeOptions } from './server';

/**
 * One browser for a test file that serves the build several ways (headers, missing files), each
 * on its own port; CSP violations on the page are recorded as they happen.
 */
export interface HostedSession extends Session {
  /** Serves the build with `opts` (closing the previous server) and returns its address. */
  serve(opts: ServeOptions): Promise<string>;
}

export async function openHosted(): Promise<HostedSession> {
  const dist = process.env['E2E_DIST'] ?? 'dist';
  const s = await openBrowser();
  let stop: (() => Promise<void>) | null = null;
  // What the page's Content-Security-Policy refused (the meta tag in the build, or the header).
  await s.page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return {
    ...s,
    async serve(opts) {
      await stop?.();
      const server = await serveStatic(dist, opts);
      stop = server.close;
      return server.url;
    },
    async close() {
      await s.close();
      await stop?.();
    },
  };
}

/** What a hosting test checks, read through the page's read-only hook. */
export interface Seen {
  isolated: boolean;
  backend: string | null;
  threads: number | null;
  threadedBuild: boolean | null;
  step: number;
  losses: number[];
  violations: string[];
}

export function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __violations?: string[];
      __lab: {
        state: () => {
          run: { step: number; train: { loss: number }[] };
          backendReport: { backend: string; threads?: number; threadedBuild?: boolean } | null;
        };
      };
    };
    const st = w.__lab.state();
    return {
      isolated: window.crossOriginIsolated,
      backend: st.backendReport?.backend ?? null,
      threads: st.backendReport?.threads ?? null,
      threadedBuild: st.backendReport?.threadedBuild ?? null,
      step: st.run.step,
      losses: st.run.train.map((p) => p.loss),
      violations: [...(w.__violations ?? [])],
    };
  });
}

/** Opens `url`, waits for the run to be ready, trains at least `steps` steps and pauses. */
export async function trainSteps(page: Page, url: string, steps: number): Promise<Lab> {
  const lab = new Lab(page);
  await lab.open(url);
  await lab.waitStatus('ready', 120_000);
  await page.click('[data-testid=play]');
  await lab.waitFor(async () => (await lab.step()) >= steps, `${steps} steps`, 120_000);
  await page.click('[data-testid=play]');
  await lab.waitStatus('paused');
  return lab;
}
