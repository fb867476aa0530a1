/**
 * Main-thread long tasks while the lab trains (issue 10, goal 4), with where their time went:
 *   npx vite build --outDir dist-x --emptyOutDir && npx tsx bench/uiLongTasks.ts --dist dist-x
 * Opens the built app in headless Chromium, clicks Play on the default preset and counts long
 * tasks (> 50 ms) in the first `--seconds` (default 30) from the click. Each long animation frame
 * (Chromium 123+) is attributed to its scripts, mapped back to the sources through the build's
 * source maps; with --profile a CPU profile of the page over the same window also lists the
 * functions (source-mapped) that took the main thread's time. Run it with other processes busy
 * to see the lab on a loaded machine; say the load (`uptime`) beside the figures.
 * Flags: --dist (default dist, never built here), --seconds, --backend (default wasm),
 * --query "…" (extra URL settings), --profile, --save FILE (the profile as JSON), --top N (rows
 * per table, default 12), --frames (list each long frame), --width and --height (the window,
 * default 1440×900; 1440×2600 shows every view of the lab at once).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { openBrowser } from '../test/e2e/support/browser';
import { serveStatic } from '../test/e2e/support/server';

const { values: flags } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    seconds: { type: 'string', default: '30' },
    backend: { type: 'string', default: 'wasm' },
    query: { type: 'string', default: '' },
    profile: { type: 'boolean', default: false },
    top: { type: 'string', default: '12' },
    // Write the CPU profile here too (opens in Chromium's DevTools Performance panel).
    save: { type: 'string' },
    // Print every long animation frame with its scripts.
    frames: { type: 'boolean', default: false },
    // The window (1440×900 by default, as the e2e tests; a tall one shows every chart at once).
    width: { type: 'string', default: '1440' },
    height: { type: 'string', default: '900' },
  },
});
const seconds = Number(flags.seconds);
const top = Number(flags.top);

interface Script {
  invoker: string;
  fn: string;
  url: string;
  pos: number;
  ms: number;
  layoutMs: number;
}
interface Frame {
  start: number;
  ms: number;
  blockingMs: number;
  renderMs: number;
  layoutMs: number;
  scripts: Script[];
}

/** Maps positions in the built files back to the sources (`file:line`), cached per file. */
class Mapper {
  private files = new Map<string, { text: string; lines: number[]; map: SourceMap | null }>();
  constructor(
    private readonly dist: string,
    private readonly origin: string,
  ) {}

  private load(url: string) {
    let f = this.files.get(url);
    if (f) return f;
    const path = url.startsWith(this.origin) ? join(this.dist, url.slice(this.origin.length)) : '';
    const text = path && existsSync(path) ? readFileSync(path, 'utf8') : '';
    const lines = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines.push(i + 1);
    const mapPath = `${path}.map`;
    const map =
      path && existsSync(mapPath)
        ? new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8')) as never)
        : null;
    f = { text, lines, map };
    this.files.set(url, f);
    return f;
  }

  /** `line` and `column` 0-based. */
  at(url: string, line: number, column: number): string {
    if (!url) return '(native)';
    const f = this.load(url);
    const short = url.replace(this.origin, '');
    if (!f.map) return `${short}:${line + 1}`;
    const e = f.map.findEntry(line, column) as {
      originalSource?: string;
      originalLine?: number;
      name?: string;
    };
    if (!e.originalSource) return `${short}:${line + 1}`;
    const src = e.originalSource.replace(/^.*?(node_modules\/|src\/)/, '$1');
    return `${src}:${(e.originalLine ?? 0) + 1}${e.name ? ` ${e.name}` : ''}`;
  }

