import { crc32 } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseImageZip } from '../../../../src/core/data/upload/images';
import { readZipDirectory, readZipEntry } from '../../../../src/core/data/upload/zip';
import { isUnsafePath } from '../../../../src/core/data/upload/entries';
import type { ImageOptions } from '../../../../src/core/data/upload/types';
import { centralRecord, centralRecords, concatBytes, grayPng, hugeFile, memFile } from './helpers';

const pngs = (...paths: string[]) =>
  Object.fromEntries(paths.map((p, i) => [p, grayPng(6, 6, (x) => x * 9 + i)]));
const four = pngs('cat/1.png', 'cat/2.png', 'dog/1.png', 'dog/2.png');
const parse = (zip: Uint8Array, options: ImageOptions = {}) =>
  parseImageZip(memFile(zip, 'z.zip'), options);
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** A zip64 archive of stored entries, written by hand (fflate does not write zip64). */
function zip64(files: Record<string, Uint8Array>): Uint8Array {
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const n = enc.encode(name);
    const extra = new Uint8Array(4 + 24);
    const ev = view(extra);
    ev.setUint16(0, 1, true);
    ev.setUint16(2, 24, true);
    ev.setBigUint64(4, BigInt(data.length), true);
    ev.setBigUint64(12, BigInt(data.length), true);
    ev.setBigUint64(20, BigInt(offset), true);
    const local = new Uint8Array(30 + n.length);
    const lv = view(local);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint32(14, crc32(data), true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, n.length, true);
    local.set(n, 30);
    const central = new Uint8Array(46 + n.length + extra.length);
    const cv = view(central);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint32(16, crc32(data), true);
    cv.setUint32(20, 0xffffffff, true);
    cv.setUint32(24, 0xffffffff, true);
    cv.setUint16(28, n.length, true);
    cv.setUint16(30, extra.length, true);
    cv.setUint32(42, 0xffffffff, true);
    central.set(n, 46);
    central.set(extra, 46 + n.length);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const cd = concatBytes(centrals);
  const end64 = new Uint8Array(56);
  const e64 = view(end64);
  e64.setUint32(0, 0x06064b50, true);
  e64.setBigUint64(32, BigInt(centrals.length), true);
  e64.setBigUint64(40, BigInt(cd.length), true);
  e64.setBigUint64(48, BigInt(offset), true);
  const locator = new Uint8Array(20);
  view(locator).setUint32(0, 0x07064b50, true);
  view(locator).setBigUint64(8, BigInt(offset + cd.length), true);
  const end = new Uint8Array(22);
  const ev = view(end);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 0xffff, true);
  ev.setUint16(10, 0xffff, true);
  ev.setUint32(12, 0xffffffff, true);
  ev.setUint32(16, 0xffffffff, true);
  return concatBytes([...locals, cd, end64, locator, end]);
}

