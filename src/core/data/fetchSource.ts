import type { ByteSource } from './types';

/**
 * Reads built-in data over HTTP relative to `baseUrl` (e.g. `${import.meta.env.BASE_URL}datasets/`).
 * Progress is a fraction of the file: when the server sent `Content-Encoding: gzip` the stream
 * yields inflated bytes, so they are counted against the inflated size from the manifest.
 */
export function fetchSource(baseUrl: string): ByteSource {
  return async (path, progress) => {
    const res = await fetch(new URL(path, new URL(baseUrl, self.location.href)));
    if (!res.ok) throw new Error(`could not load ${path}: HTTP ${res.status}`);
    if (!res.body) return new Uint8Array(await res.arrayBuffer());
    const inflatedByBrowser = /gzip/i.test(res.headers.get('content-encoding') ?? '');
    const exp = progress?.expected;
    const total = exp ? (inflatedByBrowser ? (exp.rawBytes ?? exp.bytes) : exp.bytes) : 0;
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      n += value.length;
      if (total > 0) progress?.onFraction(Math.min(1, n / total));
    }
    progress?.onFraction(1);
    const out = new Uint8Array(n);
    let off = 0;
    for (const c of chunks) {
      out.set(c, off);
      off += c.length;
    }
    return out;
  };
}
