import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { inlineThreadedFactory, threadedFactorySource } from '../../scripts/vite/wasmThreads';

const backendWasm = readFileSync(
  createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js'),
  'utf8',
);

describe('the threaded wasm build in the bundle (tfjs issue #4107)', () => {
  const source = threadedFactorySource();
  const patched = inlineThreadedFactory(backendWasm, source);

  it('hands each pthread the published factory script, not a stringified bundled function', () => {
    expect(backendWasm).toContain('wasmFactoryThreadedSimd.toString()');
    expect(patched).not.toContain('wasmFactoryThreadedSimd.toString()');
    expect(patched).toContain(JSON.stringify(source));
    // Only the pthread text changed: the page still calls the bundled factory.
    expect(patched).toContain('wasm = wasmFactoryThreadedSimd(factoryConfig)');
  });

  it('runs as a pthread with nothing but the pthread worker script around it', () => {
    // What a pthread does: importScripts(the text), then call the factory with the module the
    // worker script built. Nothing of the bundle exists there: a renamed outer name would throw
    // a ReferenceError here, as "e is not defined" did in the browser.
    let started: unknown = null;
    const scope: Record<string, unknown> = {
      self: { location: { href: 'blob:http://localhost/pthread' } },
      importScripts: () => {},
      startWorker: (m: unknown) => (started = m),
    };
    runInNewContext(source, scope);
    expect(typeof scope['WasmBackendModuleThreadedSimd']).toBe('function');
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    scope['pthreadModule'] = {
      ENVIRONMENT_IS_PTHREAD: true,
      wasmMemory: memory,
      buffer: memory.buffer,
      instantiateWasm: () => ({}),
    };
    runInNewContext('WasmBackendModuleThreadedSimd(pthreadModule)', scope);
    expect(started).toBe(scope['pthreadModule']);
  });

  it('refuses a tfjs whose pthread script is built some other way, rather than ship it broken', () => {
    expect(() => inlineThreadedFactory('export const x = 1;', source)).toThrow(
      /no longer builds its pthread script/,
    );
  });
});
