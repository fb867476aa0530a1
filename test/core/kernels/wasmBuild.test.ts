import { readFileSync } from 'node:fs';
import asc from 'assemblyscript/asc';
import { expect, it } from 'vitest';

// The built kernels are committed so the CLI and the tests run before any build; `npm run build`
// rebuilds them (build:asm). This keeps the committed binary equal to what asm/mlp.ts compiles to.
it('src/core/kernels/mlp.wasm is what asm/mlp.ts compiles to (run npm run build:asm)', async () => {
  let built: Uint8Array | null = null;
  const { error, stderr } = await asc.main(['--config', 'asm/asconfig.json'], {
    writeFile: (name: string, contents: Uint8Array | string) => {
      if (name.endsWith('.wasm') && typeof contents !== 'string') built = contents;
    },
  });
  expect(error, stderr.toString()).toBeNull();
  const committed = readFileSync(new URL('../../../src/core/kernels/mlp.wasm', import.meta.url));
  expect(built).not.toBeNull();
  expect(Buffer.from(built!).equals(committed)).toBe(true);
}, 60_000);
