import * as tf from '@tensorflow/tfjs';
import type * as WasmBackend from '@tensorflow/tfjs-backend-wasm';

/** Backends in the order the lab prefers them. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendOptions {
  /** Where the wasm backend finds its .wasm files (the browser build passes bundled URLs). */
  readonly wasmPaths?: string | Record<string, string>;
  /**
   * WASM threads: `false` runs the single-thread build; otherwise the threaded build runs when
   * the page allows it (cross-origin isolated, so SharedArrayBuffer exists).
   */
  readonly wasmThreads?: boolean;
  /** Give up on a backend that has not started after this long (default 30 s). */
  readonly startTimeoutMs?: number;
  /** Settles with a reason when something outside tfjs sees the start fail (a worker error). */
  readonly failure?: Promise<string>;
}

/** How a backend start went. */
export interface StartResult {
  readonly ok: boolean;
  /** Why it did not start, in words (when `ok` is false). */
  readonly why?: string;
  /** Threads the wasm backend computes on (1 for the single-thread build; absent elsewhere). */
  readonly threads?: number;
  /** Whether wasm runs its threaded build (on half the logical cores, so maybe still one thread). */
  readonly threadedBuild?: boolean;
}

type FactoryEntry = { factory: () => unknown; priority: number };
let wasmModule: typeof WasmBackend | null = null;
/** The thread mode the registered wasm backend was (or is being) started with. */
let wasmStartedThreads: boolean | null = null;
/** Whether this browser can run the threaded build at all (tfjs's own detection). */
let wasmThreadsPossible: boolean | null = null;
/** Registry entries kept so a backend can be registered afresh after a failed or hung start. */
const factories = new Map<BackendName, FactoryEntry>();

function registryEntry(name: BackendName): FactoryEntry | undefined {
  const entry = (tf.engine().registryFactory as Record<string, FactoryEntry | undefined>)[name];
  if (entry && !factories.has(name)) factories.set(name, entry);
  return factories.get(name);
}

/**
 * Drops a backend's instance (or its pending start) and registers its factory again, so the next
 * `setBackend` starts it from scratch. tfjs keeps a hung start pending, and while one is pending
 * every op on every backend throws. Tensors on that backend are lost.
 */
export function resetBackend(name: BackendName): void {
  const entry = registryEntry(name);
  if (!entry) return;
  try {
    tf.removeBackend(name);
  } catch {
    // Already gone.
  }
  tf.registerBackend(name, entry.factory as () => tf.KernelBackend, entry.priority);
  if (name === 'wasm') wasmStartedThreads = null;
}

/** Registers a backend's factory (webgl and cpu come with @tensorflow/tfjs). */
async function register(name: BackendName, opts: BackendOptions): Promise<void> {
  if (name === 'wasm') {
    if (!wasmModule) {
      wasmModule = await import('@tensorflow/tfjs-backend-wasm');
      // Once only: tfjs refuses new paths after a start that aborted.
      if (opts.wasmPaths) wasmModule.setWasmPaths(opts.wasmPaths as string);
    }
    wasmThreadsPossible ??= (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true;
    const threads = opts.wasmThreads !== false && wasmThreadsPossible;
    if (wasmStartedThreads !== null && wasmStartedThreads !== threads) resetBackend('wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', threads);
    wasmStartedThreads = threads;
  } else if (name === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  registryEntry(name);
}

/** Whether the threaded wasm build can run on this page (false until wasm was first tried). */
export function wasmThreadsAvailable(): boolean {
  return wasmThreadsPossible === true;
}

function message(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e) return String(e.message);
  return String(e);
}

/**
 * Switches tfjs to `name` and says how it went. `tf.setBackend` resolves false (it does not
 * throw) when e.g. no WebGPU adapter exists, and `tf.getBackend()` may still name the failed
 * backend, so the result is checked and a tiny op is run before trusting it. A start that hangs
 * (the threaded wasm build waits forever for pthread workers that failed to load) or that
 * `opts.failure` reports is abandoned and the backend registered afresh.
 */
export async function startBackend(
  name: BackendName,
  opts: BackendOptions = {},
): Promise<StartResult> {
  const timeoutMs = opts.startTimeoutMs ?? 30_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = (async (): Promise<StartResult> => {
    await register(name, opts);
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name) return { ok: false, why: 'it did not initialise' };
    await tf.ready();
    const probe = tf.tidy(() => tf.sum(tf.add(tf.ones([4]), 1)));
    const v = await probe.data();
    probe.dispose();
    if (v[0] !== 8) return { ok: false, why: `1 + 1 gave ${v[0]! / 4}` };
    // tfjs computes on half the logical cores (at most 8): one thread on a 2-core machine.
    return name === 'wasm'
      ? { ok: true, threads: wasmModule!.getThreadsCount(), threadedBuild: wasmStartedThreads! }
      : { ok: true };
  })().catch((e: unknown): StartResult => ({ ok: false, why: `it threw: ${message(e)}` }));
  const stalled = new Promise<StartResult>((done) => {
    timer = setTimeout(
      () => done({ ok: false, why: `it did not start within ${Math.round(timeoutMs / 1000)} s` }),
      timeoutMs,
    );
  });
  const failed = (opts.failure ?? new Promise<never>(() => {})).then((why): StartResult => ({
    ok: false,
    why,
  }));
  const result = await Promise.race([attempt, stalled, failed]);
  clearTimeout(timer);
  if (!result.ok) {
    try {
      resetBackend(name);
    } catch {
      // The registry is as it was; the next start reports its own failure.
    }
  }
  return result;
}

/** Switches tfjs to `name`. Returns false when it cannot run here (see `startBackend`). */
export async function useBackend(name: BackendName, opts: BackendOptions = {}): Promise<boolean> {
  return (await startBackend(name, opts)).ok;
}

/** What happened while choosing a backend: the one in use and those that failed before it. */
export interface BackendChoice {
  readonly backend: BackendName;
  readonly failed: readonly BackendName[];
}

/** Tries backends in order and keeps the first that works; throws when none does. */
export async function initBackend(
  order: readonly BackendName[],
  opts: BackendOptions = {},
): Promise<BackendChoice> {
  const failed: BackendName[] = [];
  for (const name of order) {
    if (await useBackend(name, opts)) return { backend: name, failed };
    failed.push(name);
  }
  throw new Error(`no TensorFlow.js backend could start (tried ${order.join(', ')})`);
}
