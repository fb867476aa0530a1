import type { WorkerEvent, ValidationPoint } from '../../worker/protocol';
import type { RunsEvent } from '../../worker/runsProtocol';
import { buildSpec } from '../configRules';
import type { LabState } from '../store';
import { savedPoint, withMaskSource } from './records';
import type { RunsDb } from './runsDb';
import type { DbResult, LoadedRun, SavedPoint, SavedRun } from './types';

/** Metric points reach IndexedDB in batches, at most this often. */
export const FLUSH_MS = 1000;
/** Weights and masks of a training run are saved this often (a crash loses at most this much). */
export const CHECKPOINT_EVERY_MS = 30_000;

export interface SaverDeps {
  readonly db: () => Promise<DbResult<RunsDb>>;
  readonly state: () => LabState;
  /** Asks the worker for the live network's checkpoint bytes. */
  readonly checkpoint: () => Promise<RunsEvent>;
  /** A storage problem, said once: the run goes on in memory. */
  readonly notify: (message: string) => void;
  /** The saved list changed (a run was first written, or ended). */
  readonly changed: () => void;
  readonly now: () => number;
}

interface Live {
  readonly runId: number;
  record: SavedRun;
  seq: number;
  /** Not yet written. */
  points: SavedPoint[];
  validation: ValidationPoint[];
  /** Everything, for exports while storage is down. */
  readonly allPoints: SavedPoint[];
  readonly allValidation: ValidationPoint[];
  persisted: boolean;
  checkpointBytes: Uint8Array | null;
  checkpointStep: number;
}

/**
 * Saves every run of the lab as it goes: the record and metric batches (every FLUSH_MS), and the
 * network's weights and masks every CHECKPOINT_EVERY_MS while training, at a pause and at the end.
 * A run is written once it has trained; a storage failure stops saving (said once), not the run.
 */
export class RunSaver {
  private live: Live | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private checkpointTimer: ReturnType<typeof setInterval> | null = null;
  private checkpointing: Promise<void> | null = null;
  private writing: Promise<void> = Promise.resolve();
  private failed = false;

  constructor(private readonly deps: SaverDeps) {}

  /** The key of the live run's saved record (null until it has trained). */
  get liveKey(): string | null {
    return this.live?.persisted ? this.live.record.key : null;
  }

  observe(ev: WorkerEvent): void {
    if (!('runId' in ev) || typeof ev.runId !== 'number') return;
    if (ev.type === 'ready') {
      this.start(ev.runId, ev.info);
      return;
    }
    const l = this.live;
    if (!l || ev.runId !== l.runId) return;
    switch (ev.type) {
      case 'metrics': {
        const pts = ev.points.map(savedPoint);
        l.points.push(...pts);
        l.allPoints.push(...pts);
        const p = ev.points.at(-1);
        if (p)
          this.update({ step: p.step, density: p.density, kept: [...p.kept], total: [...p.total] });
        this.flushSoon();
        return;
      }
      case 'validation':
        l.validation.push(ev.point);
        l.allValidation.push(ev.point);
        this.flushSoon();
        return;
      case 'baseline':
        this.update({ baseline: ev.accuracy });
        return;
      case 'status':
        this.update({ status: ev.status });
        if (ev.status === 'running') this.startCheckpoints();
        else {
          this.stopCheckpoints();
          if (ev.status === 'paused') void this.flush().then(() => this.saveCheckpoint());
        }
        return;
      case 'done':
        this.update({ status: 'done', result: ev.result, density: ev.result.density });
        this.stopCheckpoints();
        void this.flush()
          .then(() => this.saveCheckpoint())
          .then(() => this.deps.changed());
        return;
      case 'error':
        this.update({ status: 'error' });
        this.stopCheckpoints();
        void this.flush();
        return;
      default:
        return;
    }
  }

