import type { Plugin } from 'vite';

/**
 * What a static host sends to make the page cross-origin isolated: SharedArrayBuffer exists and
 * the wasm backend runs on threads. Without them the lab runs wasm on one thread.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/**
 * The lab's Content-Security-Policy: everything from its own origin, nothing from elsewhere.
 * - `'wasm-unsafe-eval'` lets the wasm backend compile its .wasm files (no `'unsafe-eval'`:
 *   tfjs 4.22 builds no code from strings on any backend).
 * - `blob:` for scripts and workers: the threaded wasm build starts its pthread workers from
 *   Blob URLs and loads its module factory into them with `importScripts(blob:)`.
 * - `data:`/`blob:` images: canvases exported as PNG.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * Writes the policy into the built page as a meta tag, so it holds on any static host. Build
 * only: the dev server injects an inline script (React refresh) that the policy would refuse.
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'pruning-lab:csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}
