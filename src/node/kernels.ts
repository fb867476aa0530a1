import { readFileSync } from 'node:fs';
import { useMlpKernels } from '../core/kernels/fastStep';
import type { SparseMode } from '../core/kernels/mlpKernel';

let cached: WebAssembly.Module | null = null;

/** The compiled kernels of asm/mlp.ts (built by `npm run build:asm` into src/core/kernels/mlp.wasm). */
export function loadMlpModule(): WebAssembly.Module {
  cached ??= new WebAssembly.Module(
    readFileSync(new URL('../core/kernels/mlp.wasm', import.meta.url)),
  );
  return cached;
}

/**
 * Turns the wasm kernels on for the CLI unless `LAB_KERNELS` says otherwise: `tfjs` (tfjs ops
 * only), `dense` or `sparse` (force those kernels in every layer); unset or `auto`: by density.
 */
export function useKernelsFromEnv(env = process.env['LAB_KERNELS'] ?? 'auto'): void {
  if (env === 'tfjs') return useMlpKernels(null);
  if (env !== 'auto' && env !== 'dense' && env !== 'sparse')
    throw new Error(`LAB_KERNELS is tfjs, auto, dense or sparse, not "${env}"`);
  useMlpKernels(loadMlpModule(), env as SparseMode);
}
