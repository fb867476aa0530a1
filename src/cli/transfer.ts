import { writeFile } from 'node:fs/promises';
import { initBackend } from '../core/backend';
import type { RunConfig } from '../core/config';
import { isBuiltinDataset } from '../core/data/ids';
import type { Dataset } from '../core/data/types';
import type { Checkpoint } from '../core/models/checkpoint';
import { modelLabel } from '../core/models/zoo';
import { maskDensity, masksFromCheckpoint } from '../core/pruning/maskSet';
import {
  ARM_TITLES,
  armOnOtherData,
  summarizeTransfer,
  TRANSFER_ARMS,
} from '../core/train/transfer';
import type { TransferArm, TransferRun, TransferSource } from '../core/train/transfer';
import { readCheckpointFile } from '../node/checkpoints';
import { readRunFile } from '../node/runFile';
import type { LoadedRunFile } from '../node/runFile';
import { numberFlag, numberList, parseFlags, parseSetting, UsageError } from './args';
import {
  knownMethod,
  loadCliDataset,
  log,
  SHARED_OPTIONS,
  stderrProgress,
  writeJson,
} from './common';
import { pct, table } from './format';
import { configFromFlags } from './run';
import { runTransfer } from '../core/train/transfer';

export const TRANSFER_HELP = `transfer flags (every arm gets the same model, budget and seeds):
  --masks FILE          the source run: a checkpoint with masks (X.ckpt) or a run file (X.json)
  --dataset NAME        data of the arms (default: the source's)
  --model ID --hidden 16,16 --batch N --optimizer NAME --lr X --backend NAME --validation N
                        as for run (model: default the source's; it must match the masks)
  --epochs N            training budget of every arm after its dense start (default 1)
  --pretrain-epochs N   dense pre-training of each seed's start (default: --epochs); 0 or
                        --from-scratch starts every arm from the seed's initialisation
  --seeds 1,2,3         seeds (default 1)
  --other-dataset NAME  data of the other-data arms (default: mnist <-> fashion-mnist)
  --arms a,b            ${TRANSFER_ARMS.join(',')} (default: all; the
                        other-data arms only where there is another dataset): the source's
                        mask on a fresh init | on the seed's dense start | on the other data's;
                        a random mask of the same per-layer density; the source method finding
                        its own mask at the source's sparsity, on the data | on the other data
  --source-method ID    method of the own-mask arms (default: the one that made the masks)
  --set key=value       a setting of the source method (repeatable)
  --out FILE            write { runs, source } here
  --log-every N --quiet as for run`;

const OPTIONS = {
  ...SHARED_OPTIONS,
  masks: { type: 'string' },
  seeds: { type: 'string' },
  'other-dataset': { type: 'string' },
  arms: { type: 'string' },
  'source-method': { type: 'string' },
  set: { type: 'string', multiple: true },
} as const;

/** The image sets of one input shape that stand in for each other. */
const PAIRS: Record<string, string> = { mnist: 'fashion-mnist', 'fashion-mnist': 'mnist' };

/** A source run read from disk: its checkpoint with masks, and its settings where known. */
export interface LoadedSource {
  readonly checkpoint: Checkpoint;
  readonly method: string | null;
  readonly methodConfig: Record<string, unknown> | null;
}

