/**
 * Browser figures of the live lab (issue 3), measured in headless Chromium on the built app:
 *   npm run bench:ui                 (builds first; add -- --no-build to reuse dist/)
 * Prints: Play-to-first-cut, steps per second in the app vs the CLI on the same backend,
 * snapshots per second reaching the heatmap and heatmap draw time, main-thread long tasks
 * (> 50 ms) while training, and the CPU each Chromium thread used. Flags: --backend
 * wasm|webgl|webgpu|cpu (default wasm), --seconds N (training window, default 30), --query "…"
 * (extra URL settings), --no-cli (skip the CLI comparison), --runs N (Play-to-first-cut repeats,
 * default 3). The CLI comparison runs the CLI's own path (runExperiment, MNIST, DNS, 0.2 epochs)
 * in this process, so its CPU time per step is known as well as its wall time.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { BackendName } from '../src/core/backend';
import { openBrowser } from '../test/e2e/support/browser';
import { serveStatic } from '../test/e2e/support/server';
import { cliStepCost } from './uiCli';
import { chromiumThreadTimes, threadShares } from './uiThreads';

const { values: flags } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    seconds: { type: 'string', default: '30' },
    query: { type: 'string', default: '' },
    'no-cli': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    // A build folder of your own (vite build --outDir dist-x); with it nothing is built.
    dist: { type: 'string', default: 'dist' },
  },
});
const backend = flags.backend! as BackendName;
const seconds = Number(flags.seconds);

interface LabProbe {
  step: number;
  status: string;
  cuts: number;
  draws: { frames: number; totalMs: number; maxMs: number; snapshots: number };
  longTasks: number[];
  /** Long animation frames (> 50 ms) with where their time went, for attribution. */
  frames: string[];
  backend: string | null;
}

/** Reads the lab's numbers through the page's read-only hook (no named helpers inside: tsx). */
function probe(page: Page): Promise<LabProbe> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __lab: {
        drawStats: LabProbe['draws'];
        state: () => {
          run: { step: number; status: string; cuts: number };
          backendReport: { backend: string } | null;
        };
      };
      __longTasks?: number[];
      __longFrames?: string[];
    };
    const s = w.__lab.state();
    return {
      step: s.run.step,
      status: s.run.status,
      cuts: s.run.cuts,
      draws: { ...w.__lab.drawStats },
      longTasks: [...(w.__longTasks ?? [])],
      frames: [...(w.__longFrames ?? [])],
      backend: s.backendReport?.backend ?? null,
    };
  });
}

async function waitFor(page: Page, f: (p: LabProbe) => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!f(await probe(page))) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out waiting for the lab');
    await page.waitForTimeout(25);
  }
}

/** From the Play click until a heatmap frame has drawn the first cut (in the page's clock). */
async function playToFirstCut(url: string): Promise<{ ms: number; readyMs: number }> {
  const s = await openBrowser();
  try {
    const t0 = Date.now();
    await s.page.goto(url);
    await waitFor(s.page, (p) => p.status === 'ready', 120_000);
    const readyMs = Date.now() - t0;
    const drawsBefore = (await probe(s.page)).draws.snapshots;
    const clicked = await s.page.evaluate(() => {
      const at = performance.now();
      (document.querySelector('[data-testid=play]') as HTMLButtonElement).click();
      return at;
    });
    // Visible once the snapshot of a step with cuts has been drawn (the step-0 frame is not it).
    await waitFor(
      s.page,
      (p) => p.cuts > 0 && p.step > 0 && p.draws.snapshots > drawsBefore,
      60_000,
    );
    const drawnAt = await s.page.evaluate(() => performance.now());
    return { ms: drawnAt - clicked, readyMs };
  } finally {
    await s.close();
  }
}

if (!flags['no-build'] && flags.dist === 'dist')
  execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
