/**
 * `npm run bench` (part): ms per training step of the lab's fastest CLI path (wasm backend, our
 * wasm kernels, evaluation excluded as with `--validation 0`) next to the tfjs-wasm step, the same
 * two steps in headless Chromium (bench/browser: a cross-origin isolated page, steps in a dedicated
 * worker as in the lab) and a PyTorch loop (bench/torch_dns.py) on the same model, data, batch and
 * solver. PyTorch and Chromium answer block requests, so every block of every column is
 * interleaved with the others and machine noise hits them alike; medians over blocks. PyTorch is
 * skipped with one line where `/usr/bin/python3` cannot import torch, Chromium where
 * /usr/bin/chromium (CHROMIUM_PATH) is missing.
 * Env: BENCH_BLOCKS (7), BENCH_STEPS (30), BENCH_TORCH_THREADS (2), BENCH_BROWSER=0 (skip Chromium),
 * BENCH_BROWSER_WASM_THREADS (tfjs-wasm threads in Chromium; default tfjs's choice).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Session } from '../test/e2e/support/browser';
import { CHROMIUM, openBrowser } from '../test/e2e/support/browser';
import { serveStatic } from '../test/e2e/support/server';
import { initBackend } from '../src/core/backend';
import { loadBuiltinDataset } from '../src/core/data/builtin';
import { checkpointName } from '../src/core/train/session';
import { CHECKPOINT_DIR, readCheckpointFile } from '../src/node/checkpoints';
import { fsSource } from '../src/node/fsSource';
import { loadMlpModule } from '../src/node/kernels';
import { BENCH_CFG, pathTrainers, timeCase, warmUp } from './browser/cases';
import type { BenchInfo, StepCase, StepPath } from './browser/protocol';
import { STEP_CASES } from './browser/protocol';

const PYTHON = '/usr/bin/python3';
const ROOT = join(import.meta.dirname, '..');
const BENCH_DIST = 'dist-benchstep';
const BLOCKS = Number(process.env['BENCH_BLOCKS'] ?? 7);
const STEPS = Number(process.env['BENCH_STEPS'] ?? 30);
const TORCH_THREADS = Number(process.env['BENCH_TORCH_THREADS'] ?? 2);
const BROWSER_THREADS = process.env['BENCH_BROWSER_WASM_THREADS']
  ? Number(process.env['BENCH_BROWSER_WASM_THREADS'])
  : null;

/** PyTorch blocks on request: `time(name, steps)` answers its ms per step. */
async function startTorch() {
  if (spawnSync(PYTHON, ['-c', 'import torch']).status !== 0) return null;
  const script = join(import.meta.dirname, 'torch_dns.py');
  const proc = spawn(PYTHON, [script, '--serve', '--threads', String(TORCH_THREADS)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const next = async () =>
    JSON.parse(((await lines.next()).value as string) ?? '{}') as Record<string, unknown>;
  const hello = await next();
  return {
    version: String(hello['torch']),
    async time(name: string, steps: number): Promise<number> {
      proc.stdin.write(`${name} ${steps}\n`);
      return Number((await next())['ms']);
    },
    close: () => proc.stdin.end(),
  };
}

interface BrowserBench {
  readonly info: BenchInfo & { pageCrossOriginIsolated: boolean };
  readonly version: string;
  time(name: string, steps: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * The bench page (bench/browser, built into dist-benchstep/) in headless Chromium, served with
 * COOP/COEP from the repo root so its worker reads public/datasets and public/checkpoints.
 * The reason instead where it cannot run.
 */
async function startBrowser(): Promise<BrowserBench | { skipped: string }> {
  if (process.env['BENCH_BROWSER'] === '0') return { skipped: 'BENCH_BROWSER=0' };
  if (!existsSync(CHROMIUM))
    return { skipped: `${CHROMIUM} not found (Debian: apt-get install -y chromium)` };
  try {
    execFileSync(
      'nice',
      ['-n', '19', 'npx', 'vite', 'build', '--config', 'bench/browser/vite.config.ts'],
      { cwd: ROOT, stdio: 'pipe' },
    );
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    return { skipped: `the bench page did not build: ${err.stderr?.toString() || err.message}` };
  }
  const server = await serveStatic(ROOT, { crossOriginIsolated: true });
  let s: Session | null = null;
  const close = async () => {
    await s?.close();
    await server.close();
  };
  try {
    s = await openBrowser();
    const page = s.page;
    await page.goto(`${server.url}${BENCH_DIST}/index.html`);
    await page.waitForFunction(() => typeof window.benchInit === 'function');
    const info = await page.evaluate(([u, t]) => window.benchInit(u, t), [
      `${server.url}public/`,
      BROWSER_THREADS,
    ] as const);
    return {
      info,
      version: s.context.browser()?.version() ?? '?',
      time: (name: string, steps: number): Promise<number> =>
        page.evaluate(([n, k]) => window.benchStep(n, k), [name, steps] as const),
      close,
    };
  } catch (e) {
    await close();
    return { skipped: `the bench page failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const data = await loadBuiltinDataset('mnist', fsSource(), { seed: 1 });
  const ckpt = await readCheckpointFile(
    join(CHECKPOINT_DIR, checkpointName(BENCH_CFG.model, 'mnist')),
  );
  await initBackend(['wasm']);
  const torch = await startTorch();
  const browser = await startBrowser();
  const chromium = 'skipped' in browser ? null : browser;
  const lab = {
    kernels: pathTrainers(data, ckpt, loadMlpModule()),
    tfjs: pathTrainers(data, ckpt, null),
  };
  // After the first cut: a few steps of surgery, then masks fixed (t past iter_stop) or surgery on.
  await warmUp(lab.kernels);
  await warmUp(lab.tfjs);
  const rows: Record<string, number[]> = {};
  const add = (k: string, v: number) => (rows[k] ??= []).push(v);
  const paths: StepPath[] = ['kernels', 'tfjs'];
  for (let b = 0; b < BLOCKS; b++) {
    for (const p of paths)
      for (const c of STEP_CASES) add(`node ${p} ${c}`, await timeCase(lab[p], c, STEPS));
    if (chromium)
      for (const p of paths)
        for (const c of STEP_CASES)
          add(`chromium ${p} ${c}`, await chromium.time(`${p} ${c}`, STEPS));
    if (torch) {
      add('torch dense', await torch.time('dense', STEPS));
      add('torch dns fixed', await torch.time('dns', STEPS));
      add('torch dns surgery', await torch.time('dnsSurgery', STEPS));
    }
  }
  torch?.close();
  await chromium?.close();
  const m = (k: string) => (rows[k] ? median(rows[k]) : NaN);
  const f = (x: number, w: number) => (Number.isNaN(x) ? '-' : x.toFixed(2)).padStart(w);
  console.log(
    `LeNet-300-100 on MNIST, batch 64, ms/step: medians of ${BLOCKS} interleaved blocks of ${STEPS} steps`,
  );
  if (!torch)
    console.log(
      `PyTorch: skipped (${PYTHON} cannot import torch; Debian: apt-get install -y python3-torch)`,
    );
  else console.log(`PyTorch ${torch.version}, ${TORCH_THREADS} threads (bench/torch_dns.py)`);
  if ('skipped' in browser) console.log(`Chromium: skipped (${browser.skipped})`);
  else {
    const i = browser.info;
    console.log(
      `Chromium ${browser.version} headless (bench/browser): steps in a dedicated worker, crossOriginIsolated ${i.pageCrossOriginIsolated} (page) / ${i.crossOriginIsolated} (worker), tfjs-wasm ${i.threadedBuild ? 'threaded' : 'single-thread'} SIMD build on ${i.wasmThreads} thread${i.wasmThreads === 1 ? '' : 's'}; lab kernels on 1 thread`,
    );
  }
  console.log(
    '                         -- ms/step, Node ---  - ms/step, Chromium -           lab/PyTorch      tfjs/PyTorch',
  );
  console.log(
    'step                      lab kernels  tfjs-wasm  lab kernels  tfjs-wasm  PyTorch  Node  Chromium   Node  Chromium',
  );
  const labels: Record<StepCase, string> = {
    dense: 'dense',
    'dns fixed': 'DNS, masks fixed',
    'dns surgery': 'DNS, surgery each step',
  };
  const r = (x: number, w: number) => (Number.isNaN(x) ? f(x, w) : `${f(x, w - 1)}x`);
  for (const c of STEP_CASES) {
    const [nk, nt] = [m(`node kernels ${c}`), m(`node tfjs ${c}`)];
    const [ck, ct] = [m(`chromium kernels ${c}`), m(`chromium tfjs ${c}`)];
    const p = m(`torch ${c}`);
    console.log(
      `${labels[c].padEnd(24)} ${f(nk, 12)} ${f(nt, 10)} ${f(ck, 12)} ${f(ct, 10)} ${f(p, 8)} ${r(nk / p, 6)} ${r(ck / p, 9)} ${r(nt / p, 6)} ${r(ct / p, 9)}`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