/** Reads `--masks`: a checkpoint with masks, or a run file and the checkpoint beside it. */
export async function loadSource(path: string): Promise<LoadedSource> {
  if (/\.json$/i.test(path)) {
    let run: LoadedRunFile;
    try {
      run = await readRunFile(path, { dense: false });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const mc = run.json.methodConfig;
    return {
      checkpoint: run.checkpoint,
      method: run.json.config.method,
      methodConfig: mc && typeof mc === 'object' ? (mc as Record<string, unknown>) : null,
    };
  }
  const checkpoint = await readCheckpointFile(path);
  if (!checkpoint) throw new UsageError(`no checkpoint at ${path}`);
  const m = checkpoint.header.meta['method'];
  return { checkpoint, method: typeof m === 'string' ? m : null, methodConfig: null };
}

/** The arms asked for (or all that the data allow), checked. */
function armsFrom(raw: string | undefined, haveOther: boolean): TransferArm[] {
  if (raw === undefined) return TRANSFER_ARMS.filter((a) => haveOther || !armOnOtherData(a));
  const arms = raw.split(',').filter((a) => a !== '');
  for (const a of arms)
    if (!(TRANSFER_ARMS as readonly string[]).includes(a))
      throw new UsageError(`unknown arm "${a}"; known: ${TRANSFER_ARMS.join(', ')}`);
  if (arms.length === 0) throw new UsageError('--arms lists no arm');
  return arms as TransferArm[];
}

/** `lab transfer`: does a run's mask carry over to other starts, seeds and data? */
export async function transferCommand(argv: string[]): Promise<number> {
  const f = parseFlags(argv, OPTIONS);
  if (!f.masks) throw new UsageError('--masks is required (a checkpoint with masks or a run file)');
  const loaded = await loadSource(f.masks);
  let masks;
  try {
    masks = masksFromCheckpoint(loaded.checkpoint);
  } catch (e) {
    throw new UsageError(`${f.masks}: ${(e as Error).message}`);
  }
  const h = loaded.checkpoint.header;
  const dataset = f.dataset ?? h.dataset;
  const sourceModel = h.model.id === 'mlp' && h.model.hidden ? h.model.hidden.join(',') : undefined;
  const { cfg: parsed, backend } = configFromFlags({
    ...f,
    dataset,
    model: f.model ?? h.model.id,
    hidden: f.hidden ?? sourceModel,
    method: 'fixedMask',
    set: undefined,
    'pretrain-epochs': f['from-scratch'] ? undefined : (f['pretrain-epochs'] ?? f.epochs ?? '1'),
  });
  const base: RunConfig = parsed.pretrainEpochs === 0 ? { ...parsed, start: 'scratch' } : parsed;
  if (modelLabel(base.model) !== modelLabel(h.model))
    throw new UsageError(
      `the masks are for ${modelLabel(h.model)}, the arms use ${modelLabel(base.model)}`,
    );
  const seeds = numberList('seeds', f.seeds) ?? [1];
  for (const s of seeds)
    if (!Number.isInteger(s) || s < 0)
      throw new UsageError(`--seeds expects integers ≥ 0, got ${s}`);
  const other = f['other-dataset'] ?? PAIRS[dataset] ?? null;
  if (other !== null && !isBuiltinDataset(other))
    throw new UsageError(`unknown dataset "${other}" for --other-dataset`);
  if (other === dataset) throw new UsageError('--other-dataset must differ from --dataset');
  const arms = armsFrom(f.arms, other !== null);
  if (arms.some(armOnOtherData) && other === null)
    throw new UsageError(`no other dataset for ${dataset}; name one with --other-dataset`);
  const method = f['source-method'] ?? loaded.method;
  const ownArms = arms.some((a) => a === 'own' || a === 'ownOtherData');
  if (ownArms && (method === null || method === 'fixedMask' || method === 'none'))
    throw new UsageError(
      `the own-mask arms need the method that made the masks (${method ?? 'not recorded'}); give --source-method ID or leave them out with --arms`,
    );
  if (method !== null) knownMethod(method);
  const methodConfig: Record<string, unknown> = { ...(loaded.methodConfig ?? {}) };
  for (const s of f.set ?? []) {
    const [k, v] = parseSetting(s);
    methodConfig[k] = v;
  }
  const density = maskDensity(masks).overall;
  const source: TransferSource = {
    masks,
    method: method ?? 'none',
    methodConfig,
    label: f.masks,
  };

  const choice = await initBackend([backend]);
  const data = await loadCliDataset(base);
  const otherData = arms.some(armOnOtherData)
    ? await loadCliDataset({ ...base, dataset: other! })
    : null;
  for (const d of [data, otherData].filter((x): x is Dataset => x !== null))
    if (d.inputShape.join('x') !== h.inputShape.join('x') || d.numClasses !== h.numClasses)
      throw new UsageError(
        `${d.id} has input ${d.inputShape.join('x')} and ${d.numClasses} classes; the masks were made for ${h.inputShape.join('x')} and ${h.numClasses}`,
      );
  log(
    `transfer: ${arms.length} arms x ${seeds.length} seeds · ${base.epochs} epochs each after a ${base.start === 'pretrain' ? `${base.pretrainEpochs}-epoch dense pre-train` : 'fresh start'} · ${data.title}${otherData ? ` and ${otherData.title}` : ''} · ${modelLabel(base.model)} · masks ${f.masks} (${pct(density)} kept, ${source.method}) · backend ${choice.backend}`,
  );
  const progress = stderrProgress(f.quiet ?? false);
  const runs = await runTransfer(base, source, arms, seeds, {
    data,
    otherData,
    backend: choice.backend,
    logEvery: numberFlag('log-every', f['log-every'], { int: true, min: 1 }) ?? 100,
    hooks: { onStep: progress.onStep },
    onRun(arm, seed, i, total) {
      progress.clear();
      log(`[${i + 1}/${total}] ${arm} seed ${seed}`);
    },
    onResult(r) {
      progress.clear();
      log(
        `  ${r.config.dataset} · test accuracy ${pct(r.testAccuracy)} · density ${pct(r.density)} · Jaccard ${r.overlap.overall.toFixed(3)}`,
      );
    },
  });
  process.stdout.write(transferTable(runs) + '\n');
  if (f.out) {
    const doc = {
      runs,
      source: { file: f.masks, method: source.method, methodConfig, density },
      command: `npm run lab -- transfer ${argv.join(' ')}`,
    };
    await writeJson(f.out, doc);
    const csvPath = f.out.replace(/\.json$/i, '') + '.csv';
    await writeFile(csvPath, transferCsv(runs));
    log(`wrote ${f.out} and ${csvPath}`);
  }
  return 0;
}

/** Accuracy per arm (mean ± std over seeds), density and Jaccard overlap with the source's mask. */
export function transferTable(runs: readonly TransferRun[]): string {
  return table(
    ['arm', 'data', 'seeds', 'test accuracy', 'density', 'Jaccard'],
    summarizeTransfer(runs).map((s) => [
      ARM_TITLES[s.arm],
      s.dataset,
      s.seeds,
      `${pct(s.accuracy.mean)} ± ${pct(s.accuracy.std)}`,
      pct(s.density),
      s.overlap.toFixed(3),
    ]),
  );
}

/** One row per run: arm, seed, data, method, density, test accuracy, Jaccard (all and per layer). */
export function transferCsv(runs: readonly TransferRun[]): string {
  const layers = runs[0]?.layers.map((l) => `jaccard_${l.name}`) ?? [];
  const head = [
    'arm',
    'seed',
    'dataset',
    'method',
    'density',
    'test_accuracy',
    'jaccard',
    ...layers,
  ];
  const rows = runs.map((r) =>
    [
      r.arm,
      r.seed,
      r.config.dataset,
      r.config.method,
      r.density,
      r.testAccuracy,
      r.overlap.overall,
      ...r.overlap.layers,
    ].join(','),
  );
  return [head.join(','), ...rows].join('\n') + '\n';
}
