import { Gunzip, Inflate, Unzlib } from 'fflate';

/** The container around a DEFLATE stream. */
export type InflateFormat = 'deflate' | 'zlib' | 'gzip';

export type InflateResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: 'over-limit' | 'corrupt'; readonly detail: string };

/** Compressed bytes pushed per step: one step inflates to at most ~1032x this (DEFLATE's ratio). */
const CHUNK_BYTES = 16 * 1024;

/**
 * Inflates `data`, stopping as soon as the output passes `limitBytes`, so a zip bomb costs at most
 * the limit plus one chunk's output. Never throws: bad data is `corrupt`.
 */
export function inflateLimited(
  data: Uint8Array,
  format: InflateFormat,
  limitBytes: number,
): InflateResult {
  const parts: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const onData = (chunk: Uint8Array) => {
    if (over) return;
    total += chunk.length;
    if (total > limitBytes) over = true;
    else parts.push(chunk);
  };
  try {
    const stream =
      format === 'gzip'
        ? new Gunzip(onData)
        : format === 'zlib'
          ? new Unzlib(onData)
          : new Inflate(onData);
    if (data.length === 0) return { ok: false, reason: 'corrupt', detail: 'no compressed data' };
    for (let at = 0; at < data.length && !over; at += CHUNK_BYTES) {
      const end = Math.min(data.length, at + CHUNK_BYTES);
      stream.push(data.subarray(at, end), end === data.length);
    }
  } catch (e) {
    return { ok: false, reason: 'corrupt', detail: e instanceof Error ? e.message : String(e) };
  }
  if (over) return { ok: false, reason: 'over-limit', detail: `more than ${limitBytes} bytes` };
  return { ok: true, bytes: concat(parts, total) };
}

/** Joins byte chunks into one array of `total` bytes. */
export function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1 && parts[0]!.length === total) return parts[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309, as in zip and PNG) of `bytes`, continuing from `crc`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