  private start(runId: number, info: LabState['run']['info']): void {
    void this.flush();
    this.stopCheckpoints();
    const s = this.deps.state();
    const config = s.applied ?? s.config;
    let runConfig;
    try {
      // A fixed-mask run is saved as what it trains: method fixedMask.
      runConfig = withMaskSource(buildSpec(config, s.uploads), s.maskFrom).config;
    } catch {
      this.live = null;
      return;
    }
    const now = this.deps.now();
    const from = s.resumeFrom;
    const label = s.sessionRuns.find((r) => r.id === runId)?.label ?? `#${runId}`;
    this.live = {
      runId,
      record: {
        key: `run-${now.toString(36)}-${runId}-${Math.random().toString(36).slice(2, 8)}`,
        name: from
          ? `${label} (continued)`
          : s.maskFrom
            ? `fixed mask of ${s.maskFrom.name} (${s.maskFrom.reinit ? 'fresh init' : 'dense start'})`
            : label,
        origin: from ? 'continue' : 'lab',
        createdAtMs: now,
        updatedAtMs: now,
        status: 'ready',
        config,
        runConfig,
        backend: s.backendReport?.backend ?? null,
        info,
        baseline: info?.baseline ?? null,
        result: null,
        step: 0,
        density: 1,
        kept: [],
        total: [],
        checkpoint: null,
        continuedFrom: from ? { key: from.key, name: from.name } : null,
      },
      seq: 0,
      points: [],
      validation: [],
      allPoints: [],
      allValidation: [],
      persisted: false,
      checkpointBytes: null,
      checkpointStep: -1,
    };
  }

  private update(patch: Partial<SavedRun>): void {
    if (this.live) this.live.record = { ...this.live.record, ...patch };
  }

  private flushSoon(): void {
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, FLUSH_MS);
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.deps.notify(message);
  }

  /** Writes what arrived since the last write (writes are queued, one at a time). */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const l = this.live;
    if (!l || this.failed) return this.writing;
    if (!l.persisted && l.record.step === 0) return this.writing; // never trained: not a run yet
    const points = l.points.splice(0);
    const validation = l.validation.splice(0);
    const record = { ...l.record, updatedAtMs: this.deps.now() };
    const first = !l.persisted;
    l.persisted = true;
    const seq = points.length + validation.length > 0 ? l.seq++ : -1;
    this.writing = this.writing.then(async () => {
      const db = await this.deps.db();
      if (!db.ok) return this.fail(db.error.message);
      const put = await db.value.putRun(record);
      if (!put.ok) return this.fail(put.error.message);
      if (seq >= 0) {
        const m = await db.value.appendMetrics(record.key, seq, points, validation);
        if (!m.ok) return this.fail(m.error.message);
      }
      if (first) this.deps.changed();
    });
    return this.writing;
  }

  private startCheckpoints(): void {
    this.checkpointTimer ??= setInterval(() => void this.saveCheckpoint(), CHECKPOINT_EVERY_MS);
  }

  private stopCheckpoints(): void {
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    this.checkpointTimer = null;
  }

  /** Takes the live network's weights and masks and stores them with the run (one at a time). */
  saveCheckpoint(): Promise<void> {
    const l = this.live;
    if (!l) return Promise.resolve();
    // One at a time; a request during one waits for it, then takes the weights as they are then.
    if (this.checkpointing) return this.checkpointing.then(() => this.saveCheckpoint());
    if (l.checkpointStep === l.record.step && l.checkpointBytes) return Promise.resolve();
    this.checkpointing = (async () => {
      const ev = await this.deps.checkpoint();
      if (ev.type !== 'checkpointSaved' || ev.ofRun !== l.runId) return;
      l.checkpointBytes = ev.bytes;
      l.checkpointStep = ev.step;
      l.record = {
        ...l.record,
        checkpoint: { step: ev.step, savedAtMs: this.deps.now(), bytes: ev.bytes.byteLength },
      };
      if (!l.persisted || this.failed) return;
      const record = { ...l.record, updatedAtMs: this.deps.now() };
      await (this.writing = this.writing.then(async () => {
        const db = await this.deps.db();
        if (!db.ok) return this.fail(db.error.message);
        const r = await db.value.putCheckpoint(record, ev.bytes);
        if (!r.ok) this.fail(r.error.message);
      }));
    })().finally(() => {
      this.checkpointing = null;
    });
    return this.checkpointing;
  }

  /** The live run as it is now, with fresh weights and masks (exports work without storage). */
  async current(): Promise<LoadedRun | null> {
    const l = this.live;
    if (!l) return null;
    await this.saveCheckpoint();
    return {
      run: l.record,
      points: [...l.allPoints],
      validation: [...l.allValidation],
      checkpoint: l.checkpointBytes,
    };
  }
}
