import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `base: './'` keeps every URL relative, so `dist/` works from any static host or sub-folder.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 4000 },
  server: { port: 5173 },
  preview: { port: 4173 },
});
