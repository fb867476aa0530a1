import * as tf from '@tensorflow/tfjs';

/** Backends in the order the lab prefers them. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendOptions {
  /** Where the wasm backend finds its .wasm files (the browser build passes bundled URLs). */
  readonly wasmPaths?: string | Record<string, string>;
}

/** Registers a backend's factory (webgl and cpu come with @tensorflow/tfjs). */
async function register(name: BackendName, opts: BackendOptions): Promise<void> {
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (opts.wasmPaths) wasm.setWasmPaths(opts.wasmPaths as string);
  } else if (name === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
  }
}

/**
 * Switches tfjs to `name`. Returns false when it cannot run here. `tf.setBackend` resolves false
 * (it does not throw) when e.g. no WebGPU adapter exists, and `tf.getBackend()` may still name the
 * failed backend, so the result is checked and a tiny op is run before trusting it.
 */
export async function useBackend(name: BackendName, opts: BackendOptions = {}): Promise<boolean> {
  try {
    await register(name, opts);
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name) return false;
    await tf.ready();
    const probe = tf.tidy(() => tf.sum(tf.add(tf.ones([4]), 1)));
    const v = await probe.data();
    probe.dispose();
    return v[0] === 8;
  } catch {
    return false;
  }
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
