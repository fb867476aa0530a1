import type { RunConfig } from '../config';
import type { Dataset } from '../data/types';
import type { Checkpoint } from '../models/checkpoint';
import { maskDensity, maskOverlap, randomMaskSetLike, readMasks } from '../pruning/maskSet';
import { getMethod } from '../pruning/registry';
import type { MaskSet } from '../pruning/maskSet';
import { createRng } from '../rng';
import type { ExperimentHooks } from './experiment';
import { runExperimentAll } from './experiment';
import type { RunResult } from './result';
import { pretrainDenseStart, runSweepJob } from './sweep';
import type { SweepInputs } from './sweep';

/**
 * The arms of a mask-transfer study, each trained on the same budget and seeds: the source's mask
 * on a fresh initialisation, on the seed's own dense start, on another dataset's dense start; a
 * random mask of the same per-layer density; and the source method finding its own mask.
 */
export const TRANSFER_ARMS = [
  'fresh',
  'seedStart',
  'otherData',
  'random',
  'own',
  'ownOtherData',
] as const;
export type TransferArm = (typeof TRANSFER_ARMS)[number];

/** One line per arm for tables and charts. */
export const ARM_TITLES: Record<TransferArm, string> = {
  fresh: 'source mask, fresh init',
  seedStart: "source mask, the seed's dense start",
  otherData: 'source mask, other dataset',
  random: 'random mask, same per-layer density',
  own: 'source method, its own mask',
  ownOtherData: 'source method, its own mask, other dataset',
};

/** Whether an arm trains on the other dataset. */
export function armOnOtherData(arm: TransferArm): boolean {
  return arm === 'otherData' || arm === 'ownOtherData';
}

/** The run whose masks are transferred. */
export interface TransferSource {
  readonly masks: MaskSet;
  /** The method that found the masks, and its settings (arm `own` reruns it at the source's sparsity). */
  readonly method: string;
  readonly methodConfig: Record<string, unknown>;
  /** Where the masks came from (a file name), for the output. */
  readonly label: string;
}

export interface TransferInputs {
  readonly data: Dataset;
  /** A dataset of the same input shape and classes (arms on other data); null skips them. */
  readonly otherData: Dataset | null;
  readonly backend: string;
  readonly logEvery?: number;
  readonly hooks?: ExperimentHooks;
  readonly onRun?: (arm: TransferArm, seed: number, index: number, total: number) => void;
  readonly onResult?: (r: TransferRun) => void;
}

/** A run of the study: the run JSON, its arm, and how far its final masks overlap the source's. */
export type TransferRun = RunResult & {
  readonly arm: TransferArm;
  readonly seed: number;
  /** Jaccard |A∩B| / |A∪B| of the final masks with the source's, over all layers and per layer. */
  readonly overlap: { readonly overall: number; readonly layers: readonly number[] };
};

/** The run config and masks of one arm for one seed (the dense start is chosen by the caller). */
export function armConfig(
  arm: TransferArm,
  base: RunConfig,
  source: TransferSource,
  seed: number,
  otherDataset: string | null,
): RunConfig {
  const own = arm === 'own' || arm === 'ownOtherData';
  const dataset = armOnOtherData(arm) ? otherDataset : base.dataset;
  if (!dataset) throw new Error(`arm ${arm} needs another dataset of the same input shape`);
  return {
    ...base,
    seed,
    dataset,
    method: (own ? source.method : 'fixedMask') as RunConfig['method'],
    methodConfig: own ? { ...source.methodConfig } : arm === 'fresh' ? { reinit: true } : {},
  };
}

/**
 * Trains every arm for every seed. Each seed's dense starts (on the data and on the other data)
 * are pre-trained once (`base.pretrainEpochs`, from that seed's initialisation) and shared by its
 * arms; with no pre-training every arm starts from the seed's initialisation.
 */
