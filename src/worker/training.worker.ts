/// <reference lib="webworker" />
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
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
  if (!session && cmd.type === 'init')
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
