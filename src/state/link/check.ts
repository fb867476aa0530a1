import type { DataFacts } from '../../core/data/facts';
import { architecture, layerInfos } from '../../core/models/zoo';
import type { ModelConfig } from '../../core/models/types';
import type { SettingInfo } from '../../core/pruning/settings';
import { withinBounds } from '../../core/pruning/settings';
import type { MethodInfo } from '../../worker/protocol';
import type { LabConfig } from '../types';
import { shownKey } from './parse';
import type { DroppedKey, Link, SettingValue } from './schema';
import { listFromText, MAX_LINK_PARAMS, numberFromText } from './schema';

/** What a link is checked against once its data and the methods are known. */
export interface LinkContext {
  /** The data the run trains on; null while unknown (then the data checks wait). */
  readonly data: DataFacts | null;
  /** The methods and their settings (the worker's `hello`); null when they never came. */
  readonly methods: readonly Pick<MethodInfo, 'id' | 'title' | 'settings'>[] | null;
  /** The config the link starts from (the defaults of its data). */
  readonly base: LabConfig;
}

/** The model a link asks for on top of a base config (hidden widths only for the MLP). */
export function linkModel(link: Link, base: LabConfig): ModelConfig {
  const id = link.model ?? base.model.id;
  if (id !== 'mlp') return { id };
  const hidden = link.hidden ?? (base.model.id === 'mlp' ? base.model.hidden : undefined);
  return { id, hidden: [...(hidden ?? [16, 16])] };
}

/** Weights and biases of a model on some data; throws when the model cannot take that data. */
export function parameterCount(model: ModelConfig, data: DataFacts): number {
  const arch = architecture(model, data.inputShape, data.numClasses);
  return layerInfos(arch).reduce((n, l) => n + l.size, 0);
}

/** The values a setting allows, in words. */
function rangeText(s: SettingInfo): string {
  const lo = s.min === undefined ? null : `${s.exclusiveMin ? 'above' : 'at least'} ${s.min}`;
  const hi = s.max === undefined ? null : `${s.exclusiveMax ? 'below' : 'at most'} ${s.max}`;
  const whole = s.kind === 'integer' ? 'a whole number' : 'a number';
  return [whole, lo, hi].filter(Boolean).join(', ');
}

/** A method setting from a link in the form the method takes, or why it cannot be one. */
export function settingValue(
  s: SettingInfo,
  v: SettingValue,
  layers: number | null,
): { value: SettingValue } | { reason: string } {
  const bounds = (x: number) =>
    Number.isFinite(x) && Math.abs(x) <= 1e9 && withinBounds(s, x)
      ? null
      : `${x} is not allowed (${rangeText(s)})`;
  switch (s.kind) {
    case 'boolean':
      if (v === true || v === 'true' || v === '1') return { value: true };
      if (v === false || v === 'false' || v === '0') return { value: false };
      return { reason: 'must be true or false' };
    case 'choice':
      return typeof v === 'string' && (s.options ?? []).includes(v)
        ? { value: v }
        : { reason: `must be one of ${(s.options ?? []).join(', ')}` };
    case 'number':
    case 'integer': {
      const x = numberFromText(v);
      if (typeof x !== 'number') return { reason: 'must be a number' };
      const bad = bounds(x);
      return bad ? { reason: bad } : { value: x };
    }
    case 'numbers': {
      const xs = typeof v === 'number' ? [v] : listFromText(v, numberFromText);
      if (!Array.isArray(xs) || xs.length === 0 || xs.some((x) => typeof x !== 'number'))
        return { reason: 'must be numbers separated by commas' };
      const nums = xs as number[];
      if (nums.length > 64) return { reason: 'too many numbers' };
      const bad = nums.map(bounds).find((r) => r !== null);
      if (bad) return { reason: bad };
      if (s.perLayer && nums.length !== 1 && layers !== null && nums.length !== layers)
        return { reason: `needs one value per layer (${layers}) or one for all` };
      return { value: s.perLayer && nums.length === 1 ? nums[0]! : nums };
    }
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The checks that need the data and the methods: at most 2 M parameters, a batch no larger than
 * the training set, and method settings within the method's schema. Each failing key is dropped.
 */
export function checkLink(input: Link, ctx: LinkContext): { link: Link; dropped: DroppedKey[] } {
  const link: Mutable<Link> = { ...input };
  const dropped: DroppedKey[] = [];
  const drop = (key: keyof Link | string, reason: string) => {
    delete (link as Record<string, unknown>)[key];
    dropped.push({ key: shownKey(key), reason });
  };
  if (link.hidden && (link.model ?? ctx.base.model.id) !== 'mlp')
    drop('hidden', 'only the MLP has hidden widths');
  let layers: number | null = null;
  if (ctx.data) {
    const data = ctx.data;
    const fits = (m: ModelConfig): string | null => {
      try {
        const n = parameterCount(m, data);
        return n > MAX_LINK_PARAMS
          ? `${n.toLocaleString('en')} parameters; a link allows at most 2 M`
          : null;
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    };
    let why = fits(linkModel(link, ctx.base));
    if (why && link.hidden) {
      drop('hidden', why);
      why = fits(linkModel(link, ctx.base));
    }
    if (why && link.model) drop('model', why);
    const model = linkModel(link, ctx.base);
    layers = layerInfos(architecture(model, data.inputShape, data.numClasses)).length;
    if (link.batch !== undefined && link.batch > data.trainCount)
      drop('batch', `larger than the training set (${data.trainCount} examples)`);
  }
  if (link.settings) {
    const method = link.method ?? ctx.base.method;
    const spec = ctx.methods?.find((m) => m.id === method);
    const kept: Record<string, SettingValue> = {};
    for (const [key, v] of Object.entries(link.settings)) {
      const info = spec?.settings.find((s) => s.key === key);
      if (!ctx.methods) dropped.push({ key: shownKey(key), reason: 'could not be checked' });
      else if (!info || !spec)
        dropped.push({
          key: shownKey(key),
          reason: `not a setting of the lab or of ${spec?.title ?? method}`,
        });
      else {
        const r = settingValue(info, v, layers);
        if ('value' in r) kept[key] = r.value;
        else dropped.push({ key: shownKey(key), reason: r.reason });
      }
    }
    if (Object.keys(kept).length > 0) link.settings = kept;
    else delete link.settings;
  }
  return { link, dropped };
}
