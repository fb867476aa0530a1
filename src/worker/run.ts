import type { RunConfig } from '../core/config';
import type { Dataset } from '../core/data/types';
import type { Network } from '../core/models/network';
import { getMethod } from '../core/pruning/registry';
import { decisionGrid, isPlanar, planeOf } from '../core/train/boundary';
import type { Plane } from '../core/train/boundary';
import { evaluate } from '../core/train/evaluate';
import { sensitivityAnalysis } from '../core/train/sensitivity';
import type { SensitivityResult } from '../core/train/sensitivity';
import { createTrainer } from '../core/train/session';
import { takeSnapshot } from '../core/train/snapshot';
import type { MetricPoint, Trainer } from '../core/train/trainer';
import { snapshotMsg } from './cells';
import type { SensitivityAt } from './compareProtocol';
import { predictCut } from './firstCut';
import { keptWeights, readConnection, weightSparsity } from './inspect';
import type { LabPoint, Phase, WorkerEvent } from './protocol';
import { snapshotTransfer } from './protocol';
import { SnapshotGate } from './snapshotGate';
import { ValidationSample } from './validationSample';
import type { Divergence } from './guard';
import { finiteProbe, RunGuard } from './guard';
import { suggestedLearningRate } from '../core/train/divergence';
import { loadHostOptimizer, loadHostWeights } from '../core/train/restorePoint';
import type { HandAction } from '../core/pruning/handEdit';
import type { HandSurgery, HandTally } from './hand';
import { handSurgeryFor, keptPerLayer } from './hand';

/** An error from a training step or its readbacks: the backend may be at fault (loop.ts moves the run). */
export class StepFault extends Error {}

/** Metrics go out at most this often (10 per second). */
export const METRICS_INTERVAL_MS = 100;
/**
 * Metric points a run has at least: a short run samples every few steps (posted together at the
 * pace above), so a run over in half a second still draws a curve, not a dot.
 */
export const MIN_POINTS = 100;
/** Heatmap cells read back per snapshot at most (layers past this get histograms only). */
const MAX_CELLS = 2_000_000;

/** Validation about four times an epoch, but not more often than every 5 steps or rarer than 500. */
export function autoValidateEvery(stepsPerEpoch: number): number {
  return Math.min(500, Math.max(5, Math.round(stepsPerEpoch / 4)));
}

export interface RunInit {
  readonly runId: number;
  readonly cfg: RunConfig;
  readonly data: Dataset;
  /** The network with its dense start already loaded (or freshly initialised). */
  readonly net: Network;
  /** Dense pre-training before the method (start: 'pretrain' with no cached result). */
  readonly pretrain: boolean;
  /** Validation every this many steps; 0 for `autoValidateEvery`. */
  readonly validateEvery: number;
  /** Seed of the dense start's initialisation, when known (lottery tickets rewind to it). */
  readonly initSeed?: number;
  readonly post: (ev: WorkerEvent, transfer?: Transferable[]) => void;
  /** Called with the network once pre-training ends, to keep it as the dense start of resets. */
  readonly onPretrained?: (net: Network, testAccuracy: number) => Promise<void> | void;
}

/**
 * What happens at each step of a run in the worker: the trainer of the current phase (dense
 * pre-train, then the method), metrics points (at most ten a second), validation on the fixed
 * subsample, snapshots (paced by SnapshotGate), and the test set at the end. TrainingLoop decides
 * when steps happen.
 */
