import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import {
  CONTENT_SECURITY_POLICY,
  ISOLATION_HEADERS,
  contentSecurityPolicy,
} from './scripts/vite/hosting';
import { wasmThreads } from './scripts/vite/wasmThreads';

// `base: './'` keeps every URL relative, so `dist/` works from any static host or sub-folder.
// Dev and preview send COOP/COEP, so the wasm backend runs on threads (see README, Hosting).
export default defineConfig({
  base: './',
  plugins: [react(), wasmThreads(), contentSecurityPolicy()],
  // The training worker is bundled on its own: it needs the plugin too.
  worker: { format: 'es', plugins: () => [wasmThreads()] },
  optimizeDeps: { rolldownOptions: { plugins: [wasmThreads()] } },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 4000 },
  server: { port: 5173, headers: { ...ISOLATION_HEADERS } },
  // As a host would: the policy as a header reaches the workers too (a meta tag does not).
  preview: {
    port: 4173,
    headers: { ...ISOLATION_HEADERS, 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
});
