import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY, ISOLATION_HEADERS } from '../../../scripts/vite/hosting';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.zip': 'application/zip',
  '.csv': 'text/csv',
  '.md': 'text/markdown',
};

export interface ServeOptions {
  /** Send COOP/COEP with every response, as a host that enables SharedArrayBuffer does. */
  readonly crossOriginIsolated?: boolean;
  /** Send the lab's Content-Security-Policy as a header (it then binds the workers too). */
  readonly csp?: boolean;
  /** Answer 404 for paths that match, as a host missing a file would. */
  readonly refuse?: RegExp;
}

/**
 * A plain static file server for `dist/` on loopback, like a static host: `.gz` files are sent
 * as bytes (no Content-Encoding), so the app's gzip sniffing is exercised.
 */
export async function serveStatic(
  root: string,
  opts: ServeOptions = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const base = resolve(root);
  const extra: Record<string, string> = {
    ...(opts.crossOriginIsolated ? ISOLATION_HEADERS : {}),
    ...(opts.csp ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (opts.refuse?.test(path)) {
      res.writeHead(404, extra).end('not found');
      return;
    }
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, extra).end('not found');
      return;
    }
    res.writeHead(200, {
      ...extra,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
