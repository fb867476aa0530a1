import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../core/config';
import { parseRunConfig } from '../core/config';
import type { ByteSource, Dataset } from '../core/data/types';
import type { Checkpoint } from '../core/models/checkpoint';
import { architecture, layerInfos } from '../core/models/zoo';
import { getMethod } from '../core/pruning/registry';
import { createRng } from '../core/rng';
import type { ExperimentPhase } from '../core/train/experiment';
import type { Architecture } from '../core/models/types';
import { buildNetwork, checkpointName, denseInitSeed } from '../core/train/session';
import type { ReportSummary } from '../core/report/summary';
import { summarizeNetwork } from '../core/report/summary';
import { planSweep, runSweep } from '../core/train/sweep';
import type { SweepJob } from '../core/train/sweepPlan';
import type { CompareEvent, CompareSpec } from './compareProtocol';
import type { RunSpec } from './protocol';
import type { DataShape } from './sources';
import { fetchCheckpoint, peekShape } from './sources';
import { yieldToEvents } from './yieldToEvents';

/** Progress goes out at most this often; the worker reads its messages (Cancel) as often. */
export const COMPARE_TICK_MS = 100;

/** What a compare needs from the session: its inputs loaded, and the way out. */
export interface CompareHost {
  post(ev: CompareEvent): void;
  /** The config of the spec (data id filled in), its data, and the dense start if from a checkpoint. */
  prepare(
    spec: CompareSpec,
  ): Promise<{ cfg: RunConfig; data: Dataset; checkpoint: Checkpoint | null }>;
}

/** What preparing a compare's inputs needs from the session (its caches and backend choice). */
export interface PrepareHost {
  readonly datasets: ByteSource;
  readonly checkpoints: ByteSource;
  /** The dense start the session already holds for a config, if any. */
  cachedStart(cfg: RunConfig): Checkpoint | null;
  pickBackend(cfg: RunConfig, arch: Architecture, shape: DataShape): Promise<void>;
  loadDataset(run: RunSpec, cfg: RunConfig): Promise<Dataset>;
}

/**
 * A compare's config, its data (split with the first seed, as `lab sweep` does) and, when it
 * starts from the shipped checkpoint, that checkpoint; the backend is the live run's choice.
 */
export async function prepareCompare(
  spec: CompareSpec,
  host: PrepareHost,
): Promise<{ cfg: RunConfig; data: Dataset; checkpoint: Checkpoint | null }> {
  const seed = spec.seeds[0] ?? spec.run.config.seed ?? 1;
  const run: RunSpec = { ...spec.run, config: { ...spec.run.config, seed } };
  const datasetId = run.data.kind === 'builtin' ? run.data.id : run.data.dataset.id;
  const cfg = parseRunConfig({ ...run.config, dataset: datasetId });
  const shape = await peekShape(run.data, host.datasets);
  await host.pickBackend(cfg, architecture(cfg.model, shape.inputShape, shape.numClasses), shape);
  const data = await host.loadDataset(run, cfg);
  if (cfg.start !== 'checkpoint') return { cfg, data, checkpoint: null };
  const cached = host.cachedStart(cfg);
  if (cached) return { cfg, data, checkpoint: cached };
  const file = checkpointName(cfg.model, cfg.dataset);
  const r = await fetchCheckpoint(host.checkpoints, file);
  if ('missing' in r)
    throw new Error(
      `no shipped dense checkpoint ${file}: choose "Pre-train dense first" or "From scratch" under Start`,
    );
  return { cfg, data, checkpoint: r.ckpt };
}

/** Thrown from a progress hook to stop the sweep between two steps. */
class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * One compare in the worker: plans the queue with the core's `planSweep` and trains it with
 * `runSweep` (the CLI's `lab sweep`: same dense start and budget for every run, DNS calibrated to
 * each target, IMP passing its targets as levels), posting progress and each job's results.
 */
export class CompareRunner {
  private cancelled = false;
  private index = -1;
  private lastTick = 0;
  private lastPhase: ExperimentPhase | null = null;

  constructor(
    readonly spec: CompareSpec,
    private readonly host: CompareHost,
  ) {}

  get id(): number {
    return this.spec.id;
  }

  cancel(): void {
    this.cancelled = true;
  }

