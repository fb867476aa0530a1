import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import type { PrunableLayer } from '../../models/network';
import { createRng } from '../../rng';
import type { Rng } from '../../rng';
import type { LayerShape } from '../budget';
import { keptWeightsFor, shapesOf, sparedLayers, uniformAllocation, weightCount } from '../budget';
import { parseWith, withDefaults } from '../config';
import { levelCounts, planLevels } from '../levels';
import type { LevelPlan } from '../levels';
import { aliveOnly, globalTopkMasks, randomMask, topkMask } from '../masks';
import { disposeAll, freshInit, snapshot } from '../rewind';
import { SaliencyTracker, saliencySchema, trackedPruneHooks } from '../saliency';
import type { SaliencyId } from '../saliency';
import type { MaskUpdates, PruneContext, PrunerSpec, WeightPair, StepAt } from '../types';

/** Iterative magnitude pruning and lottery tickets (one config for `imp` and `lth`). */
export interface ImpConfig {
  /** Final sparsity (weights and biases; biases are never pruned, so weights go a bit further). */
  readonly target: number;
  /** Sparsities on the way that get a level of their own (a sweep records a result at each). */
  readonly stops: readonly number[];
  /** Fraction of the remaining weights pruned per level (open_lth `pruning_fraction`). */
  readonly fraction: number;
  /** Rank all layers together (open_lth `sparse_global`) or prune each layer alike. */
  readonly scope: 'global' | 'layer';
  /** Leave the output layer dense (open_lth LeNet: `pruning_layers_to_ignore = fc.weight`). */
  readonly spareOutput: boolean;
  /** After each prune: keep training (`none`), rewind to θ0 (`init`) or to θk (`step`). */
  readonly rewind: 'none' | 'init' | 'step';
  /** k for `rewind: step` (Frankle et al. 2020, IMP with rewinding to iteration k). */
  readonly rewindStep: number;
  /** Control branches: a random mask of the same per-layer density, or the same mask on a new init. */
  readonly control: 'none' | 'randomMask' | 'randomInit';
  /** Train the dense network as a level 0 inside the budget (for a from-scratch start). */
  readonly trainFirst: boolean;
  readonly saliency: SaliencyId;
}

const schema = z.strictObject({
  target: z.number().gt(0).lt(1).optional(),
  stops: z.union([z.number().gt(0).lt(1), z.array(z.number().gt(0).lt(1))]).optional(),
  fraction: z.number().gt(0).lt(1).optional(),
  scope: z.enum(['global', 'layer']).optional(),
  spareOutput: z.boolean().optional(),
  rewind: z.enum(['none', 'init', 'step']).optional(),
  rewindStep: z.number().int().nonnegative().optional(),
  control: z.enum(['none', 'randomMask', 'randomInit']).optional(),
  trainFirst: z.boolean().optional(),
  saliency: saliencySchema.optional(),
});

/** Kept weights after each level of a config on layers of these shapes (throws if unreachable). */
export function impLevelCounts(cfg: ImpConfig, shapes: readonly LayerShape[]) {
  const spared = sparedLayers(shapes.length, cfg.spareOutput);
  return levelCounts({
    fraction: cfg.fraction,
    totalWeights: shapes.reduce((s, l) => s + weightCount(l), 0),
    sparedWeights: shapes.reduce((s, l, k) => s + (spared[k] ? weightCount(l) : 0), 0),
    stops: [...cfg.stops, cfg.target].map((t) => ({
      target: t,
      keptWeights: keptWeightsFor(t, shapes),
    })),
  });
}

/** The level plan of a config on layers of these shapes for a budget of `totalSteps`. */
export function impLevelPlan(
  cfg: ImpConfig,
  shapes: readonly LayerShape[],
  totalSteps: number,
): LevelPlan {
  const counts = impLevelCounts(cfg, shapes);
  const rewindSteps = cfg.rewind === 'step' ? cfg.rewindStep : 0;
  return planLevels(counts, totalSteps, { trainFirst: cfg.trainFirst, rewindSteps });
}

