import { fail } from './errors';
import { crc32, inflateLimited } from './inflate';

/** One file in a zip's central directory. */
export interface ZipEntry {
  /** The name as stored (`/` or `\` separated; not yet checked for safety). */
  readonly name: string;
  /** 0 stored, 8 deflated; others cannot be read. */
  readonly method: number;
  readonly encrypted: boolean;
  readonly compressedSize: number;
  /** Uncompressed size as declared; never trusted when inflating. */
  readonly size: number;
  readonly crc: number;
  readonly localOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const u16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number) => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 2 ** 32;

/** True when the bytes start like a zip (a local header, or the end record of an empty zip). */
export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && (u32(b, 0) === LOCAL || u32(b, 0) === EOCD);
}

/**
 * Reads the central directory (zip64 too). Only this directory is read: entry data is touched
 * when an entry is opened, so a zip costs nothing for the entries that are skipped.
 */
export function readZipDirectory(b: Uint8Array, file: string): ZipEntry[] {
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--)
    if (u32(b, i) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) {
    if (isZip(b)) fail({ code: 'corrupt-zip', file, reason: 'the end of the archive is missing' });
    fail({ code: 'not-a-zip', file });
  }
  let count = u16(b, end + 10);
  let size = u32(b, end + 12);
  let offset = u32(b, end + 16);
  const loc = end - 20;
  if ((count === 0xffff || offset === 0xffffffff) && loc >= 0 && u32(b, loc) === EOCD64_LOCATOR) {
    const at = u64(b, loc + 8);
    if (at + 56 > b.length || u32(b, at) !== EOCD64)
      fail({ code: 'corrupt-zip', file, reason: 'bad zip64 end record' });
    count = u64(b, at + 32);
    size = u64(b, at + 40);
    offset = u64(b, at + 48);
  }
  if (offset + size > b.length)
    fail({ code: 'corrupt-zip', file, reason: 'the directory lies past the end of the file' });
  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let i = offset;
  for (let k = 0; k < count; k++) {
    if (i + 46 > b.length || u32(b, i) !== CENTRAL)
      fail({ code: 'corrupt-zip', file, reason: `directory entry ${k + 1} is damaged` });
    const nameLength = u16(b, i + 28);
    const extraLength = u16(b, i + 30);
    const commentLength = u16(b, i + 32);
    const next = i + 46 + nameLength + extraLength + commentLength;
    if (next > b.length)
      fail({ code: 'corrupt-zip', file, reason: `directory entry ${k + 1} is cut short` });
    let compressedSize = u32(b, i + 20);
    let uncompressed = u32(b, i + 24);
    let localOffset = u32(b, i + 42);
    // zip64 extra field (id 1): the 64-bit values of the fields saturated above, in order.
    for (let e = i + 46 + nameLength; e + 4 <= i + 46 + nameLength + extraLength;) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 1) {
        let p = e + 4;
        const take = () =>
          p + 8 <= e + 4 + len && p + 8 <= b.length ? ((p += 8), u64(b, p - 8)) : undefined;
        if (uncompressed === 0xffffffff) uncompressed = take() ?? uncompressed;
        if (compressedSize === 0xffffffff) compressedSize = take() ?? compressedSize;
        if (localOffset === 0xffffffff) localOffset = take() ?? localOffset;
      }
      e += 4 + len;
    }
    entries.push({
      name: names.decode(b.subarray(i + 46, i + 46 + nameLength)),
      method: u16(b, i + 10),
      encrypted: (u16(b, i + 8) & 1) === 1,
      compressedSize,
      size: uncompressed,
      crc: u32(b, i + 16),
      localOffset,
    });
    i = next;
  }
  return entries;
}

/** An entry's bytes, or why they could not be had (`bomb`: it inflates past its declared size). */
export type EntryBytes =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: 'corrupt' | 'bomb'; readonly detail: string };

/**
 * Inflates one entry with a running limit of its declared size (and `maxBytes`): an entry that
 * produces more than it declares is a zip bomb, whatever its header says. The CRC is checked.
 */
export function readZipEntry(b: Uint8Array, e: ZipEntry, maxBytes: number): EntryBytes {
  const at = e.localOffset;
  if (at + 30 > b.length || u32(b, at) !== LOCAL)
    return { ok: false, reason: 'corrupt', detail: 'bad local header' };
  const start = at + 30 + u16(b, at + 26) + u16(b, at + 28);
  if (start + e.compressedSize > b.length)
    return { ok: false, reason: 'corrupt', detail: 'data past the end of the file' };
  const data = b.subarray(start, start + e.compressedSize);
  let bytes: Uint8Array;
  if (e.method === 0) {
    if (e.compressedSize !== e.size)
      return { ok: false, reason: 'corrupt', detail: 'stored sizes disagree' };
    bytes = data;
  } else {
    const r = inflateLimited(data, 'deflate', Math.min(e.size, maxBytes));
    if (!r.ok)
      return {
        ok: false,
        reason: r.reason === 'over-limit' ? 'bomb' : 'corrupt',
        detail: r.detail,
      };
    bytes = r.bytes;
  }
  if (bytes.length !== e.size)
    return { ok: false, reason: 'corrupt', detail: 'size differs from the directory' };
  if (crc32(bytes) !== e.crc) return { ok: false, reason: 'corrupt', detail: 'CRC mismatch' };
  return { ok: true, bytes };
}
