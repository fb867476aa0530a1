import { z } from 'zod';
import type { LayerInfo } from './types';

/** A per-layer number that may be given once for all layers (the lab shows one field per layer). */
export const perLayer = z.union([z.number(), z.array(z.number())]).meta({ perLayer: true });

/** Broadcasts a number or checks an array against the layer count. */
export function broadcast(
  v: number | readonly number[],
  layers: readonly LayerInfo[],
  field: string,
): number[] {
  if (typeof v === 'number') return layers.map(() => v);
  if (v.length !== layers.length)
    throw new Error(
      `${field} needs one value per layer (${layers.map((l) => l.name).join(', ')}): got ${v.length}`,
    );
  return [...v];
}

/** Validates `input` against a zod object schema; the error message names the bad field. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, method: string): T {
  const r = schema.safeParse(input ?? {});
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${method}: ${i?.path.join('.') || 'config'}: ${i?.message ?? 'invalid'}`);
  }
  return r.data;
}

/** The defaults with every field that `set` gives (fields left undefined keep their default). */
export function withDefaults<T extends object>(
  defaults: T,
  set: { readonly [K in keyof T]?: T[K] | undefined },
): T {
  const out = { ...defaults };
  for (const k of Object.keys(set) as (keyof T)[]) {
    const v = set[k];
    if (v !== undefined) out[k] = v as T[keyof T];
  }
  return out;
}
