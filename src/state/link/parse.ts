import type { z } from 'zod';
import type { DroppedKey, Link, LinkKey, SettingValue } from './schema';
import { LINK_FIELDS, SETTING_KEY } from './schema';

/** Longest value a link may give one key, and most keys it may carry. */
export const MAX_VALUE_CHARS = 2000;
export const MAX_LINK_KEYS = 64;
/** Longest key name a notice repeats (a longer one is cut). */
const KEY_SHOWN = 40;

/** A key as a notice may name it: printable, short (it is rendered as text, never as HTML). */
export function shownKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = key.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > KEY_SHOWN ? `${clean.slice(0, KEY_SHOWN)}…` : clean;
}

/** The first zod issue as a short reason. */
function reasonOf(e: z.ZodError): string {
  const msg = e.issues[0]?.message ?? 'invalid';
  return msg.startsWith('Invalid') ? 'not a valid value' : msg;
}

/** Key/value pairs of one part of an address; one key given twice with two values is dropped. */
function pairs(text: string, dropped: DroppedKey[]): Map<string, string> {
  const out = new Map<string, string>();
  const conflict = new Set<string>();
  for (const [k, v] of new URLSearchParams(text)) {
    if (k === '' && v === '') continue;
    const was = out.get(k);
    if (was !== undefined && was !== v) conflict.add(k);
    out.set(k, v);
  }
  for (const k of conflict) {
    out.delete(k);
    dropped.push({ key: shownKey(k), reason: 'given twice with different values' });
  }
  return out;
}

/**
 * The key/value pairs of an address: the query string and the hash (`#dataset=circle&…`), the
 * hash winning where both give a key. A hash without `=` is an anchor, not settings.
 */
export function readAddress(
  search: string,
  hash: string,
): { fields: Map<string, string>; dropped: DroppedKey[] } {
  const dropped: DroppedKey[] = [];
  const query = pairs(search.replace(/^\?/, ''), dropped);
  const h = hash.replace(/^#[?/]?/, '');
  const fromHash = h.includes('=') ? pairs(h, dropped) : new Map<string, string>();
  const fields = new Map([...query, ...fromHash]);
  const keys = [...fields.keys()];
  if (keys.length > MAX_LINK_KEYS) {
    for (const k of keys.slice(MAX_LINK_KEYS)) fields.delete(k);
    dropped.push({
      key: `${keys.length - MAX_LINK_KEYS} more keys`,
      reason: `a link carries at most ${MAX_LINK_KEYS} keys`,
    });
  }
  return { fields, dropped };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Checks each field of a link on its own: a field that fails is dropped and named, the others
 * stay. `raw` is an address's pairs (strings) or a lesson file's object; in an address any key
 * that is not a link field is a method setting (`c=2.6,2.7,2`), checked later against the method.
 */
export function parseFields(raw: ReadonlyMap<string, unknown>): {
  link: Link;
  dropped: DroppedKey[];
} {
  const link: Mutable<Link> = {};
  const dropped: DroppedKey[] = [];
  const settings: Record<string, SettingValue> = {};
  const drop = (key: string, reason: string) => dropped.push({ key: shownKey(key), reason });
  for (const [key, value] of raw) {
    if (typeof value === 'string' && value.length > MAX_VALUE_CHARS) {
      drop(key, `longer than ${MAX_VALUE_CHARS} characters`);
      continue;
    }
    if (key === 'autoplay') {
      if (value === '1' || value === true) {
        if (!raw.has('open')) link.open = 'play';
      } else if (value !== '0' && value !== false) drop(key, 'must be 1 or 0');
      continue;
    }
    if (key === 'settings' && typeof value === 'string') {
      drop(key, 'not a setting of this lab'); // in an address, settings are keys of their own
      continue;
    }
    if (Object.hasOwn(LINK_FIELDS, key) && key !== 'settings') {
      const r = LINK_FIELDS[key as Exclude<LinkKey, 'settings'>].safeParse(value);
      if (r.success) (link as Record<string, unknown>)[key] = r.data;
      else drop(key, reasonOf(r.error));
      continue;
    }
    if (
      key === 'settings' &&
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value)
    ) {
      for (const [k, v] of Object.entries(value)) {
        const r = LINK_FIELDS.settings.safeParse({ [k]: v });
        if (r.success) Object.assign(settings, r.data);
        else drop(k, 'not a valid method setting');
      }
      continue;
    }
    if (typeof value === 'string' && SETTING_KEY.test(key) && !Object.hasOwn(LINK_FIELDS, key)) {
      settings[key] = value;
      continue;
    }
    drop(key, 'not a setting of this lab');
  }
  if (Object.keys(settings).length > 0) link.settings = settings;
  return { link, dropped };
}

/** A link from an address: its pairs, each checked on its own, with every key dropped named. */
export function parseAddress(search: string, hash: string): { link: Link; dropped: DroppedKey[] } {
  const a = readAddress(search, hash);
  const p = parseFields(a.fields);
  return { link: p.link, dropped: [...a.dropped, ...p.dropped] };
}

/** A link or lesson setup from a JSON object (a lesson file): the same checks, key by key. */
export function parseObject(obj: unknown): { link: Link; dropped: DroppedKey[] } {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    return { link: {}, dropped: [{ key: 'setup', reason: 'not an object of settings' }] };
  return parseFields(new Map(Object.entries(obj)));
}
