import * as tf from '@tensorflow/tfjs';
import type { BackendOptions } from '../core/backend';
import type { RunConfig } from '../core/config';
import { parseRunConfig } from '../core/config';
import { isBuiltinDataset } from '../core/data/ids';
import type { ByteSource, Dataset } from '../core/data/types';
import type { Checkpoint } from '../core/models/checkpoint';
import { readCheckpoint, saveCheckpoint } from '../core/models/checkpoint';
import { architecture, modelLabel } from '../core/models/zoo';
import { applyMasks, masksFromCheckpoint, masksMismatch } from '../core/pruning/maskSet';
import { allMethods } from '../core/pruning/registry';
import { describeSettings } from '../core/pruning/settings';
import {
  buildNetwork,
  checkpointName,
  denseInitSeed,
  startFromCheckpoint,
} from '../core/train/session';
import { chooseBackend } from './backendChoice';
import { CompareRunner, prepareCompare } from './compare';
import type { CompareSpec } from './compareProtocol';
import { TrainingLoop } from './loop';
import { backendsAfter, debugCommand, watchDeviceLoss } from './faults';
import { denseKey, methodConfigEvent, runInfo } from './runInfo';
import type { LiveRun } from './runFiles';
import { handleRunsCommand } from './runFiles';
import { LabRun } from './run';
import { reportOnRun, reportOnSaved, specConfig } from './report';
import { analyseSensitivity } from './sensitivity';
import type {
  BackendRequest,
  Command,
  ProgressTask,
  RunSpec,
  VerdictCache,
  WorkerEvent,
} from './protocol';
import { assertNever } from './protocol';
import type { DataShape } from './sources';
import { fetchCheckpoint, loadData, peekShape } from './sources';

export interface SessionEnv {
  post(ev: WorkerEvent, transfer?: Transferable[]): void;
  /** Files under `public/datasets/` and `public/checkpoints/` (fetch in the worker, fs in tests). */
  readonly datasets: ByteSource;
  readonly checkpoints: ByteSource;
  readonly backend: BackendOptions;
}

/** A dense start kept for resets: the shipped checkpoint or the result of a pre-train. */
interface DenseStart {
  readonly ckpt: Checkpoint | null;
  readonly baseline: number | null;
}

/**
 * The worker's state across runs: the data, the backend, dense starts and the current run.
 * Commands are handled in order; building a run is serialised so a quick Reset or a new
 * configuration never races the previous one.
 */
export class LabSession {
  private verdicts: VerdictCache = {};
  private spec: RunSpec | null = null;
  private request: BackendRequest = 'auto';
  private backendFor = '';
  private runId = 0;
  private loop: TrainingLoop | null = null;
  private building: Promise<void> = Promise.resolve();
  private playWhenReady = false;
  private speed: number | null = null;
  private data: { key: string; dataset: Dataset } | null = null;
  private readonly starts = new Map<string, DenseStart>();
  private compare: CompareRunner | null = null;

  constructor(private readonly env: SessionEnv) {}