  /** Runs the whole queue; always ends with one `compareEnd`. */
  async run(): Promise<void> {
    const id = this.spec.id;
    try {
      const jobs = planSweep(this.spec.methods, this.spec.targets, this.spec.seeds);
      if (jobs.length === 0) throw new Error('choose at least one method and one seed');
      const { cfg, data, checkpoint } = await this.host.prepare(this.spec);
      const base = this.baseConfigs(cfg);
      this.check(jobs, base, data, checkpoint);
      if (this.cancelled) throw new Cancelled();
      this.host.post({ type: 'compareStarted', id, jobs, backend: tf.getBackend() });
      let report: ReportSummary | null = null;
      await runSweep(jobs, (job) => base(job), {
        data,
        backend: tf.getBackend(),
        checkpoint,
        dnsCalibration: this.spec.calibration,
        hooks: {
          onStep: (phase, step, total) => this.tick(phase, step, total),
          // what the run bought, for the chart's other x-axes and the answer (final network only)
          onDone: async (net) => {
            report = await summarizeNetwork(net, data);
          },
        },
        onJob: (_job, i) => {
          this.index = i;
          this.lastPhase = null;
        },
        onResults: (_job, results) => {
          const last = results.length - 1;
          const withReport = results.map((r, i) => (i === last && report ? { ...r, report } : r));
          report = null;
          this.host.post({ type: 'compareResults', id, index: this.index, results: withReport });
        },
      });
      this.host.post({ type: 'compareEnd', id, outcome: 'done' });
    } catch (e) {
      if (e instanceof Cancelled) this.host.post({ type: 'compareEnd', id, outcome: 'cancelled' });
      else
        this.host.post({
          type: 'compareEnd',
          id,
          outcome: 'error',
          message: e instanceof Error ? e.message : String(e),
        });
    }
  }

  /** Each job's run config: the lab's config with the job's method, seed and the method's settings. */
  private baseConfigs(cfg: RunConfig): (job: SweepJob) => RunConfig {
    return (job) => ({
      ...cfg,
      method: job.method as RunConfig['method'],
      seed: job.seed,
      methodConfig: { ...(this.spec.settings[job.method as RunConfig['method']] ?? {}) },
    });
  }

  /**
   * Builds every job's method on a throwaway network of the model, with the target(s) the sweep
   * will give it, so a setting or target the model cannot take fails now, not after an hour of
   * other runs (e.g. IMP sparing the output layer cannot reach 90% on a tiny MLP).
   */
  private check(
    jobs: readonly SweepJob[],
    base: (job: SweepJob) => RunConfig,
    data: Dataset,
    checkpoint: Checkpoint | null,
  ): void {
    const first = base(jobs[0]!);
    // As the runs will know it: the checkpoint's, or the seed a pre-train or scratch start uses.
    const initSeed = (job: SweepJob) =>
      checkpoint ? denseInitSeed(checkpoint.header.meta) : job.seed;
    const net = buildNetwork(first.model, data, first.seed);
    try {
      const layers = layerInfos(architecture(first.model, data.inputShape, data.numClasses));
      for (const job of jobs) {
        const spec = getMethod(job.method);
        const own = base(job).methodConfig;
        const t = job.targets;
        const input =
          t && spec.sparsity === 'target'
            ? {
                ...own,
                target: t[t.length - 1],
                ...(spec.multiTarget ? { stops: t.slice(0, -1) } : {}),
              }
            : own;
        try {
          const cfg = spec.resolve(input, layers);
          const seed = initSeed(job);
          const info = { layers: net.layers, rng: createRng(0) };
          spec.create(cfg, seed === undefined ? info : { ...info, initSeed: seed }).dispose();
        } catch (e) {
          const what = t ? ` at ${t.map((x) => `${Math.round(1000 * x) / 10}%`).join(', ')}` : '';
          throw new Error(`${spec.title}${what}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    } finally {
      net.dispose();
    }
  }

  /**
   * After every step: progress at most every COMPARE_TICK_MS (and at each new phase), and then a
   * real task boundary so a Cancel can arrive; throws once cancelled.
   */
  private tick(phase: ExperimentPhase, step: number, total: number): Promise<void> | void {
    if (this.cancelled) throw new Cancelled();
    const now = performance.now();
    if (now - this.lastTick < COMPARE_TICK_MS && phase === this.lastPhase && step < total) return;
    this.lastTick = now;
    this.lastPhase = phase;
    // A seed's dense start is pre-trained before the first job of that seed is announced.
    const index = phase === 'pretrain' ? this.index + 1 : this.index;
    this.host.post({ type: 'compareProgress', id: this.spec.id, index, phase, step, total });
    return yieldToEvents();
  }
}
