import type { LinkSetup } from './setup';
import type { Link, SettingValue } from './schema';
import { LINK_KEYS } from './schema';

/**
 * The link of a setup. It names every setting of the run (data, model, method and its settings,
 * start, budget, batch, seed, optimizer, learning rate), so the same seed gives the same initial
 * weights and batches wherever it opens; it never carries trained weights.
 */
export function linkOf(setup: LinkSetup): Link {
  const c = setup.config;
  const settings = Object.entries(c.methodConfig).filter((e): e is [string, SettingValue] =>
    isSettingValue(e[1]),
  );
  return {
    ...(c.source.kind === 'builtin' ? { dataset: c.source.id } : { upload: c.source.key }),
    model: c.model.id,
    ...(c.model.id === 'mlp' ? { hidden: [...(c.model.hidden ?? [16, 16])] } : {}),
    method: c.method,
    ...(settings.length ? { settings: Object.fromEntries(settings) } : {}),
    start: c.start,
    pretrain: c.pretrainEpochs,
    epochs: c.epochs,
    batch: c.batchSize,
    seed: c.seed,
    optimizer: c.optimizer,
    ...(c.lr !== null ? { lr: c.lr } : {}),
    ...(c.validateEvery ? { validateEvery: c.validateEvery } : {}),
    ...(setup.backend !== 'auto' ? { backend: setup.backend } : {}),
    ...(setup.speed !== null ? { speed: setup.speed } : {}),
    ...(setup.tab !== 'live' ? { tab: setup.tab } : {}),
    ...(setup.views ? { views: setup.views } : {}),
    ...(setup.hide.length ? { hide: setup.hide } : {}),
    ...(setup.open !== 'paused' ? { open: setup.open } : {}),
    ...(setup.lesson ? { lesson: setup.lesson } : {}),
  };
}

function isSettingValue(v: unknown): v is SettingValue {
  return (
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    typeof v === 'string' ||
    (Array.isArray(v) && v.every((x) => typeof x === 'number'))
  );
}

const text = (v: SettingValue): string => (Array.isArray(v) ? v.join(',') : String(v));

/** A link as address text (`dataset=circle&model=mlp&hidden=16,16&…`); method settings are keys of their own. */
export function linkText(link: Link): string {
  const q = new URLSearchParams();
  for (const key of LINK_KEYS) {
    const v = link[key];
    if (v === undefined) continue;
    if (key === 'settings') {
      for (const [k, s] of Object.entries(v as Record<string, SettingValue>)) q.set(k, text(s));
    } else q.set(key, text(v as SettingValue));
  }
  // Commas stay readable: they need no escaping in a query or a fragment.
  return q.toString().replace(/%2C/g, ',');
}

/** The shareable address: this page with the link in its hash (a hash never reaches a server). */
export function shareUrl(page: { origin: string; pathname: string }, link: Link): string {
  return `${page.origin}${page.pathname}#${linkText(link)}`;
}