  /** A character offset in a built file (long animation frame scripts give these). */
  atChar(url: string, pos: number): string {
    if (!url || pos < 0) return '(native)';
    const f = this.load(url);
    let lo = 0;
    let hi = f.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (f.lines[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return this.at(url, lo, pos - f.lines[lo]!);
  }
}

async function observe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __long: number[][]; __frames: unknown[] };
    w.__long = [];
    w.__frames = [];
    // When each worker message was handled (to tell message tasks among the long ones).
    const msgs: number[] = [];
    (window as unknown as { __msgs: number[] }).__msgs = msgs;
    const desc = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage')!;
    Object.defineProperty(Worker.prototype, 'onmessage', {
      ...desc,
      set(this: Worker, f: ((e: MessageEvent) => void) | null) {
        desc.set!.call(
          this,
          f &&
            ((e: MessageEvent) => {
              msgs.push(performance.now());
              f.call(this, e);
            }),
        );
      },
    });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as {
        startTime: number;
        duration: number;
        blockingDuration: number;
        renderStart: number;
        styleAndLayoutStart: number;
        scripts: {
          invoker: string;
          sourceFunctionName: string;
          sourceURL: string;
          sourceCharPosition: number;
          duration: number;
          forcedStyleAndLayoutDuration: number;
        }[];
      }[]) {
        const end = e.startTime + e.duration;
        w.__frames.push({
          start: e.startTime,
          ms: e.duration,
          blockingMs: e.blockingDuration,
          renderMs: e.renderStart > 0 ? end - e.renderStart : 0,
          layoutMs: e.styleAndLayoutStart > 0 ? end - e.styleAndLayoutStart : 0,
          scripts: e.scripts.map((s) => ({
            invoker: s.invoker,
            fn: s.sourceFunctionName,
            url: s.sourceURL,
            pos: s.sourceCharPosition,
            ms: s.duration,
            layoutMs: s.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
}

async function labState(page: Page): Promise<{ step: number; status: string }> {
  return page.evaluate(() => {
    const s = (
      window as unknown as { __lab: { state: () => { run: { step: number; status: string } } } }
    ).__lab.state();
    return { step: s.run.step, status: s.run.status };
  });
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self and inclusive milliseconds per source-mapped function, from a CPU profile. */
function profileTables(
  p: Profile,
  mapper: Mapper,
): { self: Map<string, number>; total: Map<string, number> } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = new Map<number, string>();
  const name = (n: ProfileNode) => {
    let l = label.get(n.id);
    if (l === undefined) {
      const cf = n.callFrame;
      l = cf.url
        ? `${mapper.at(cf.url, cf.lineNumber, cf.columnNumber)} [${cf.functionName || 'anon'}]`
        : `(${cf.functionName || 'program'})`;
      label.set(n.id, l);
    }
    return l;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const n = byId.get(id)!;
    self.set(name(n), (self.get(name(n)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = name(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + ms);
    }
  });
  return { self, total };
}

function printTop(title: string, m: Map<string, number>, n: number): void {
  console.log(title);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`  ${v.toFixed(0).padStart(6)} ms  ${k}`);
}

const server = await serveStatic(flags.dist!);
const url = `${server.url}?backend=${flags.backend}${flags.query ? `&${flags.query}` : ''}`;
const mapper = new Mapper(flags.dist!, server.url.replace(/\/$/, ''));
const s = await openBrowser({ width: Number(flags.width), height: Number(flags.height) });
try {
  await observe(s.page);
  await s.page.goto(url);
  const t0 = Date.now();
  while ((await labState(s.page)).status !== 'ready') {
    if (Date.now() - t0 > 120_000) throw new Error('the lab was not ready in 120 s');
    await s.page.waitForTimeout(50);
  }
  const cdp = await s.context.newCDPSession(s.page);
  await cdp.send('Performance.enable');
  const metrics = async () =>
    new Map(
      (
        (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
      ).metrics.map((m) => [m.name, m.value]),
    );
  if (flags.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const m0 = await metrics();
  const load0 = loadavg()[0]!;
  const playAt = await s.page.evaluate(() => {
    (document.querySelector('[data-testid=play]') as HTMLButtonElement).click();
    return performance.now();
  });
  const step0 = (await labState(s.page)).step;
  await s.page.waitForTimeout(seconds * 1000 + 300);
  const end = await labState(s.page);
  const m1 = await metrics();
  const profile = flags.profile
    ? ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile
    : null;
  const dm = (k: string) => 1000 * ((m1.get(k) ?? 0) - (m0.get(k) ?? 0));
  const { long, frames, msgs } = await s.page.evaluate(() => {
    const w = window as unknown as { __long: number[][]; __frames: Frame[]; __msgs: number[] };
    return { long: w.__long, frames: w.__frames, msgs: w.__msgs };
  });
  const load1 = loadavg()[0]!;
  const inWindow = (t: number) => t >= playAt && t < playAt + seconds * 1000;
  const tasks = long.filter(([t]) => inWindow(t!));
  const longFrames = frames.filter((f) => inWindow(f.start) && f.ms > 50);

  console.log(
    `dist: ${flags.dist}; backend ${flags.backend}; window ${flags.width}×${flags.height}; load average ${load0.toFixed(2)} → ${load1.toFixed(2)}`,
  );
  console.log(
    `training: ${end.step - step0} steps in the window (${((end.step - step0) / seconds).toFixed(1)} steps/s), status ${end.status}`,
  );
  console.log(
    `long tasks > 50 ms in the first ${seconds} s from Play: ${tasks.length}, ${tasks.reduce((a, [, d]) => a + d!, 0).toFixed(0)} ms in all, longest ${Math.max(0, ...tasks.map(([, d]) => d!)).toFixed(0)} ms`,
  );
  console.log(
    `long animation frames > 50 ms: ${longFrames.length}, blocking ${longFrames.reduce((a, f) => a + f.blockingMs, 0).toFixed(0)} ms`,
  );
  // Long tasks inside no long animation frame: work that painted nothing (messages, timers).
  const framed = (t: number) => frames.some((f) => t >= f.start - 1 && t < f.start + f.ms);
  const bare = tasks.filter(([t]) => !framed(t!));
  console.log(
    `long tasks outside long animation frames: ${bare.length}${
      bare.length
        ? ` (${bare
            .slice(0, 12)
            .map(([t, d]) => `${d!.toFixed(0)} ms at ${((t! - playAt) / 1000).toFixed(1)} s`)
            .join(', ')}${bare.length > 12 ? ', …' : ''})`
        : ''
    }`,
  );
  const withMessage = bare.filter(([t, d]) => msgs.some((m) => m >= t! && m < t! + d!));
  console.log(
    `  of which worker-message tasks: ${withMessage.length}; worker messages in the window: ${msgs.filter((m) => inWindow(m)).length}`,
  );
  // The renderer's main thread over the window (CDP Performance metrics): CPU time it used, and
  // wall time in tasks (which includes time the OS gave to other processes mid-task).
  console.log(
    `main thread: ${dm('ThreadTime').toFixed(0)} ms CPU; in tasks ${dm('TaskDuration').toFixed(0)} ms wall (script ${dm('ScriptDuration').toFixed(0)}, style+layout ${(dm('RecalcStyleDuration') + dm('LayoutDuration')).toFixed(0)})`,
  );
  // Script time of the long frames by entry point (invoker) and by source.
  const byInvoker = new Map<string, number>();
  const bySource = new Map<string, number>();
  let render = 0;
  for (const f of longFrames) {
    render +=
      f.renderMs -
      f.scripts
        .filter((x) => x.invoker.startsWith('FrameRequestCallback'))
        .reduce((a, x) => a + x.ms, 0);
    for (const x of f.scripts) {
      const inv = x.invoker.replace(/#.*$/, '');
      byInvoker.set(inv, (byInvoker.get(inv) ?? 0) + x.ms);
      const src = `${inv} → ${mapper.atChar(x.url, x.pos)}`;
      bySource.set(src, (bySource.get(src) ?? 0) + x.ms);
    }
  }
  if (flags.frames)
    for (const f of longFrames)
      console.log(
        `  frame ${f.ms.toFixed(0)} ms at ${((f.start - playAt) / 1000).toFixed(1)} s (render ${f.renderMs.toFixed(0)}): ${f.scripts
          .filter((x) => x.ms >= 1)
          .map(
            (x) =>
              `${x.invoker.replace(/#.*$/, '')} ${mapper.atChar(x.url, x.pos)} ${x.ms.toFixed(0)}`,
          )
          .join('; ')}`,
      );
  printTop('script time in long frames, by entry point:', byInvoker, top);
  printTop('script time in long frames, by entry point and source:', bySource, top);
  console.log(
    `rendering (style, layout, paint) in long frames, outside frame callbacks: ${render.toFixed(0)} ms`,
  );
  if (profile && flags.save) writeFileSync(flags.save, JSON.stringify(profile));
  if (profile) {
    const { self, total } = profileTables(profile, mapper);
    printTop('CPU profile over the window, self time:', self, top);
    printTop('CPU profile over the window, inclusive time:', total, top);
    const ours = new Map([...total].filter(([k]) => k.startsWith('src/')));
    printTop(
      "CPU profile over the window, inclusive time of the app's own functions:",
      ours,
      2 * top,
    );
  }
} finally {
  await s.close();
  await server.close();
}
