/// <reference lib="webworker" />
import '../core/noEval';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import mlpKernels from '../core/kernels/mlp.wasm?url';
import { useMlpKernels } from '../core/kernels/fastStep';
import { fetchSource } from '../core/data/fetchSource';
import type { Command, WorkerEvent } from './protocol';
import { LabSession } from './session';
import { memoSource } from './sources';

// The training worker: a thin shell around LabSession. The .wasm files are bundled (never a CDN).
const scope = self as unknown as DedicatedWorkerGlobalScope;
let session: LabSession | null = null;

function post(ev: WorkerEvent, transfer: Transferable[] = []): void {
  scope.postMessage(ev, transfer);
}

scope.onmessage = (e: MessageEvent<Command>) => {
  const cmd = e.data;
  if (!session && cmd.type === 'init') {
    // The lab's own wasm kernels for MLP steps on the wasm/cpu backends (kernels/fastStep.ts);
    // runs that start before they compile, or where they fail to, take the tfjs step.
    void fetch(mlpKernels)
      .then((r) => r.arrayBuffer())
      .then((bytes) => WebAssembly.compile(bytes))
      .then((m) => useMlpKernels(m))
      .catch(() => useMlpKernels(null));
    session = new LabSession({
      post,
      datasets: memoSource(fetchSource(`${cmd.baseUrl}datasets/`)),
      checkpoints: memoSource(fetchSource(`${cmd.baseUrl}checkpoints/`)),
      backend: {
        wasmPaths: {
          'tfjs-backend-wasm.wasm': wasmPlain,
          'tfjs-backend-wasm-simd.wasm': wasmSimd,
          'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
        },
      },
    });
  }
  try {
    session?.handle(cmd);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

scope.onunhandledrejection = (e: PromiseRejectionEvent) => {
  const r: unknown = e.reason;
  post({ type: 'error', message: r instanceof Error ? r.message : String(r) });
};