export class LabRun {
  phase: Phase;
  readonly net: Network;
  readonly validateEvery: number;
  private readonly cfg: RunConfig;
  private readonly data: Dataset;
  /** The plane the decision boundary covers (2-D data only), fixed for the run. */
  private plane: Plane | null = null;
  private pre: Trainer | null = null;
  private trainer: Trainer | null = null;
  /** Steps done before the active trainer started (the pre-train phase). */
  private offset = 0;
  private flushedAt = 0;
  private flushedStep = 0;
  private postedAt = 0;
  private unposted: LabPoint[] = [];
  private nextValidation = 0;
  private density = 1;
  private readonly gate = new SnapshotGate();
  /** The validation subsample, kept on the backend between passes. */
  private readonly validation: ValidationSample;
  private readonly cells: number[];
  private readonly resolvedMethodConfig: Record<string, unknown>;
  private disposed = false;
  /** Divergence watch and the copies of the last good state (guard.ts). */
  private readonly guard: RunGuard;
  /** A divergence the loop has not paused for yet. */
  private halted: Divergence | null = null;
  /** Why the backend stopped working (a lost WebGPU device), once it did. */
  private lost: string | null = null;
  /** Test hook: the next step throws, as a failing backend would. */
  failNextStep = false;
  /** Hand surgery: edits between steps, Undo, and what the method does to them (hand.ts). */
  readonly hand: HandSurgery;

  constructor(private readonly init: RunInit) {
    this.cfg = init.cfg;
    this.data = init.data;
    this.net = init.net;
    this.phase = init.pretrain ? 'pretrain' : 'train';
    this.guard = new RunGuard(Math.log(Math.max(2, init.data.numClasses)));
    // Resolving up front also reports a bad setting now, not after the pre-train.
    this.resolvedMethodConfig = getMethod(this.cfg.method).resolve(
      this.cfg.methodConfig,
      this.net.layers,
    ) as Record<string, unknown>;
    if (init.pretrain)
      this.pre = createTrainer(this.cfg, this.data, this.net, {
        method: 'none',
        epochs: this.cfg.pretrainEpochs,
        seedLabel: 'pretrain',
      });
    else this.trainer = this.methodTrainer();
    this.hand = handSurgeryFor(this.cfg.method, this.net);
    this.validateEvery =
      init.validateEvery > 0 ? init.validateEvery : autoValidateEvery(this.stepsPerEpoch);
    const split = this.data.validation.count > 0 ? this.data.validation : this.data.test;
    this.validation = new ValidationSample(this.data, split, this.cfg.validationLimit);
    let budget = MAX_CELLS;
    this.cells = this.net.layers.flatMap((l, k) => {
      const n = l.rows * l.cols;
      if (n > budget) return [];
      budget -= n;
      return [k];
    });
  }

  private methodTrainer(): Trainer {
    return createTrainer(this.cfg, this.data, this.net, {
      method: this.cfg.method,
      methodConfig: this.cfg.methodConfig,
      epochs: this.cfg.epochs,
      seedLabel: 'train',
      trackEvents: true,
      ...(this.init.initSeed !== undefined ? { initSeed: this.init.initSeed } : {}),
    });
  }

  private get active(): Trainer {
    return (this.pre ?? this.trainer)!;
  }

  /** Steps done in the whole run. */
  get step(): number {
    return this.offset + this.active.t;
  }

  get stepsPerEpoch(): number {
    return this.active.stepsPerEpoch;
  }

  get pretrainSteps(): number {
    return this.pre ? this.pre.totalSteps : this.offset;
  }

  get trainSteps(): number {
    return (
      this.trainer?.totalSteps ?? Math.max(1, Math.round(this.cfg.epochs * this.stepsPerEpoch))
    );
  }

  /** The method's settings with its defaults filled in (known before any pre-training). */
  get methodConfig(): Record<string, unknown> {
    return this.resolvedMethodConfig;
  }

  private post(ev: WorkerEvent, transfer?: Transferable[]): void {
    if (!this.disposed) this.init.post(ev, transfer);
  }

  /** Step-0 views: validation, the first-cut prediction and a snapshot of the dense start. */
  async begin(): Promise<void> {
    await this.guard.start(this.active, this.phase, this.offset);
    await this.validate();
    await this.postFirstCut();
    await this.snapshot(true);
  }

  private async postFirstCut(): Promise<void> {
    if (!this.trainer) return;
    const fractions = await predictCut(this.trainer, this.net);
    if (fractions) this.post({ type: 'firstCut', runId: this.init.runId, fractions });
  }