  handle(cmd: Command): void {
    switch (cmd.type) {
      case 'init':
        this.verdicts = { ...cmd.verdicts };
        this.env.post({
          type: 'hello',
          // A fixed-mask run needs another run's masks, which the lab cannot hand it yet.
          methods: allMethods()
            .filter((m) => !m.needsMasks)
            .map((m) => ({
              id: m.id,
              title: m.title,
              summary: m.summary,
              gradient: m.gradient,
              canRegrow: m.canRegrow,
              sparsity: m.sparsity,
              multiTarget: m.multiTarget ?? false,
              settings: describeSettings(m),
            })),
        });
        return;
      case 'configure':
        this.spec = cmd.run;
        this.request = cmd.backend;
        this.rebuild();
        return;
      case 'reset':
        if (this.spec) this.rebuild();
        return;
      case 'play':
        if (this.compare) return; // the live run waits while a compare trains
        if (this.loop) this.loop.play();
        else this.playWhenReady = true;
        return;
      case 'pause':
        this.playWhenReady = false;
        this.loop?.pause();
        return;
      case 'step':
        if (!this.compare) this.loop?.stepOnce();
        return;
      case 'setLr':
        if (this.spec) this.spec = { ...this.spec, config: { ...this.spec.config, lr: cmd.lr } };
        this.loop?.run.setLr(cmd.lr);
        return;
      case 'setSpeed':
        this.speed = cmd.stepsPerSecond;
        this.loop?.setSpeed(cmd.stepsPerSecond);
        return;
      case 'ack':
        this.loop?.ack(cmd.id);
        return;
      case 'query':
        void this.loop?.run.query(cmd.id, cmd.layer, cmd.index).catch(() => undefined);
        return;
      case 'compare':
        void this.runCompare(cmd.spec);
        return;
      case 'cancelCompare':
        if (this.compare?.id === cmd.id) this.compare.cancel();
        return;
      case 'sensitivity':
        if (this.compare)
          this.env.post({
            type: 'sensitivityError',
            id: cmd.id,
            message: 'a compare is training; analyse once it is over',
          });
        else {
          this.playWhenReady = false;
          void analyseSensitivity(cmd.id, this.loop, (ev) => this.env.post(ev));
        }
        return;
      case 'saveCheckpoint':
      case 'viewCheckpoint':
      case 'exportRun':
      case 'checkImport':
        void handleRunsCommand(cmd, this.liveRun(), (ev, t) => this.env.post(ev, t));
        return;
      case 'handEdit': {
        const loop = this.loop;
        if (!this.compare) loop?.between(() => loop.run.handEdit(cmd));
        return;
      }
      case 'handUndo': {
        const loop = this.loop;
        if (!this.compare) loop?.between(() => loop.run.handEdit('undo'));
        return;
      }
      case 'debug':
        this.env.post(debugCommand(cmd.action, this.loop?.run ?? null));
        return;
      case 'report':
        if (this.compare) {
          const message = 'a compare is training; ask for the report once it is over';
          this.env.post({ type: 'reportError', id: cmd.id, message });
          return;
        }
        if (cmd.saved) {
          const saved = cmd.saved;
          void reportOnSaved(cmd, saved.bytes, {
            data: (id) => this.savedData(id, saved.seed),
            shipped: (file) => fetchCheckpoint(this.env.checkpoints, file),
            post: (ev, t) => this.env.post(ev, t),
          });
          return;
        }
        void reportOnRun(cmd, {
          net: this.loop?.run.net ?? null,
          data: this.data?.dataset ?? null,
          dense: this.spec
            ? (this.starts.get(denseKey(specConfig(this.spec)))?.ckpt ?? null)
            : null,
          post: (ev, t) => this.env.post(ev, t),
        });
        return;
      default:
        assertNever(cmd);
    }
  }

  /** The live run's network, for saving its checkpoint (null before one is built). */
  private liveRun(): LiveRun | null {
    const run = this.loop?.run;
    if (!run || !this.spec) return null;
    const d = this.spec.data;
    const dataset = d.kind === 'builtin' ? d.id : d.dataset.id;
    return { runId: this.runId, net: run.net, dataset, step: run.step };
  }

  /** A saved run's data: the live run's when it is the same set, else the built-in one (not kept). */
  private async savedData(id: string, seed: number): Promise<Dataset> {
    const live = this.data?.dataset;
    if (live && (this.data?.key === `${id}:${seed}` || this.data?.key === `inline:${id}`))
      return live;
    if (!isBuiltinDataset(id))
      throw new Error(`its data set "${id}" is not loaded: open that data set in the lab first`);
    try {
      return await loadData({ kind: 'builtin', id }, seed, this.env.datasets, () => undefined);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new Error(`its data set "${id}" could not be loaded: ${why}`);
    }
  }

  /** Stops the current run and builds the spec's run at step 0. */
  private rebuild(): void {
    const id = ++this.runId;
    const prev = this.loop;
    this.loop = null;
    this.building = this.building.then(async () => {
      if (prev) {
        await prev.stop();
        prev.dispose();
      }
      if (id !== this.runId || !this.spec) return;
      try {
        await this.build(id, this.spec);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.env.post({ type: 'error', runId: id, message });
        this.env.post({ type: 'status', runId: id, status: 'error' });
      }
    });
  }

  private progress(task: ProgressTask, label: string, fraction: number | null): void {
    this.env.post({ type: 'progress', task, label, fraction });
  }

