import { createRng, hashString } from '../../rng';
import { stratifiedPartition } from '../split';
import type { ClassCount, UploadWarning } from './errors';
import { fail, UploadAbort, uploadError, uploadWarning } from './errors';
import type { BlobLike, Imbalance, SplitOptions, SplitSizes, UploadResult } from './types';
import type { Dataset } from '../types';

/** Largest/smallest class ratio from which the preview warns of heavy imbalance. */
export const IMBALANCE_RATIO = 10;

/** Collects warnings while a parse runs. */
export type Warn = (w: UploadWarning) => void;

/**
 * Runs a parse and turns every way it can end into an `UploadResult`: typed aborts become errors,
 * anything else (a bug) becomes an `internal` error. Public entry points never throw.
 */
export async function guarded<R>(
  file: string,
  run: (warn: Warn) => Promise<{ dataset: Dataset; report: R }>,
): Promise<UploadResult<R>> {
  const warnings: UploadWarning[] = [];
  try {
    const { dataset, report } = await run((w) => warnings.push(w));
    return { ok: true, dataset, report, warnings };
  } catch (e) {
    if (e instanceof UploadAbort) return { ok: false, error: e.error, warnings };
    const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, error: uploadError({ code: 'internal', file, reason }), warnings };
  }
}

/** Reads a whole file, refusing it from its declared `size` before reading when over the cap. */
export async function readCapped(
  file: BlobLike,
  name: string,
  maxBytes: number,
): Promise<Uint8Array> {
  const declared = Number(file.size);
  if (!(declared <= maxBytes))
    fail({ code: 'too-large', file: name, bytes: declared, maxBytes, inflated: false });
  let buffer: ArrayBuffer;
  try {
    buffer = await file.arrayBuffer();
  } catch (e) {
    fail({ code: 'read-failed', file: name, reason: e instanceof Error ? e.message : String(e) });
  }
  if (buffer.byteLength > maxBytes)
    fail({ code: 'too-large', file: name, bytes: buffer.byteLength, maxBytes, inflated: false });
  return new Uint8Array(buffer);
}

/** Checks that an option is a finite number in [min, max] (or absent: the default). */
export function numberOption(
  name: string,
  value: number | undefined,
  dflt: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return dflt;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    fail({
      code: 'bad-option',
      option: name,
      reason: `must be a number from ${min} to ${max}, got ${String(value)}`,
    });
  return value;
}

/** Row indices of a seeded stratified train/validation/test split. */
export interface SplitIndices {
  readonly train: Uint32Array;
  readonly validation: Uint32Array;
  readonly test: Uint32Array;
}

/**
 * Splits examples 0..n-1 with `stratifiedPartition` (the same seeded split as the built-in tabular
 * sets): the partition moves one Float32 "feature" per example, the example's own index.
 */
export function splitIndices(y: Uint8Array, opts: SplitOptions, file: string): SplitIndices {
  const v = numberOption('validationFraction', opts.validationFraction, 0.2, 0, 0.45);
  const t = numberOption('testFraction', opts.testFraction, 0.2, 0, 0.45);
  const seed = numberOption('seed', opts.seed, 1, 0, 2 ** 32 - 1);
  const index = new Float32Array(y.length);
  for (let i = 0; i < y.length; i++) index[i] = i;
  const parts = stratifiedPartition(
    { count: y.length, x: index, y },
    [1 - v - t, v, t],
    createRng(seed).fork('split'),
  );
  const [train, validation, test] = parts.map((p) => Uint32Array.from(p.x));
  if (train!.length === 0 || (v > 0 && validation!.length === 0) || (t > 0 && test!.length === 0))
    fail({ code: 'too-few-examples', file, count: y.length });
  return { train: train!, validation: validation!, test: test! };
}

/** The sizes of a split, for the report. */
export function splitSizes(s: SplitIndices): SplitSizes {
  return { train: s.train.length, validation: s.validation.length, test: s.test.length };
}

/** Largest over smallest class count, and whether it is heavy enough to warn about. */
export function imbalance(classes: readonly ClassCount[], file: string, warn: Warn): Imbalance {
  let big = classes[0]!;
  let small = classes[0]!;
  for (const c of classes) {
    if (c.count > big.count) big = c;
    if (c.count < small.count) small = c;
  }
  const ratio = big.count / Math.max(1, small.count);
  const heavy = ratio >= IMBALANCE_RATIO;
  if (heavy)
    warn(uploadWarning({ code: 'imbalanced', file, largest: big, smallest: small, ratio }));
  return { ratio, heavy };
}

/** FNV-1a over bytes, continuing from `h`. */
export function hashBytes(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/** A stable dataset id from the file name, its content hash and the options. */
export function uploadId(name: string, contentHash: number, options: unknown): string {
  const slug =
    name
      .toLowerCase()
      .replace(/\.[a-z0-9]+$/, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'data';
  const h = (contentHash ^ hashString(JSON.stringify(canonical(options ?? {})))) >>> 0;
  return `upload-${slug}-${h.toString(16).padStart(8, '0')}`;
}

/** A value with object keys sorted and undefined fields dropped, so equal options hash equal. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => [k, canonical(x)]),
  );
}

/** Sorts names so that `class2` comes before `class10`. */
export function naturalCompare(a: string, b: string): number {
  return (
    a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant' }) ||
    (a < b ? -1 : a > b ? 1 : 0)
  );
}