  /** One step and whatever is due after it; true once the method's budget is spent. */
  async advance(): Promise<boolean> {
    try {
      return await this.stepAndReport();
    } catch (e) {
      throw e instanceof StepFault ? e : new StepFault(e instanceof Error ? e.message : String(e));
    }
  }

  private async stepAndReport(): Promise<boolean> {
    const tr = this.active;
    if (this.lost !== null) throw new Error(this.lost);
    if (this.failNextStep) {
      this.failNextStep = false;
      throw new Error('a training step failed (test hook)');
    }
    tr.step();
    if (tr.t >= tr.totalSteps) {
      if (this.phase !== 'pretrain') return true;
      await this.endPretrain();
    }
    const now = performance.now();
    // A snapshot due goes out with a metrics post: the flush's reading judges the weights it
    // draws, so it needs no reading of its own (and the two stay in step at 5 and 10 a second).
    const snap = this.gate.shouldTake(this.step, false, now);
    if (snap || now - this.postedAt >= METRICS_INTERVAL_MS) await this.flush();
    else if (this.step - this.flushedStep >= this.pointEvery) await this.sample();
    // Also right after the method's first step: DNS makes its biggest cut there.
    if (this.step >= this.nextValidation || (this.phase === 'train' && this.active.t === 1))
      await this.validate();
    if (snap) await this.snapshot(false);
    return false;
  }

  /** Steps between metric points at most (short runs get MIN_POINTS of them). */
  private get pointEvery(): number {
    return Math.max(1, Math.floor((this.pretrainSteps + this.trainSteps) / MIN_POINTS));
  }

  /** Posts the metrics since the last point, with the points sampled since the last post. */
  async flush(): Promise<void> {
    await this.sample();
    if (this.unposted.length === 0) return;
    const points = this.unposted;
    this.unposted = [];
    this.postedAt = performance.now();
    this.post({ type: 'metrics', runId: this.init.runId, points });
  }

  /** Reads the metrics since the last point into a point to post. */
  private async sample(): Promise<void> {
    const tr = this.active;
    if (this.step === this.flushedStep) return;
    const fromT = this.flushedStep - this.offset;
    const probe = finiteProbe(this.net); // queued with the metrics: one round trip for both
    let m: MetricPoint;
    let weightSum: number;
    try {
      m = await tr.flushMetrics();
      weightSum = (await probe.data())[0]!;
    } finally {
      probe.dispose();
    }
    const now = performance.now();
    const step = this.offset + m.step;
    const at = { fromT, phase: this.phase, offset: this.offset };
    const bad = await this.guard.judge(tr, m, Number.isFinite(weightSum), at);
    if (bad) {
      // The point is not charted: the weights and masks of the last good reading are back.
      this.flushedAt = now;
      this.flushedStep = step;
      this.halted = bad;
      const notice = {
        kind: 'diverged' as const,
        message: bad.message,
        step: bad.restoredStep,
        suggestedLr: suggestedLearningRate(tr.optimizer.config.lr),
      };
      this.post({ type: 'notice', runId: this.init.runId, notice });
      return;
    }
    const steps = Math.max(1, step - this.flushedStep);
    const point: LabPoint = {
      ...m,
      phase: this.phase,
      step,
      steps,
      msPerStep: this.flushedAt > 0 ? (now - this.flushedAt) / steps : NaN,
      note: tr.explainStep(),
    };
    this.density = m.density;
    this.flushedAt = now;
    this.flushedStep = step;
    this.unposted.push(point);
  }

  private async validate(): Promise<void> {
    await this.flush();
    const masked = this.phase === 'train' && this.cfg.method !== 'none';
    const v = await this.validation.evaluate(this.net, masked);
    this.nextValidation = this.step + this.validateEvery;
    const point = {
      phase: this.phase,
      step: this.step,
      accuracy: v.accuracy,
      loss: v.loss,
      density: this.density,
    };
    this.post({ type: 'validation', runId: this.init.runId, point });
    this.flushedAt = performance.now(); // evaluation time is not step time
  }

