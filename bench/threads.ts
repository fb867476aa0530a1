/**
 * WASM threads vs one thread in the live lab (issue 9), measured in headless Chromium on the built
 * app: the default preset (LeNet-300-100, MNIST, DNS) on the wasm backend, on a page served with
 * COOP/COEP (cross-origin isolated: tfjs runs its threaded SIMD build) and on one served without
 * (its single-thread SIMD build), alternating so both see the same machine load.
 *   npm run bench:threads                 (builds first; add -- --no-build to reuse dist/)
 * Flags: --seconds N (training window per page, default 20), --runs N (pairs, default 2),
 * --dist DIR (default dist), --cores N: make the training worker report N logical cores. tfjs
 * computes on half the logical cores (at most 8), so a 2-core machine gets one thread even on the
 * threaded build; `--cores 4` lets it use 2 threads here, to see what threads do.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { openBrowser } from '../test/e2e/support/browser';
import { serveStatic } from '../test/e2e/support/server';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    runs: { type: 'string', default: '2' },
    dist: { type: 'string', default: 'dist' },
    'no-build': { type: 'boolean', default: false },
    cores: { type: 'string' },
  },
});
const cores = flags.cores ? Number(flags.cores) : null;
const seconds = Number(flags.seconds);

interface Probe {
  step: number;
  status: string;
  isolated: boolean;
  report: { backend: string; reason: string; threads?: number; threadedBuild?: boolean } | null;
}

/** The lab's state through the page's read-only hook (no named helpers inside: tsx). */
function probe(page: Page): Promise<Probe> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __lab: { state: () => { run: { step: number; status: string }; backendReport: never } };
    };
    const s = w.__lab.state();
    return {
      step: s.run.step,
      status: s.run.status,
      isolated: window.crossOriginIsolated,
      report: s.backendReport,
    };
  });
}

async function waitFor(page: Page, f: (p: Probe) => boolean, timeoutMs: number): Promise<Probe> {
  const t0 = Date.now();
  for (;;) {
    const p = await probe(page);
    if (f(p)) return p;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out: status ${p.status}`);
    await page.waitForTimeout(50);
  }
}

interface Result {
  stepsPerSecond: number;
  isolated: boolean;
  threads: number | undefined;
  threadedBuild: boolean | undefined;
}

/** Steps per second of the default preset on wasm, after 20 warm-up steps. */
async function measure(isolated: boolean): Promise<Result> {
  const server = await serveStatic(flags.dist!, { crossOriginIsolated: isolated });
  const s = await openBrowser();
  try {
    if (cores)
      // The training worker is a module script: a first statement that overrides what it reads.
      await s.context.route(/training\.worker-[^/]*\.js$/, async (route) => {
        const res = await route.fetch();
        const body = `Object.defineProperty(WorkerNavigator.prototype, 'hardwareConcurrency', { get: () => ${cores} });\n${await res.text()}`;
        await route.fulfill({ response: res, body });
      });
    await s.page.goto(`${server.url}?backend=wasm`);
    const ready = await waitFor(s.page, (p) => p.status === 'ready', 120_000);
    if (ready.report?.backend !== 'wasm') throw new Error(`not on wasm: ${ready.report?.reason}`);
    await s.page.click('[data-testid=play]');
    await waitFor(s.page, (p) => p.step >= 20, 60_000);
    await s.page.waitForTimeout(1000);
    const a = await probe(s.page);
    const t0 = Date.now();
    await s.page.waitForTimeout(seconds * 1000);
    const b = await probe(s.page);
    const wall = (Date.now() - t0) / 1000;
    return {
      stepsPerSecond: (b.step - a.step) / wall,
      isolated: b.isolated,
      threads: b.report?.threads,
      threadedBuild: b.report?.threadedBuild,
    };
  } finally {
    await s.close();
    await server.close();
  }
}

if (!flags['no-build']) execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
const results: Record<'threads' | 'single', Result[]> = { threads: [], single: [] };
for (let i = 0; i < Number(flags.runs); i++) {
  for (const isolated of [true, false]) {
    const r = await measure(isolated);
    results[isolated ? 'threads' : 'single'].push(r);
    console.log(
      `run ${i + 1}, ${isolated ? 'COOP/COEP' : 'no headers'}: ${r.stepsPerSecond.toFixed(1)} steps/s (crossOriginIsolated ${r.isolated}, ${r.threadedBuild ? 'threaded' : 'single-thread'} build, ${r.threads ?? '?'} compute thread${r.threads === 1 ? '' : 's'})`,
    );
  }
}
const range = (rs: Result[]) => {
  const v = rs.map((r) => r.stepsPerSecond).sort((p, q) => p - q);
  return `${v[0]!.toFixed(1)}–${v[v.length - 1]!.toFixed(1)} steps/s`;
};
console.log(
  `\n${availableParallelism()} logical cores here${cores ? `; the training worker was told ${cores}` : ''}`,
);
console.log(`with COOP/COEP (threaded build): ${range(results.threads)}`);
console.log(`without (single-thread build):   ${range(results.single)}`);
