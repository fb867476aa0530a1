import type { BenchInfo, BenchReply, BenchRequest, StepCase, StepPath } from './protocol';
import { STEP_CASES } from './protocol';

// The bench page: bench/vsTorch.ts drives it through page.evaluate. Steps run in a dedicated
// worker, as the lab's do; the page only relays requests, one at a time.
const worker = new Worker(new URL('./step.worker.ts', import.meta.url), { type: 'module' });

function ask(req: BenchRequest): Promise<BenchReply> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<BenchReply>) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(`step worker: ${e.message}`));
    worker.postMessage(req);
  });
}

async function benchInit(publicUrl: string, wasmThreads: number | null) {
  const r = await ask({ type: 'init', publicUrl, wasmThreads });
  if (r.type === 'error') throw new Error(r.message);
  if (r.type !== 'ready') throw new Error(`unexpected reply ${r.type}`);
  return { ...r.info, pageCrossOriginIsolated: window.crossOriginIsolated };
}

/** ms per step of `name` ("kernels dense", "tfjs dns surgery", …) over `steps` steps. */
async function benchStep(name: string, steps: number): Promise<number> {
  const [path, ...rest] = name.split(' ');
  const step = rest.join(' ') as StepCase;
  if ((path !== 'kernels' && path !== 'tfjs') || !STEP_CASES.includes(step))
    throw new Error(`unknown bench step "${name}"`);
  const r = await ask({ type: 'step', path: path as StepPath, name: step, steps });
  if (r.type === 'error') throw new Error(r.message);
  if (r.type !== 'ms') throw new Error(`unexpected reply ${r.type}`);
  return r.ms;
}

declare global {
  interface Window {
    benchInit: (
      publicUrl: string,
      wasmThreads: number | null,
    ) => Promise<BenchInfo & { pageCrossOriginIsolated: boolean }>;
    benchStep: (name: string, steps: number) => Promise<number>;
  }
}
window.benchInit = benchInit;
window.benchStep = benchStep;
