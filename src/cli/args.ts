import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

/** A command-line usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Parses a `--set key=value` value: numbers, comma lists of numbers, booleans, or strings. */
export function parseSetting(raw: string): [string, unknown] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set expects key=value, got "${raw}"`);
  const key = raw.slice(0, eq);
  const v = raw.slice(eq + 1);
  return [key, parseValue(v)];
}

function parseValue(v: string): unknown {
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^[-+0-9.eE]+(,[-+0-9.eE]+)+$/.test(v)) return v.split(',').map(Number);
  if (v !== '' && !Number.isNaN(Number(v))) return Number(v);
  return v;
}

/** A positive number flag, or a usage error naming the flag. */
export function numberFlag(
  name: string,
  v: string | undefined,
  opts: { int?: boolean; min?: number } = {},
): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || (opts.int && !Number.isInteger(n)) || n < (opts.min ?? 0))
    throw new UsageError(
      `--${name} expects ${opts.int ? 'an integer' : 'a number'} ≥ ${opts.min ?? 0}, got "${v}"`,
    );
  return n;
}

/** A comma list of numbers, e.g. "2.6,2.7,2". */
export function numberList(name: string, v: string | undefined): number[] | undefined {
  if (v === undefined) return undefined;
  const parts = v.split(',').map(Number);
  if (parts.some((p) => !Number.isFinite(p)))
    throw new UsageError(`--${name} expects numbers separated by commas, got "${v}"`);
  return parts;
}

/** Parses `argv` against `options` (no positionals); an unknown or malformed flag is a usage error. */
export function parseFlags<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0]! : String(e));
  }
}