  /** A snapshot when none is in flight and one is due (or forced: after a pause or a step). */
  async snapshot(force: boolean): Promise<void> {
    const t0 = performance.now();
    if (!this.gate.shouldTake(this.step, force, t0)) return;
    await this.sample(); // judged first: a diverged network is restored before it is drawn
    const s = await takeSnapshot(this.active, { cells: this.cells, acknowledge: true });
    // 2-D data: the model's answer over the plane, drawn under the training points.
    const boundary = isPlanar(this.data)
      ? await decisionGrid(
          this.net,
          this.data,
          (this.plane ??= planeOf(this.data.train, this.data.xScale)),
        )
      : undefined;
    const cost = performance.now() - t0;
    const id = this.gate.record(this.step, cost, performance.now());
    const msg = { ...snapshotMsg(s, id, this.phase, this.step), ...(boundary ? { boundary } : {}) };
    this.flushedAt += cost; // snapshot time is not step time
    const undone = this.hand.observe(msg.layers); // marks hand cells; the method's answer to them
    if (undone)
      this.postHand(
        undone,
        msg.layers.map((l) => l.kept),
        msg.density,
      );
    this.post({ type: 'snapshot', runId: this.init.runId, snapshot: msg }, snapshotTransfer(msg));
  }

  /** The page drew snapshot `id`; true when another one was wanted meanwhile. */
  ack(id: number): boolean {
    return this.gate.ack(id);
  }

  private async endPretrain(): Promise<void> {
    await this.flush();
    await this.validate();
    const test = await evaluate(this.net, this.data, this.data.test, { masked: false });
    this.post({ type: 'baseline', runId: this.init.runId, accuracy: test.accuracy });
    await this.init.onPretrained?.(this.net, test.accuracy);
    this.offset += this.pre!.t;
    this.pre!.dispose();
    this.pre = null;
    this.phase = 'train';
    this.trainer = this.methodTrainer();
    this.flushedStep = this.step;
    await this.guard.start(this.trainer, 'train', this.offset);
    await this.postFirstCut();
  }

  /** The end of the method's budget: last metrics, validation, a snapshot and the full test set. */
  async finish(runSeconds: number): Promise<void> {
    await this.flush();
    await this.validate();
    await this.snapshot(true);
    const masked = this.cfg.method !== 'none';
    const test = await evaluate(this.net, this.data, this.data.test, { masked });
    const kept = await keptWeights(this.net, masked);
    const total = this.net.paramCount;
    this.post({
      type: 'done',
      runId: this.init.runId,
      result: {
        testAccuracy: test.accuracy,
        density: kept / total,
        kept,
        total,
        steps: this.step,
        seconds: runSeconds,
      },
    });
  }

  /**
   * Distiller-style sensitivity of the network as it is now: each layer pruned by |w| to 0..95%
   * in turn, on the validation subsample, without training; every mask is put back.
   */
  async sensitivity(
    onProgress: (done: number, total: number) => void,
  ): Promise<{ result: SensitivityResult; at: SensitivityAt }> {
    await this.flush();
    const hasValidation = this.data.validation.count > 0;
    const result = await sensitivityAnalysis(
      this.net,
      this.data,
      hasValidation ? this.data.validation : this.data.test,
      { limit: this.cfg.validationLimit, onProgress },
    );
    const at: SensitivityAt = {
      phase: this.phase,
      step: this.step,
      method: this.cfg.method,
      split: hasValidation ? 'validation' : 'test',
      examples: result.baseline.count,
      layerSparsity: await weightSparsity(this.net),
    };
    return { result, at };
  }

  setLr(lr: number): void {
    for (const tr of [this.pre, this.trainer])
      if (tr) tr.optimizer.setConfig({ ...tr.optimizer.config, lr });
  }