  private async build(id: number, spec: RunSpec): Promise<void> {
    const post = (ev: WorkerEvent, transfer?: Transferable[]) => this.env.post(ev, transfer);
    post({ type: 'status', runId: id, status: 'loading' });
    const datasetId = spec.data.kind === 'builtin' ? spec.data.id : spec.data.dataset.id;
    const cfg = parseRunConfig({ ...spec.config, dataset: datasetId });
    this.progress('data', 'Reading the data manifest', null);
    const shape = await peekShape(spec.data, this.env.datasets);
    const arch = architecture(cfg.model, shape.inputShape, shape.numClasses);
    const dataPromise = this.loadDataset(spec, cfg);
    dataPromise.catch(() => undefined); // awaited below; the backend choice may throw first
    await this.pickBackend(cfg, arch, shape);
    const data = await dataPromise;
    if (id !== this.runId) return;
    const startKey = denseKey(cfg);
    // A continued saved run starts from its own weights and masks, not a dense start.
    let start = spec.resume ? null : (this.starts.get(startKey) ?? null);
    if (!start && cfg.start === 'checkpoint' && !spec.resume) {
      const file = checkpointName(cfg.model, cfg.dataset);
      this.progress('build', `Loading the dense checkpoint ${file}`, null);
      const r = await fetchCheckpoint(this.env.checkpoints, file);
      if ('missing' in r) {
        post({ type: 'checkpointMissing', runId: id, file });
        post({ type: 'status', runId: id, status: 'needsStart' });
        this.playWhenReady = false;
        return;
      }
      const acc = r.ckpt.header.meta['testAccuracy'];
      start = { ckpt: r.ckpt, baseline: typeof acc === 'number' ? acc : null };
      this.starts.set(startKey, start);
    }
    this.progress('build', 'Building the network', null);
    const net = buildNetwork(cfg.model, data, cfg.seed);
    if (spec.resume) startFromCheckpoint(net, readCheckpoint(spec.resume), cfg);
    else if (start?.ckpt) startFromCheckpoint(net, start.ckpt, cfg);
    // Mask transfer: the source run's masks on this run's start (fixedMask keeps them); a
    // pre-trained start gets them after its dense pre-training.
    const masks = spec.masks ? masksFromCheckpoint(readCheckpoint(spec.masks)) : null;
    const pretrain = cfg.start === 'pretrain' && !start && !spec.resume;
    const misfit = masks && masksMismatch(masks, net.layers);
    if (misfit) throw new Error(`the source run's masks do not fit this model: ${misfit}`);
    if (masks && !pretrain) applyMasks(net, masks);
    const resolved = methodConfigEvent(id, cfg, net);
    if (resolved) post(resolved);
    // The network was initialised from cfg.seed unless a checkpoint says otherwise.
    const initSeed = start?.ckpt ? denseInitSeed(start.ckpt.header.meta) : cfg.seed;
    const run = new LabRun({
      runId: id,
      cfg,
      data,
      net,
      pretrain,
      validateEvery: spec.validateEvery,
      ...(initSeed !== undefined ? { initSeed } : {}),
      post,
      onPretrained: async (n, acc) => {
        const bytes = await saveCheckpoint(n, {
          dataset: cfg.dataset,
          meta: { testAccuracy: acc, initSeed: cfg.seed },
        });
        this.starts.set(startKey, { ckpt: readCheckpoint(bytes), baseline: acc });
        if (masks) applyMasks(n, masks);
      },
    });
    const loop = new TrainingLoop(run, id, post, this.speed, (e) =>
      this.moveRun(id, run, e, cfg, arch, shape),
    );
    if (id !== this.runId) {
      loop.dispose();
      return;
    }
    this.loop = loop;
    const info = runInfo(cfg, data, run, shape, start?.baseline ?? null);
    post({ type: 'ready', runId: id, info });
    await run.begin();
    if (id !== this.runId) return;
    post({ type: 'status', runId: id, status: 'ready' });
    if (this.playWhenReady) {
      this.playWhenReady = false;
      loop.play();
    }
  }

