import { modelLabel } from '../core/models/zoo';
import type { MethodId } from '../core/pruning/types';
import { planSweepWith } from '../core/train/sweepPlan';
import type { SweepJob } from '../core/train/sweepPlan';
import type { CompareSpec } from '../worker/compareProtocol';
import type { MethodInfo } from '../worker/protocol';
import { buildSpec, sourceId } from './configRules';
import type { CompareForm } from './compareTypes';
import type { LabConfig, UploadedDataset } from './types';

/** A compare form to start from: DNS against IMP and AGP at two targets, two seeds. */
export const DEFAULT_COMPARE_FORM: CompareForm = {
  methods: ['dns', 'imp', 'agp'],
  targets: [0.9, 0.95],
  seeds: [1, 2],
  epochs: null,
  // `lab sweep`'s default: c from the weight distribution, corrected by two short DNS pilots.
  calibration: { mode: 'pilot', pilotEpochs: 2, rounds: 2 },
};

/** The budget every run of the compare gets, in epochs. */
export function compareEpochs(form: CompareForm, config: LabConfig): number {
  return form.epochs ?? config.epochs;
}

/** The queue a form plans, exactly as the worker (and `lab sweep`) will run it. */
export function planCompare(form: CompareForm, methods: readonly MethodInfo[]): SweepJob[] {
  const known = new Map(methods.map((m) => [m.id as string, m]));
  const listed = form.methods.filter((m) => known.has(m));
  return planSweepWith(listed, form.targets, form.seeds, (m) => known.get(m)!);
}

/** The settings each method gets: the sidebar's for the sidebar's method, defaults otherwise. */
export function compareSettings(
  form: CompareForm,
  config: LabConfig,
): Partial<Record<MethodId, Readonly<Record<string, unknown>>>> {
  const own = Object.keys(config.methodConfig).length > 0;
  return form.methods.includes(config.method) && own
    ? { [config.method]: { ...config.methodConfig } }
    : {};
}

/** What results share to sit on one chart: data, model, dense start and budget (and its title). */
export function compareSetup(
  config: LabConfig,
  form: CompareForm,
): { setup: string; title: string } {
  const epochs = compareEpochs(form, config);
  const start =
    config.start === 'pretrain'
      ? `dense pre-trained ${config.pretrainEpochs} epochs`
      : config.start === 'scratch'
        ? 'from scratch'
        : 'from the shipped dense checkpoint';
  const parts = [
    sourceId(config),
    modelLabel(config.model),
    config.start,
    config.start === 'pretrain' ? config.pretrainEpochs : '',
    epochs,
    config.batchSize,
    config.optimizer,
    config.lr ?? '',
  ];
  return {
    setup: parts.join('|'),
    title: `${modelLabel(config.model)} on ${sourceId(config)}, ${start}, ${epochs} epoch${epochs === 1 ? '' : 's'} per run`,
  };
}

/** The worker's spec of a compare from the lab's settings and the form. */
export function buildCompareSpec(
  id: number,
  config: LabConfig,
  uploads: readonly UploadedDataset[],
  form: CompareForm,
): CompareSpec {
  const run = buildSpec({ ...config, epochs: compareEpochs(form, config) }, uploads);
  return {
    id,
    run,
    methods: [...form.methods],
    targets: [...form.targets],
    seeds: [...form.seeds],
    settings: compareSettings(form, config),
    calibration: { ...form.calibration },
  };
}

/** `--set m.key=value` text for one setting (lists joined by commas, as the CLI parses them). */
function setFlag(method: string, key: string, v: unknown): string {
  return `--set ${method}.${key}=${Array.isArray(v) ? v.join(',') : String(v)}`;
}

/**
 * The `lab sweep` command that runs the same compare from the CLI (null for uploaded data). The
 * browser and the CLI plan and run a sweep with the same core code.
 */
export function sweepCommandLine(config: LabConfig, form: CompareForm): string | null {
  if (config.source.kind !== 'builtin') return null;
  const f: string[] = [`--dataset ${config.source.id}`, `--model ${config.model.id}`];
  if (config.model.hidden) f.push(`--hidden ${config.model.hidden.join(',')}`);
  f.push(`--methods ${form.methods.join(',')}`);
  if (form.targets.length) f.push(`--targets ${form.targets.join(',')}`);
  f.push(`--seeds ${form.seeds.join(',')}`, `--epochs ${compareEpochs(form, config)}`);
  f.push(`--batch ${config.batchSize}`);
  if (config.optimizer !== 'sgd') f.push(`--optimizer ${config.optimizer}`);
  if (config.lr !== null) f.push(`--lr ${config.lr}`);
  if (config.start === 'pretrain') f.push(`--pretrain-epochs ${config.pretrainEpochs}`);
  if (config.start === 'scratch') f.push('--from-scratch');
  const c = form.calibration;
  if (form.methods.includes('dns'))
    f.push(
      c.mode === 'pilot'
        ? `--dns-calibration pilot --pilot-epochs ${c.pilotEpochs} --pilot-rounds ${c.rounds}`
        : '--dns-calibration first-cut',
    );
  for (const [m, s] of Object.entries(compareSettings(form, config)))
    for (const [k, v] of Object.entries(s ?? {})) f.push(setFlag(m, k, v));
  return `npm run lab -- sweep ${f.join(' ')} --out sweep.json`;
}
