import { gunzipSync } from 'fflate';

/** True when the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Inflates gzip bytes, or returns them as they are when they are not gzip. Dev servers send `.gz`
 * with `Content-Encoding: gzip`, so the browser may already have inflated the body: sniff, never
 * trust the extension. A raw uint8 data file starts with a pixel or a label, never with 1f 8b.
 */
export function maybeGunzip(bytes: Uint8Array): Uint8Array {
  return isGzip(bytes) ? gunzipSync(bytes) : bytes;
}