  /** Trains a compare's queue with the live run paused; one compare at a time. */
  private async runCompare(spec: CompareSpec): Promise<void> {
    if (this.compare) {
      this.env.post({
        type: 'compareEnd',
        id: spec.id,
        outcome: 'error',
        message: 'a compare is already running',
      });
      return;
    }
    const runner = new CompareRunner(spec, {
      post: (ev) => {
        // The live run is free again before the page hears the compare is over.
        if (ev.type === 'compareEnd' && this.compare === runner) this.compare = null;
        this.env.post(ev);
      },
      prepare: (s) =>
        prepareCompare(s, {
          datasets: this.env.datasets,
          checkpoints: this.env.checkpoints,
          cachedStart: (cfg) => this.starts.get(denseKey(cfg))?.ckpt ?? null,
          pickBackend: (cfg, arch, shape) => this.pickBackend(cfg, arch, shape),
          loadDataset: (run, cfg) => this.loadDataset(run, cfg),
        }),
    });
    this.compare = runner;
    this.playWhenReady = false;
    await this.loop?.stop();
    await runner.run();
  }

  private async loadDataset(spec: RunSpec, cfg: RunConfig): Promise<Dataset> {
    const key =
      spec.data.kind === 'builtin'
        ? `${spec.data.id}:${cfg.seed}`
        : `inline:${spec.data.dataset.id}`;
    if (this.data?.key === key) return this.data.dataset;
    const title = spec.data.kind === 'builtin' ? spec.data.id : spec.data.dataset.title;
    const dataset = await loadData(spec.data, cfg.seed, this.env.datasets, (p) =>
      this.progress('data', `Loading ${title}`, p.fraction),
    );
    this.data = { key, dataset };
    return dataset;
  }

  /**
   * After a fault mid-run (a lost WebGPU device, a backend that throws): the next backend in the
   * lab's order that passes its self-test takes over from the run's last saved state. False when
   * there is none to move to (the error then stops the run, as before).
   */
  private async moveRun(
    id: number,
    run: LabRun,
    e: unknown,
    cfg: RunConfig,
    arch: ReturnType<typeof architecture>,
    shape: DataShape,
  ): Promise<boolean> {
    const failed = tf.getBackend();
    const next = backendsAfter(failed);
    if (id !== this.runId || run.savedStep === null || next.length === 0) return false;
    // A lost device fails the next readback before `device.lost` resolves: give it a moment, so
    // the notice says what happened rather than which call failed first.
    if (failed === 'webgpu') await new Promise((r) => setTimeout(r, 100));
    const error = e instanceof Error ? e.message : String(e);
    const why = (run.lostReason ?? error).replace(/\.+$/, '');
    this.request = next[0]!; // the failed backend is not asked again in this session
    await this.pickBackend(cfg, arch, shape, `${failed} stopped working mid-run (${why}); `);
    if (id !== this.runId) return false;
    const from = await run.relocate();
    const now = tf.getBackend();
    const message = `${failed} stopped working mid-run: ${why}. Training continues on ${now} from step ${from}, the last state saved before the fault (weights, masks, optimizer state).`;
    this.env.post({
      type: 'notice',
      runId: id,
      notice: { kind: 'recovered', message, step: from },
    });
    return true;
  }

  private async pickBackend(
    cfg: RunConfig,
    arch: ReturnType<typeof architecture>,
    shape: DataShape,
    /** Said before the choice's reason (a move after a fault). */
    note = '',
  ) {
    const modelKey = `${modelLabel(cfg.model)}:${shape.inputShape.join('x')}:${shape.numClasses}:b${cfg.batchSize}`;
    const want = `${this.request}|${modelKey}`;
    if (this.backendFor === want) return;
    const choice = await chooseBackend(this.request, {
      arch,
      modelKey,
      modelName: modelLabel(cfg.model),
      batch: cfg.batchSize,
      cache: this.verdicts,
      options: this.env.backend,
      onProgress: (label) => this.progress('backend', label, null),
    });
    this.verdicts[choice.key] = choice.verdicts;
    this.env.post({ type: 'verdicts', key: choice.key, verdicts: choice.verdicts });
    const took = choice.report.backend;
    const detail = choice.report.verdicts[took]?.detail;
    const moved = `${note}${took} took over${detail ? ` (${detail})` : ''}.`;
    const report = note ? { ...choice.report, reason: moved } : choice.report;
    this.env.post({ type: 'backend', report });
    this.backendFor = want;
    watchDeviceLoss((reason) => this.loop?.run.markLost(reason));
  }
}