const server = await serveStatic(flags.dist!);
const url = `${server.url}?backend=${backend}${flags.query ? `&${flags.query}` : ''}`;
try {
  const firstCuts: number[] = [];
  for (let i = 0; i < Number(flags.runs); i++) {
    const r = await playToFirstCut(url);
    firstCuts.push(r.ms);
    console.log(
      `run ${i + 1}: ready ${(r.readyMs / 1000).toFixed(1)} s after opening; Play to first cut drawn ${(r.ms / 1000).toFixed(2)} s`,
    );
  }

  const s = await openBrowser();
  await s.page.addInitScript(() => {
    const tasks: number[] = [];
    const starts: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
    (window as unknown as { __longTaskStarts: number[] }).__longTaskStarts = starts;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        tasks.push(e.duration);
        starts.push(e.startTime);
      }
    }).observe({ type: 'longtask', buffered: true });
    // Long animation frames say which scripts, and how much layout, a long frame spent its time on.
    const frames: string[] = [];
    (window as unknown as { __longFrames: string[] }).__longFrames = frames;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as {
        duration: number;
        startTime: number;
        renderStart: number;
        styleAndLayoutStart: number;
        scripts: { invoker: string; sourceFunctionName: string; duration: number }[];
      }[]) {
        const scripts = [...e.scripts]
          .sort((x, y) => y.duration - x.duration)
          .slice(0, 3)
          .map((x) => `${x.invoker || x.sourceFunctionName || '?'} ${Math.round(x.duration)} ms`);
        const end = e.startTime + e.duration;
        const layout = e.styleAndLayoutStart > 0 ? Math.round(end - e.styleAndLayoutStart) : 0;
        const render = e.renderStart > 0 ? Math.round(end - e.renderStart) : 0;
        frames.push(
          `${Math.round(e.duration)} ms at ${(e.startTime / 1000).toFixed(1)} s: ${scripts.join('; ') || 'no script'}; render ${render} ms, style+layout ${layout} ms`,
        );
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
  await s.page.goto(url);
  await waitFor(s.page, (p) => p.status === 'ready', 120_000);
  const playAt = await s.page.evaluate(() => {
    (document.querySelector('[data-testid=play]') as HTMLButtonElement).click();
    return performance.now();
  });
  await waitFor(s.page, (p) => p.step >= 20, 60_000);
  await s.page.waitForTimeout(2000);
  const a = await probe(s.page);
  const cpuA = chromiumThreadTimes();
  const t0 = Date.now();
  // The window ends with the training: the default preset's 17,180 steps can end inside it, and
  // the time after (the test-set pass, then idle) is not step time. Read every half second.
  let b = a;
  let cpuB = cpuA;
  let tB = t0;
  while (Date.now() - t0 < seconds * 1000) {
    await s.page.waitForTimeout(Math.min(500, seconds * 1000 - (Date.now() - t0)));
    const p = await probe(s.page);
    if (p.status !== 'running') break;
    [b, cpuB, tB] = [p, chromiumThreadTimes(), Date.now()];
  }
  const wall = (tB - t0) / 1000;
  if (wall < 0.8 * seconds)
    console.log(`(the run ended ${wall.toFixed(1)} s into the window: speeds are over that part)`);
  // Issue 10 (4): long tasks in the first `seconds` counted from the Play click, load excluded.
  const fromPlay = await s.page.evaluate(
    ([at, ms]) =>
      (window as unknown as { __longTaskStarts: number[]; __longTasks: number[] }).__longTaskStarts
        .map((t, i) => [t - at!, (window as unknown as { __longTasks: number[] }).__longTasks[i]!])
        .filter(([t]) => t! >= 0 && t! < ms!),
    [playAt, seconds * 1000],
  );
  await s.close();

  const steps = b.step - a.step;
  const appMs = (1000 * wall) / steps;
  const frames = b.draws.frames - a.draws.frames;
  const tasks = b.longTasks.slice(a.longTasks.length);
  const list = (xs: number[]) => xs.map((m) => (m / 1000).toFixed(2)).join(', ');
  console.log(`\nbackend: ${b.backend}`);
  console.log(`Play to first cut drawn: ${list(firstCuts)} s (goal ≤ 5 s)`);
  console.log(
    `app: ${steps} steps in ${wall.toFixed(1)} s = ${(steps / wall).toFixed(1)} steps/s (${appMs.toFixed(1)} ms/step)`,
  );
  console.log(
    `snapshots drawn: ${((b.draws.snapshots - a.draws.snapshots) / wall).toFixed(1)} per second`,
  );
  console.log(
    `heatmap draw: ${((b.draws.totalMs - a.draws.totalMs) / Math.max(1, frames)).toFixed(2)} ms per canvas, ${frames} canvas draws, max ${b.draws.maxMs.toFixed(1)} ms`,
  );
  console.log(
    `main-thread long tasks > 50 ms while training: ${tasks.length}${tasks.length ? ` (${tasks.map((d) => Math.round(d)).join(', ')} ms)` : ''}`,
  );
  console.log(
    `main-thread long tasks > 50 ms in the first ${seconds} s from Play: ${fromPlay.length}${fromPlay.length ? ` (${fromPlay.map(([t, d]) => `${Math.round(d!)} ms at ${(t! / 1000).toFixed(1)} s`).join(', ')})` : ''}`,
  );
  for (const f of b.frames.slice(a.frames.length)) console.log(`  long frame ${f}`);
  let workerCpuMs: number | null = null;
  const shares = threadShares(cpuA, cpuB, wall);
  if (shares.length) {
    console.log(
      'CPU by Chromium thread (share of one core; the worker is renderer/DedicatedWorker):',
    );
    for (const [k, v] of shares.slice(0, 6))
      console.log(`  ${(100 * v).toFixed(0).padStart(4)}%  ${k}`);
    const worker = shares.find(([k]) => k.includes('DedicatedWorker'))?.[1];
    if (worker) {
      workerCpuMs = (1000 * worker * wall) / steps;
      console.log(
        `worker CPU per step: ${workerCpuMs.toFixed(1)} ms (wall ${appMs.toFixed(1)} ms)`,
      );
    }
  }
  if (!flags['no-cli']) {
    // The same steps of the run as the app's window: DNS's mask updates thin out as t grows.
    const cli = await cliStepCost(backend, { from: a.step, to: b.step });
    console.log(
      `CLI path (Node, same backend, LeNet-300-100 DNS, steps ${Math.max(10, a.step)}–${b.step} as the app's window): ${cli.wallMs.toFixed(1)} ms/step wall, ${cli.cpuMs.toFixed(1)} ms/step CPU`,
    );
    console.log(`app / CLI speed, wall clock: ${(cli.wallMs / appMs).toFixed(2)} (goal ≥ 0.95)`);
    if (workerCpuMs !== null)
      console.log(
        `app / CLI speed, CPU time per step (fair on a shared machine): ${(cli.cpuMs / workerCpuMs).toFixed(2)}`,
      );
  }
} finally {
  await server.close();
}
