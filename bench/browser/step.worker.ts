/// <reference lib="webworker" />
import '../../src/core/noEval';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { startBackend } from '../../src/core/backend';
import { loadBuiltinDataset } from '../../src/core/data/builtin';
import { fetchSource } from '../../src/core/data/fetchSource';
import mlpKernels from '../../src/core/kernels/mlp.wasm?url';
import type { Checkpoint } from '../../src/core/models/checkpoint';
import { readCheckpoint } from '../../src/core/models/checkpoint';
import { checkpointName } from '../../src/core/train/session';
import type { PathTrainers } from './cases';
import { BENCH_CFG, pathTrainers, timeCase, warmUp } from './cases';
import type { BenchInfo, BenchReply, BenchRequest, StepPath } from './protocol';

// The bench page's step worker: the lab trains in a dedicated worker too (src/worker), with the
// same bundled .wasm files and the same core code; this one only times steps on request.
const scope = self as unknown as DedicatedWorkerGlobalScope;
let trainers: Record<StepPath, PathTrainers> | null = null;

async function init(publicUrl: string, threads: number | null): Promise<BenchInfo> {
  if (threads !== null) {
    // Before the backend starts. The threaded build sizes its pthread pool (and tfjs its default
    // count) to half the logical cores; setThreadsCount alone still ran one thread here, so the
    // worker reports twice the threads asked for, as bench/threads.ts --cores does.
    Object.defineProperty(WorkerNavigator.prototype, 'hardwareConcurrency', {
      get: () => 2 * threads,
    });
    (await import('@tensorflow/tfjs-backend-wasm')).setThreadsCount(threads);
  }
  const started = await startBackend('wasm', {
    wasmPaths: {
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    },
  });
  if (!started.ok) throw new Error(`the wasm backend did not start: ${started.why}`);
  const kernels = await WebAssembly.compile(await (await fetch(mlpKernels)).arrayBuffer());
  const data = await loadBuiltinDataset('mnist', fetchSource(`${publicUrl}datasets/`), {
    seed: 1,
  });
  const res = await fetch(
    new URL(`checkpoints/${checkpointName(BENCH_CFG.model, 'mnist')}`, publicUrl),
  );
  const ckpt: Checkpoint | null = res.ok
    ? readCheckpoint(new Uint8Array(await res.arrayBuffer()))
    : null;
  trainers = {
    kernels: pathTrainers(data, ckpt, kernels),
    tfjs: pathTrainers(data, ckpt, null),
  };
  await warmUp(trainers.kernels);
  await warmUp(trainers.tfjs);
  return {
    crossOriginIsolated: scope.crossOriginIsolated,
    threadedBuild: started.threadedBuild ?? false,
    wasmThreads: started.threads ?? 1,
    checkpoint: ckpt !== null,
  };
}

async function answer(req: BenchRequest): Promise<BenchReply> {
  switch (req.type) {
    case 'init':
      return { type: 'ready', info: await init(req.publicUrl, req.wasmThreads) };
    case 'step':
      if (!trainers) throw new Error('step before init');
      return { type: 'ms', ms: await timeCase(trainers[req.path], req.name, req.steps) };
  }
}

scope.onmessage = (e: MessageEvent<BenchRequest>) => {
  answer(e.data).then(
    (r) => scope.postMessage(r),
    (err: unknown) =>
      scope.postMessage({
        type: 'error',
        message: err instanceof Error ? err.message : String(err),
      } satisfies BenchReply),
  );
};