describe('zip archives', () => {
  it('reads deflated zips, any entry order, and zip64', async () => {
    const a = await parse(zipSync(four, { level: 9 }));
    const reversed = Object.fromEntries(Object.entries(four).reverse());
    const b = await parse(zipSync(reversed, { level: 0 }));
    const c = await parse(zip64(four));
    for (const r of [a, b, c]) expect(r.ok && r.report.images).toBe(4);
    if (a.ok && b.ok && c.ok) {
      expect(Array.from(b.dataset.train.x)).toEqual(Array.from(a.dataset.train.x));
      expect(Array.from(c.dataset.train.x)).toEqual(Array.from(a.dataset.train.x));
    }
  });

  it('refuses ../ and absolute entries, lists them, and keeps the rest', async () => {
    const evil = pngs(
      '../evil.png',
      '/etc/passwd.png',
      'C:/win.png',
      'cat/../../up.png',
      'cat\\..\\..\\win.png',
    );
    const r = await parse(zipSync({ ...four, ...evil }));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.report.images).toBe(4);
    expect(r.warnings[0]).toMatchObject({
      code: 'skipped-entries',
      reason: 'unsafe-path',
      count: 5,
    });
    expect(r.warnings[0]!.message).toMatch(/refused/);
    expect(['a/b.png', 'a/..b.png', 'x/.../y.png'].map(isUnsafePath)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('refuses a zip over the size cap without reading it', async () => {
    const r = await parseImageZip(hugeFile(150 * 1024 * 1024, 'big.zip'));
    expect(r.ok || r.error).toMatchObject({ code: 'too-large', maxBytes: 100 * 1024 * 1024 });
  });

  it('refuses a zip bomb from its declared sizes before inflating anything', async () => {
    const zip = zipSync(four);
    for (const at of centralRecords(zip)) view(zip).setUint32(at + 24, 0xfffffff0, true);
    const r = await parse(zip);
    expect(r.ok || r.error).toMatchObject({
      code: 'zip-bomb',
      kind: 'declared',
      maxBytes: 1024 ** 3,
    });
    expect(r.ok || r.error.message).toMatch(/was not opened/);
  });

  it('stops inflating an entry that produces more than it declares', async () => {
    const bomb = zipSync({ ...four, 'cat/3.png': new Uint8Array(1024 * 1024) }, { level: 9 });
    view(bomb).setUint32(centralRecord(bomb, 'cat/3.png') + 24, 1000, true);
    const r = await parse(bomb);
    expect(r.ok || r.error).toMatchObject({
      code: 'zip-bomb',
      kind: 'actual',
      entry: 'cat/3.png',
      maxBytes: 1000,
    });
  });

  it('skips entries larger than the entry cap (declared)', async () => {
    const big = grayPng(64, 64, (x, y) => (x * y * 37) & 255);
    const r = await parse(zipSync({ ...four, 'cat/3.png': big }), {
      maxEntryBytes: big.length - 1,
    });
    expect(r.ok && r.warnings[0]).toMatchObject({
      code: 'skipped-entries',
      reason: 'too-large',
      entries: [{ path: 'cat/3.png' }],
    });
  });

  it('skips encrypted entries, unknown compression and damaged data', async () => {
    const zip = zipSync(
      {
        ...four,
        'cat/3.png': grayPng(6, 6),
        'dog/3.png': grayPng(6, 6),
        'dog/4.png': grayPng(6, 6),
      },
      { level: 0 },
    );
    const at = (n: string) => centralRecord(zip, n);
    view(zip).setUint16(at('cat/3.png') + 8, 1, true); // encrypted flag
    view(zip).setUint16(at('dog/3.png') + 10, 12, true); // bzip2
    const local = view(zip).getUint32(at('dog/4.png') + 42, true);
    const byte = local + 30 + 9 + 20; // a byte of dog/4.png's data: the CRC no longer matches
    zip[byte] = zip[byte]! ^ 0xff;
    const r = await parse(zip);
    if (!r.ok) throw new Error(r.error.message);
    const reasons = Object.fromEntries(
      r.warnings.map((w) => [
        w.code === 'skipped-entries' ? w.reason : w.code,
        w.code === 'skipped-entries' ? w.entries : [],
      ]),
    );
    expect(reasons).toEqual({
      unsupported: [
        { path: 'cat/3.png', detail: 'encrypted' },
        { path: 'dog/3.png', detail: 'compression method 12' },
      ],
      'corrupt-image': [{ path: 'dog/4.png', detail: 'damaged zip entry: CRC mismatch' }],
    });
  });

  it.each<[string, (z: Uint8Array) => Uint8Array, string]>([
    ['text', () => new TextEncoder().encode('hello, I am a CSV'), 'not-a-zip'],
    ['an empty file', () => new Uint8Array(0), 'not-a-zip'],
    ['a zip cut short', (z) => z.slice(0, z.length - 30), 'corrupt-zip'],
    [
      'a directory past the end',
      (z) => z.map((v, i) => (i === z.length - 6 ? 0xff : v)),
      'corrupt-zip',
    ],
  ])('%s is %s', async (_, make, code) => {
    const r = await parse(make(zipSync(four)));
    expect(r.ok || r.error.code).toBe(code);
  });

  it('readZipEntry reports damage instead of throwing', () => {
    const zip = zipSync(four, { level: 9 });
    const [e] = readZipDirectory(zip, 'z.zip');
    const broken = zip.slice();
    broken.fill(0x55, e!.localOffset + 40, e!.localOffset + 60);
    expect(readZipEntry(broken, e!, 1e6)).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(readZipEntry(zip, { ...e!, localOffset: zip.length - 10 }, 1e6)).toMatchObject({
      ok: false,
      reason: 'corrupt',
    });
  });
});
