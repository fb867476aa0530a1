import type { BackendRequest } from '../worker/protocol';
import { BACKEND_ORDER as BACKENDS, START_ORDER as START_MODES } from '../worker/protocol';
import { isBuiltinDataset } from '../core/data/ids';
import { METHOD_IDS } from '../core/pruning/types';
import type { MethodId } from '../core/pruning/types';
import { MODEL_IDS } from '../core/models/types';
import type { ModelId } from '../core/models/types';
import { DEFAULT_CONFIG, datasetDefaults } from './configRules';
import type { LabConfig } from './types';

export interface UrlSettings {
  readonly config: LabConfig;
  readonly backend: BackendRequest;
  readonly speed: number | null;
  readonly autoplay: boolean;
}

const TOP = new Set([
  'dataset',
  'model',
  'hidden',
  'method',
  'start',
  'pretrain',
  'epochs',
  'batch',
  'seed',
  'lr',
  'optimizer',
  'backend',
  'speed',
  'autoplay',
  'validateEvery',
]);

function numbers(v: string): number[] | null {
  const xs = v.split(',').map((x) => Number(x.trim()));
  return xs.length > 0 && xs.every((x) => Number.isFinite(x)) ? xs : null;
}

function positive(v: string | null): number | undefined {
  const x = v === null ? NaN : Number(v);
  return Number.isFinite(x) && x > 0 ? x : undefined;
}

/**
 * Settings from the address (`?dataset=circle&model=mlp&backend=webgpu&start=pretrain&c=1`), so a
 * setup can be shared and tests can open one directly. Unknown or bad values keep the defaults;
 * any other numeric parameter is a method setting (`c=2.6,2.7,2`, `gamma=1e-4`).
 */
export function settingsFromQuery(search: string): UrlSettings {
  const q = new URLSearchParams(search);
  const dataset = q.get('dataset');
  const id = dataset && isBuiltinDataset(dataset) ? dataset : null;
  let config: LabConfig = id
    ? { ...DEFAULT_CONFIG, source: { kind: 'builtin', id }, ...datasetDefaults(id) }
    : DEFAULT_CONFIG;
  const model = q.get('model');
  if (model && (MODEL_IDS as readonly string[]).includes(model)) {
    const hidden = numbers(q.get('hidden') ?? '');
    config = {
      ...config,
      model: { id: model as ModelId, ...(model === 'mlp' ? { hidden: hidden ?? [16, 16] } : {}) },
    };
  }
  const method = q.get('method');
  if (method && (METHOD_IDS as readonly string[]).includes(method))
    config = { ...config, method: method as MethodId };
  const start = q.get('start');
  if (start && (START_MODES as readonly string[]).includes(start))
    config = { ...config, start: start as LabConfig['start'] };
  const opt = q.get('optimizer');
  if (opt === 'sgd' || opt === 'adam') config = { ...config, optimizer: opt };
  const n = (k: string) => positive(q.get(k));
  config = {
    ...config,
    pretrainEpochs: n('pretrain') ?? config.pretrainEpochs,
    epochs: n('epochs') ?? config.epochs,
    batchSize: Math.round(n('batch') ?? config.batchSize),
    seed:
      q.has('seed') && Number.isInteger(Number(q.get('seed')))
        ? Number(q.get('seed'))
        : config.seed,
    lr: n('lr') ?? config.lr,
    validateEvery: Math.round(n('validateEvery') ?? config.validateEvery),
  };
  const methodConfig: Record<string, unknown> = {};
  for (const [k, v] of q) {
    const xs = TOP.has(k) ? null : numbers(v);
    if (xs) methodConfig[k] = xs.length === 1 ? xs[0] : xs;
  }
  if (Object.keys(methodConfig).length) config = { ...config, methodConfig };
  const b = q.get('backend');
  const backend: BackendRequest =
    b && (BACKENDS as readonly string[]).includes(b) ? (b as BackendRequest) : 'auto';
  return { config, backend, speed: n('speed') ?? null, autoplay: q.get('autoplay') === '1' };
}
