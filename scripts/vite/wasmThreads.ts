import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** tfjs-backend-wasm's ES build, the module that starts its threaded build. */
const BACKEND_WASM = /tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;

/**
 * What it hands each pthread worker: the source of the threaded module factory, read back with
 * `toString()`. In a bundle that text is minified and names things outside the function (the
 * renamed `_scriptDir`, the CommonJS wrapper), which do not exist in the worker: "ReferenceError:
 * e is not defined" (tfjs issue #4107).
 */
const FACTORY_TEXT =
  /`var WasmBackendModuleThreadedSimd = `\s*\+\s*wasmFactoryThreadedSimd\.toString\(\)/;

/** The threaded factory as published: one self-contained classic script. */
export function threadedFactorySource(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return readFileSync(join(dirname(pkg), 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js'), 'utf8');
}

/** Replaces the stringified factory with the published script, kept verbatim as a string. */
export function inlineThreadedFactory(code: string, source: string): string {
  if (!FACTORY_TEXT.test(code))
    throw new Error(
      'tfjs-backend-wasm no longer builds its pthread script from `wasmFactoryThreadedSimd.toString()`: check scripts/vite/wasmThreads.ts against the new version',
    );
  return code.replace(FACTORY_TEXT, () => JSON.stringify(source));
}

/**
 * Makes the threaded SIMD wasm build work in the bundle: each pthread loads the unminified
 * factory script instead of the bundle's minified copy of it. Used for the app, its workers and
 * the dev server's dependency pre-bundling.
 */
export function wasmThreads(): Plugin {
  let source: string | null = null;
  return {
    name: 'pruning-lab:wasm-threads',
    transform(code, id) {
      if (!BACKEND_WASM.test(id.split('?')[0]!)) return null;
      source ??= threadedFactorySource();
      return { code: inlineThreadedFactory(code, source), map: null };
    },
  };
}
