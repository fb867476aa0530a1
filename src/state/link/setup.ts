import type { LabTab } from '../compareTypes';
import { DEFAULT_CONFIG, datasetDefaults } from '../configRules';
import type { BackendRequest, LabConfig } from '../types';
import { BUILTIN_FACTS } from '../../core/data/facts';
import type { LinkContext } from './check';
import { checkLink, linkModel } from './check';
import type { ControlId, DroppedKey, Link, OpenMode, ViewId } from './schema';

/** Everything a link sets: the run's config and how the lab shows it. */
export interface LinkSetup {
  readonly config: LabConfig;
  readonly backend: BackendRequest;
  /** Steps per second; null for full speed. */
  readonly speed: number | null;
  readonly tab: LabTab;
  /** The live views shown; null for all. */
  readonly views: readonly ViewId[] | null;
  readonly hide: readonly ControlId[];
  readonly open: OpenMode;
  readonly lesson: string | null;
}

/** The config a link's data starts from: a built-in set's defaults (the default preset without one). */
export function baseConfig(link: Link): LabConfig {
  return link.dataset
    ? {
        ...DEFAULT_CONFIG,
        source: { kind: 'builtin', id: link.dataset },
        ...datasetDefaults(link.dataset),
      }
    : DEFAULT_CONFIG;
}

/** A checked link over its base config (the data's defaults, or an upload's suggested settings). */
export function linkSetup(link: Link, base: LabConfig = baseConfig(link)): LinkSetup {
  const config: LabConfig = {
    ...base,
    model: link.model || link.hidden ? linkModel(link, base) : base.model,
    method: link.method ?? base.method,
    methodConfig: link.settings ? { ...link.settings } : link.method ? {} : base.methodConfig,
    start: link.start ?? base.start,
    pretrainEpochs: link.pretrain ?? base.pretrainEpochs,
    epochs: link.epochs ?? base.epochs,
    batchSize: link.batch ?? base.batchSize,
    seed: link.seed ?? base.seed,
    optimizer: link.optimizer ?? base.optimizer,
    lr: link.lr ?? base.lr,
    validateEvery: link.validateEvery ?? base.validateEvery,
  };
  return {
    config,
    backend: link.backend ?? 'auto',
    speed: link.speed ?? null,
    tab: link.tab ?? 'live',
    views: link.views ?? null,
    hide: [...new Set(link.hide ?? [])],
    open: link.open ?? 'paused',
    lesson: link.lesson ?? null,
  };
}

/**
 * A parsed link on built-in data, checked against the methods and set up: what the page does
 * with a link that names no upload.
 */
export function resolveLink(
  parsed: { link: Link; dropped: readonly DroppedKey[] },
  methods: LinkContext['methods'],
): { setup: LinkSetup; dropped: DroppedKey[] } {
  const base = baseConfig(parsed.link);
  const data = BUILTIN_FACTS[base.source.kind === 'builtin' ? base.source.id : 'mnist'];
  const checked = checkLink(parsed.link, { data, methods, base });
  return { setup: linkSetup(checked.link, base), dropped: [...parsed.dropped, ...checked.dropped] };
}