function makeSpec(
  id: 'imp' | 'lth',
  title: string,
  summary: string,
  rewind: ImpConfig['rewind'],
): PrunerSpec<ImpConfig> {
  const spec: PrunerSpec<ImpConfig> = {
    id,
    title,
    summary,
    gradient: 'masked',
    canRegrow: false,
    sparsity: 'target',
    multiTarget: true,
    schema,
    // open_lth mnist_lenet_300_100: sparse_global, pruning_fraction 0.2, fc.weight ignored
    defaults: () => ({
      target: 0.9,
      stops: [],
      fraction: 0.2,
      scope: 'global',
      spareOutput: true,
      rewind,
      rewindStep: 0,
      control: 'none',
      trainFirst: false,
      saliency: 'magnitude',
    }),
    resolve(input, layers) {
      const p = parseWith(schema, input, id);
      const d = spec.defaults(layers);
      const stops = typeof p.stops === 'number' ? [p.stops] : p.stops;
      return withDefaults(d, { ...p, stops });
    },
    create(cfg, info) {
      return createImp(cfg, info.layers, info.rng, info.initSeed);
    },
  };
  return spec;
}

function createImp(
  cfg: ImpConfig,
  netLayers: readonly PrunableLayer[],
  rng: Rng,
  initSeed: number | undefined,
) {
  const L = netLayers.length;
  const shapes = shapesOf(netLayers);
  const spared = sparedLayers(L, cfg.spareOutput);
  const sparedWeights = shapes.reduce((s, l, k) => s + (spared[k] ? weightCount(l) : 0), 0);
  impLevelCounts(cfg, shapes); // an unreachable target fails here, not mid-run
  const tracker = new SaliencyTracker(cfg.saliency);
  // Without a dense level 0 in the budget, θk is θ0 trained k steps (open_lth `rewinding_steps`).
  const pretrainFromInit = !cfg.trainFirst && cfg.rewind === 'step';
  const needsInit = cfg.rewind === 'init' || pretrainFromInit;
  if (needsInit && !cfg.trainFirst && initSeed === undefined)
    throw new Error(
      `${cfg.rewind === 'init' ? 'rewinding to initialisation' : 'rewinding to step k'} needs the dense start's initial weights, which this checkpoint does not record; start from a fresh dense pre-train or from scratch instead (CLI: --pretrain-epochs N or --from-scratch)`,
    );
  let plan: LevelPlan | null = null;
  let theta0: WeightPair[] | null = null;
  let thetaK: WeightPair[] | null = null;
  let thetaDense: WeightPair[] | null = null;
  let thetaAlt: WeightPair[] | null = null;

  /** Snapshots and the switch to θ0 for the k steps of pre-training (before the forward pass). */
  function prepare(ctx: PruneContext): void {
    plan ??= impLevelPlan(cfg, shapes, ctx.totalSteps);
    if (ctx.t === 0) {
      if (needsInit)
        theta0 = cfg.trainFirst
          ? snapshot(ctx.layers)
          : freshInit(ctx.layers, createRng(initSeed!).fork('init'));
      if (cfg.control === 'randomInit') thetaAlt = freshInit(ctx.layers, rng.fork('reinit'));
      if (pretrainFromInit) {
        thetaDense = snapshot(ctx.layers); // level 1 ranks the trained dense weights
        ctx.actions.setWeights(theta0!);
        ctx.actions.resetOptimizer({ restartSchedule: true });
      }
    }
    if (cfg.rewind === 'step' && ctx.t === cfg.rewindStep) thetaK = snapshot(ctx.layers);
  }

  /** New masks at the start of a level, with the rewind that goes with them. */
  function prune(ctx: PruneContext, afterGradients: boolean): MaskUpdates | null {
    const level = plan!.levels.find((l) => l.start === ctx.t);
    if (!level) return null;
    const layers = ctx.layers;
    const prunable = layers.map((_, k) => k).filter((k) => !spared[k]);
    const ranked = prunable.map((k) =>
      thetaDense && level.index === 1
        ? tf.abs(thetaDense[k]!.w)
        : aliveOnly(tracker.scores(layers, k), layers[k]!.wMask),
    );
    if (level.index === 1) {
      disposeAll(thetaDense);
      thetaDense = null;
    }
    let masks: tf.Tensor[];
    if (cfg.scope === 'global') {
      // Frankle & Carbin 2019, §1 step 3: prune the smallest-magnitude weights, all layers together
      masks = globalTopkMasks(ranked, level.keptWeights - sparedWeights);
    } else {
      const counts = uniformAllocation(level.keptWeights, shapes, spared);
      masks = ranked.map((r, i) => topkMask(r, counts[prunable[i]!]!));
    }
    if (cfg.control === 'randomMask') {
      // open_lth randomly_prune, strategy "layerwise": same count per layer, random places. One
      // small readback per level (the counts), only in this control branch.
      const counts = tf.stack(masks.map((m) => tf.sum(m))).dataSync();
      masks = prunable.map((k, i) =>
        randomMask(layers[k]!.w.shape, Math.round(counts[i]!), ctx.rng.seed32(), layers[k]!.wMask),
      );
    }
    // Frankle & Carbin 2019, §1 step 4: reset the remaining weights to θ0 (Frankle et al. 2020: θk)
    const to =
      cfg.control === 'randomInit'
        ? thetaAlt
        : cfg.rewind === 'init'
          ? theta0
          : cfg.rewind === 'step'
            ? thetaK
            : null;
    if (to) {
      ctx.actions.setWeights(to);
      if (afterGradients) ctx.actions.skipUpdate(); // this step's gradient belongs to the old weights
    }
    // open_lth trains every level as a fresh run from the rewind point: new optimizer, LR from step k
    ctx.actions.resetOptimizer({
      restartSchedule: true,
      scheduleStep: cfg.rewind === 'step' ? cfg.rewindStep : 0,
    });
    tracker.restart();
    return layers.map((l, k) => {
      const i = prunable.indexOf(k);
      return i < 0 ? null : { w: masks[i]!, b: tf.clone(l.bMask) };
    });
  }

  const hooks = trackedPruneHooks(tracker, prune, netLayers);
  return {
    ...hooks,
    beforeStep(ctx: PruneContext): MaskUpdates | null {
      prepare(ctx);
      return hooks.beforeStep(ctx);
    },
    explain({ t, totalSteps }: StepAt) {
      const p = (plan ??= impLevelPlan(cfg, shapes, totalSteps));
      const n = p.levels.length;
      const level = p.levels.find((l) => t >= l.start && t < l.start + l.steps);
      if (!level)
        return t < p.denseSteps
          ? `dense training before the first prune (${p.denseSteps} steps), level 0 of ${n}`
          : `all ${n} levels done`;
      const kept = level.keptWeights.toLocaleString('en-US');
      return t === level.start
        ? `level ${level.index} of ${n}: pruned to ${kept} weights${cfg.rewind !== 'none' ? ', rewound' : ''}; retraining`
        : `level ${level.index} of ${n}, retraining (${kept} weights kept)`;
    },
    milestones(totalSteps: number) {
      return impLevelPlan(cfg, shapes, totalSteps)
        .levels.filter((l) => l.stop !== null)
        .map((l) => ({ step: l.start + l.steps, target: l.stop!, level: l.index }));
    },
    dispose() {
      for (const s of [theta0, thetaK, thetaDense, thetaAlt]) disposeAll(s);
      theta0 = thetaK = thetaDense = thetaAlt = null;
      hooks.dispose();
    },
  };
}

/** Iterative magnitude pruning, fine-tuning between levels (Han et al. 2015; open_lth defaults). */
export const imp = makeSpec(
  'imp',
  'Iterative magnitude pruning',
  'Prunes 20% of the remaining weights by magnitude, retrains, and repeats until the target; the budget is split over the levels (Han et al. 2015; open_lth defaults).',
  'none',
);

/** Lottery tickets: IMP that rewinds survivors to their initial values (Frankle & Carbin 2019). */
export const lth = makeSpec(
  'lth',
  'Lottery ticket (IMP with rewinding)',
  'IMP that resets the surviving weights to their initial values after every prune, or to step k (Frankle & Carbin 2019; Frankle et al. 2020; open_lth defaults).',
  'init',
);