export async function runTransfer(
  base: RunConfig,
  source: TransferSource,
  arms: readonly TransferArm[],
  seeds: readonly number[],
  inputs: TransferInputs,
): Promise<TransferRun[]> {
  if (arms.some(armOnOtherData) && !inputs.otherData)
    throw new Error('the arms on other data need a second dataset');
  const runs: TransferRun[] = [];
  const total = arms.length * seeds.length;
  for (const seed of seeds) {
    const starts = new Map<string, Checkpoint | null>();
    const startFor = async (cfg: RunConfig, data: Dataset) => {
      if (!starts.has(cfg.dataset))
        starts.set(
          cfg.dataset,
          cfg.start === 'pretrain' && cfg.pretrainEpochs > 0
            ? await pretrainDenseStart(cfg, data, seed, inputs.hooks)
            : null,
        );
      return starts.get(cfg.dataset) ?? null;
    };
    for (const arm of arms) {
      inputs.onRun?.(arm, seed, runs.length, total);
      const data = armOnOtherData(arm) ? inputs.otherData! : inputs.data;
      const cfg = armConfig(arm, base, source, seed, inputs.otherData?.id ?? null);
      const checkpoint = await startFor(cfg, data);
      const own = arm === 'own' || arm === 'ownOtherData';
      const masks =
        arm === 'random'
          ? await randomMaskSetLike(source.masks, createRng(seed).fork('randomMask').seed32())
          : own
            ? undefined
            : source.masks;
      let final: MaskSet | null = null;
      const hooks: ExperimentHooks = {
        ...inputs.hooks,
        async onDone(net, summary) {
          final = await readMasks(net);
          await inputs.hooks?.onDone?.(net, summary);
        },
      };
      const logEvery = inputs.logEvery ? { logEvery: inputs.logEvery } : {};
      const results = own
        ? await runOwn(
            cfg,
            source,
            seed,
            { data, backend: inputs.backend, hooks, ...logEvery },
            checkpoint,
          )
        : await runExperimentAll(cfg, {
            data,
            backend: inputs.backend,
            checkpoint,
            ...logEvery,
            ...(masks ? { masks } : {}),
            hooks,
          });
      const r = results[results.length - 1]!;
      const run: TransferRun = { ...r, arm, seed, overlap: maskOverlap(final!, source.masks) };
      inputs.onResult?.(run);
      runs.push(run);
    }
  }
  return runs;
}

/**
 * The source method on its own, aiming at the source's sparsity as a sweep would (`runSweepJob`):
 * a method with a target gets it, DNS gets c from the weight distribution of this start (first
 * cut; DNS then splices back, so it ends a little denser). Other methods run with their settings.
 */
function runOwn(
  cfg: RunConfig,
  source: TransferSource,
  seed: number,
  inputs: SweepInputs,
  checkpoint: Checkpoint | null,
): Promise<RunResult[]> {
  const sparsity = getMethod(cfg.method).sparsity;
  const aims = sparsity === 'target' || sparsity === 'threshold';
  const target = 1 - maskDensity(source.masks).overall;
  return runSweepJob(
    { method: cfg.method, seed, targets: aims ? [target] : null },
    cfg,
    { ...inputs, dnsCalibration: { mode: 'first-cut', pilotEpochs: 0, rounds: 0 } },
    checkpoint,
  );
}

/** Mean ± sample standard deviation of an arm over its seeds. */
export interface ArmSummary {
  readonly arm: TransferArm;
  readonly dataset: string;
  readonly seeds: number;
  readonly accuracy: { readonly mean: number; readonly std: number };
  readonly density: number;
  readonly overlap: number;
}

/** One summary per arm, in the order the arms first appear. */
export function summarizeTransfer(runs: readonly TransferRun[]): ArmSummary[] {
  const order = [...new Set(runs.map((r) => r.arm))];
  return order.map((arm) => {
    const rs = runs.filter((r) => r.arm === arm);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const acc = rs.map((r) => r.testAccuracy);
    const m = mean(acc);
    const std =
      acc.length > 1 ? Math.sqrt(acc.reduce((s, a) => s + (a - m) ** 2, 0) / (acc.length - 1)) : 0;
    return {
      arm,
      dataset: rs[0]!.config.dataset,
      seeds: rs.length,
      accuracy: { mean: m, std },
      density: mean(rs.map((r) => r.density)),
      overlap: mean(rs.map((r) => r.overlap.overall)),
    };
  });
}
