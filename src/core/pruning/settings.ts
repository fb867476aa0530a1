import { z } from 'zod';
import type { PrunerSpec } from './types';

/** How the lab edits one setting of a method. */
export type SettingKind = 'number' | 'integer' | 'boolean' | 'choice' | 'numbers';

/** One setting of a method as its schema declares it (plain data: it travels to the page). */
export interface SettingInfo {
  readonly key: string;
  readonly kind: SettingKind;
  /** The allowed values of a `choice`. */
  readonly options?: readonly string[];
  /** Bounds of a number (of each entry for `numbers`); `exclusive…` makes a bound strict. */
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: boolean;
  readonly exclusiveMax?: boolean;
  /** `numbers` with one value per layer (a single number fills every layer). */
  readonly perLayer?: boolean;
}

type JsonSchema = {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly JsonSchema[];
  readonly items?: JsonSchema;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly perLayer?: boolean;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
};

/** Bounds of a JSON-schema number; zod's ±2^53 guards on integers say nothing to a person. */
function bounds(s: JsonSchema): Pick<SettingInfo, 'min' | 'max' | 'exclusiveMin' | 'exclusiveMax'> {
  const out: { min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean } = {};
  const big = Number.MAX_SAFE_INTEGER;
  if (s.exclusiveMinimum !== undefined)
    Object.assign(out, { min: s.exclusiveMinimum, exclusiveMin: true });
  else if (s.minimum !== undefined && s.minimum > -big) out.min = s.minimum;
  if (s.exclusiveMaximum !== undefined)
    Object.assign(out, { max: s.exclusiveMaximum, exclusiveMax: true });
  else if (s.maximum !== undefined && s.maximum < big) out.max = s.maximum;
  return out;
}

/** One property of a method's JSON schema as a setting, or null when the form cannot edit it. */
function describe(key: string, s: JsonSchema): SettingInfo | null {
  if (s.type === 'boolean') return { key, kind: 'boolean' };
  if (s.type === 'number' || s.type === 'integer')
    return { key, kind: s.type === 'integer' ? 'integer' : 'number', ...bounds(s) };
  if (s.type === 'string' && s.enum) return { key, kind: 'choice', options: s.enum.map(String) };
  const list = s.type === 'array' ? s : s.anyOf?.find((o) => o.type === 'array');
  if (list?.items && (list.items.type === 'number' || list.items.type === 'integer'))
    return {
      key,
      kind: 'numbers',
      ...bounds(list.items),
      ...(s.perLayer ? { perLayer: true } : {}),
    };
  return null;
}

/** Whether a number meets a setting's bounds (the settings form and links check with it). */
export function withinBounds(s: SettingInfo, v: number): boolean {
  if (s.kind === 'integer' && !Number.isInteger(v)) return false;
  if (s.min !== undefined && (s.exclusiveMin ? v <= s.min : v < s.min)) return false;
  if (s.max !== undefined && (s.exclusiveMax ? v >= s.max : v > s.max)) return false;
  return true;
}

/** The settings of a method, read from the schema its `resolve` checks (empty without one). */
export function describeSettings(spec: Pick<PrunerSpec, 'schema'>): SettingInfo[] {
  if (!spec.schema) return [];
  const json = z.toJSONSchema(spec.schema, { unrepresentable: 'any' }) as JsonSchema;
  return Object.entries(json.properties ?? {}).flatMap(([key, s]) => describe(key, s) ?? []);
}