  /** One connection's weight, mask and lifetime cut/splice counts, for the hover card. */
  async query(id: number, layer: number, index: number): Promise<void> {
    if (this.disposed) return;
    const events = this.phase === 'train' ? (this.trainer?.eventTracker ?? null) : null;
    const c = await readConnection(this.net, events, layer, index);
    if (c)
      this.post({ type: 'connection', runId: this.init.runId, info: { id, layer, index, ...c } });
  }

  /**
   * Hand surgery between two steps: cut or splice connections of one layer (or take the last
   * edit back), then at once the counts, the validation sample and a fresh snapshot.
   */
  async handEdit(
    edit: { layer: number; indices: readonly number[]; action: HandAction } | 'undo',
  ): Promise<void> {
    if (this.disposed || this.phase !== 'train' || this.cfg.method === 'none') return;
    const t =
      edit === 'undo'
        ? await this.hand.undoLast()
        : await this.hand.edit(edit.layer, edit.indices, edit.action);
    if (!t) return;
    const kept = await keptPerLayer(this.net);
    const total = this.net.paramCount;
    this.density = kept.reduce((a, b) => a + b, 0) / total;
    this.postHand(t, kept, this.density);
    await this.validate();
    this.gate.again();
    await this.snapshot(true);
  }

  private postHand(t: HandTally, kept: readonly number[], density: number): void {
    const report = { ...t, kept, density, step: this.step };
    this.post({ type: 'hand', runId: this.init.runId, report });
  }

  /** A divergence since the last call (the loop pauses for it), or null. */
  takeHalt(): Divergence | null {
    const h = this.halted;
    this.halted = null;
    return h;
  }

  /** The backend stopped working (a lost WebGPU device): the next step throws with `reason`. */
  markLost(reason: string): void {
    this.lost ??= reason;
  }

  /** Why the device was lost, once it was. */
  get lostReason(): string | null {
    return this.lost;
  }

  /** Run step of the last state copied to the host (where a move to another backend resumes). */
  get savedStep(): number | null {
    const s = this.guard.saved;
    return s ? s.offset + s.state.trainerStep : null;
  }

  /**
   * Carries on on the backend now active, after the previous one failed: the trainer of the saved
   * phase is built afresh and gets the saved weights, masks, optimizer state and step. Tensors of
   * the failed backend are dropped unread. The method's own running state (DNS thresholds,
   * movement scores, IMP rewind weights) starts afresh. Returns the step it resumes from.
   */
  async relocate(): Promise<number> {
    const saved = this.guard.saved;
    if (!saved) throw new Error('no saved state to continue from');
    const drop = (f: () => void) => {
      try {
        f();
      } catch {
        // the failed backend may refuse to free what it held
      }
    };
    drop(() => this.pre?.dispose());
    drop(() => this.trainer?.dispose());
    drop(() => this.guard.dispose());
    drop(() => this.validation.dispose()); // built again on the new backend
    this.pre = this.trainer = null;
    loadHostWeights(this.net, saved.state);
    this.phase = saved.phase;
    this.offset = saved.offset;
    if (saved.phase === 'pretrain')
      this.pre = createTrainer(this.cfg, this.data, this.net, {
        method: 'none',
        epochs: this.cfg.pretrainEpochs,
        seedLabel: 'pretrain',
      });
    else this.trainer = this.methodTrainer();
    loadHostOptimizer(this.active, saved.state);
    await this.active.flushMetrics(); // the fresh trainer's metric window starts at the saved step
    this.lost = null;
    this.halted = null;
    this.flushedStep = this.step;
    this.flushedAt = 0;
    this.nextValidation = this.step;
    await this.guard.start(this.active, this.phase, this.offset);
    return this.step;
  }

  dispose(): void {
    this.disposed = true;
    this.guard.dispose();
    this.validation.dispose();
    this.pre?.dispose();
    this.trainer?.dispose();
    this.net.dispose();
  }
}
