/** The step a row of the table times (bench/browser/cases.ts). */
export const STEP_CASES = ['dense', 'dns fixed', 'dns surgery'] as const;
export type StepCase = (typeof STEP_CASES)[number];

/** Which step code runs: the lab's wasm kernels or tfjs ops (on the wasm backend). */
export type StepPath = 'kernels' | 'tfjs';

/** What the bench page asks its step worker. */
export type BenchRequest =
  | {
      type: 'init';
      /** URL of the folder holding `datasets/` and `checkpoints/` (the repo's public/). */
      publicUrl: string;
      /** tfjs-wasm compute threads (`setThreadsCount`); null: tfjs's own choice. */
      wasmThreads: number | null;
    }
  | { type: 'step'; path: StepPath; name: StepCase; steps: number };

/** How the worker's wasm backend and kernels started. */
export interface BenchInfo {
  readonly crossOriginIsolated: boolean;
  readonly threadedBuild: boolean;
  /** Threads tfjs-wasm computes on (its XNNPACK pool). */
  readonly wasmThreads: number;
  /** Whether the dense checkpoint was found and loaded (else a seeded init, as in Node). */
  readonly checkpoint: boolean;
}

/** The worker's answers, one per request. */
export type BenchReply =
  | { type: 'ready'; info: BenchInfo }
  | { type: 'ms'; ms: number }
  | { type: 'error'; message: string };
