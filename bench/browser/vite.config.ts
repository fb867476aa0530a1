import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { wasmThreads } from '../../scripts/vite/wasmThreads';

// The step bench page (bench/vsTorch.ts), built on its own into dist-benchstep/ (git-ignored):
// never touches dist/ nor the app's build. No publicDir: the bench serves the repo's public/.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  logLevel: 'warn',
  plugins: [wasmThreads()],
  worker: { format: 'es', plugins: () => [wasmThreads()] },
  build: {
    target: 'es2022',
    outDir: resolve(import.meta.dirname, '../../dist-benchstep'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
