import type { RunStatus, WorkerEvent } from './protocol';
import type { LabRun } from './run';
import { StepFault } from './run';
import { Sleeper, yieldToEvents } from './yieldToEvents';

/** The running loop lets queued messages in at least this often (ms of steps between yields). */
export const YIELD_EVERY_MS = 8;

/**
 * When a run's steps happen: Play runs them back to back (or at the chosen speed), Step runs one
 * (quick presses add up), Pause stops between two steps. Work is serialised on one queue, and the
 * loop yields to the message queue between steps (every few ms) so Pause, Step and hover stay
 * responsive.
 */
export class TrainingLoop {
  status: RunStatus = 'ready';
  private stopRequested = false;
  private running: Promise<void> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private pendingSteps = 0;
  private readonly sleeper = new Sleeper();
  private runMs = 0;
  private disposed = false;
  /** Jobs to run between two steps of a running loop (hand surgery). */
  private readonly betweenSteps: (() => Promise<void>)[] = [];

  constructor(
    readonly run: LabRun,
    private readonly runId: number,
    private readonly post: (ev: WorkerEvent) => void,
    private speed: number | null,
    /**
     * Called when a step or a readback throws: true once the session moved the run to another
     * backend (a lost device), so it carries on; false makes the error stop the run.
     */
    private readonly recover?: (e: unknown) => Promise<boolean>,
  ) {}

  private setStatus(s: RunStatus): void {
    this.status = s;
    if (!this.disposed) this.post({ type: 'status', runId: this.runId, status: s });
  }

  play(): void {
    if (this.running || this.status === 'done' || this.disposed) return;
    this.stopRequested = false;
    this.setStatus('running');
    this.running = this.enqueue(() => this.loop()).finally(() => {
      this.running = null;
      if (this.betweenSteps.length > 0) void this.enqueue(() => this.runBetween());
    });
  }

  pause(): void {
    this.stopRequested = true;
    this.sleeper.wake();
  }

  /** Pauses and waits until the loop is idle. */
  async stop(): Promise<void> {
    this.pause();
    this.pendingSteps = 0;
    await this.queue;
  }

  /** One batch (queued: quick presses add up), then metrics and a snapshot. */
  stepOnce(): void {
    if (this.running || this.status === 'done' || this.disposed) return;
    this.pendingSteps++;
    if (this.pendingSteps > 1) return;
    void this.enqueue(async () => {
      while (this.pendingSteps > 0 && this.status !== 'done' && !this.disposed) {
        this.pendingSteps--;
        const t0 = performance.now();
        if (await this.run.advance()) await this.finish();
        if (this.run.takeHalt()) this.pendingSteps = 0; // diverged: stop at the restored state
        this.runMs += performance.now() - t0;
        await yieldToEvents();
      }
      this.pendingSteps = 0;
      await this.settle();
      if (this.status !== 'done' && !this.disposed) this.setStatus('paused');
    });
  }

  /**
   * Pauses and runs `job` between two steps (an analysis of the network); its failure is the
   * caller's, not the run's.
   */
  exclusive<T>(job: () => Promise<T>): Promise<T> {
    this.pause();
    this.pendingSteps = 0;
    const result = this.queue.then(job);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /**
   * Runs `job` between two steps: after the current step while training, at once (in turn) when
   * idle. Training goes on; a failing job is reported like a failing step.
   */
  between(job: () => Promise<void>): void {
    if (this.disposed) return;
    if (this.running) this.betweenSteps.push(job);
    else void this.enqueue(job);
  }

  private async runBetween(): Promise<void> {
    for (let job = this.betweenSteps.shift(); job; job = this.betweenSteps.shift()) await job();
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const next = this.queue.then(() => this.guarded(job)).catch((e: unknown) => this.fail(e));
    this.queue = next;
    return next;
  }

  /** Runs a job; after a failing step the run moves to another backend when it can, and carries on. */
  private async guarded(job: () => Promise<void>): Promise<void> {
    try {
      await job();
    } catch (e) {
      if (!(e instanceof StepFault)) throw e; // not a step: no backend to blame
      const resume = this.status === 'running' && !this.stopRequested;
      let moved = false;
      try {
        moved = !this.disposed && this.recover !== undefined && (await this.recover(e));
      } catch {
        moved = false;
      }
      if (!moved) throw e;
      if (this.disposed) return;
      if (resume) return this.guarded(() => this.loop());
      await this.settle();
      if (this.status !== 'done' && !this.disposed) this.setStatus('paused');
    }
  }

  private fail(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    if (!this.disposed)
      this.post({ type: 'error', runId: this.runId, message: `Training stopped: ${message}` });
    this.setStatus('error');
  }

  private async loop(): Promise<void> {
    let last = performance.now();
    let yieldedAt = last;
    while (!this.stopRequested && this.status !== 'done' && !this.disposed) {
      const t0 = performance.now();
      if (await this.run.advance()) await this.finish();
      if (this.run.takeHalt()) this.stopRequested = true; // diverged: pause at the restored state
      await this.runBetween();
      // A round trip through the message queue costs about as much as a small step: fast steps
      // share one, so Pause, Step and hover still get in within YIELD_EVERY_MS.
      if (performance.now() - yieldedAt >= YIELD_EVERY_MS || this.speed !== null) {
        await yieldToEvents();
        yieldedAt = performance.now();
      }
      if (this.speed !== null && !this.stopRequested) {
        const wait = 1000 / this.speed - (performance.now() - t0);
        if (wait > 1) await this.sleeper.sleep(wait);
      }
      const now = performance.now();
      this.runMs += now - last;
      last = now;
    }
    await this.runBetween(); // asked for while the last step ran
    if (this.status !== 'done' && !this.disposed) {
      await this.settle();
      this.setStatus('paused');
    }
  }

  /** Brings the page up to date after a pause or a single step. */
  private async settle(): Promise<void> {
    if (this.disposed || this.status === 'done') return;
    await this.run.flush();
    await this.run.snapshot(true);
    this.run.takeHalt(); // pausing anyway
  }

  private async finish(): Promise<void> {
    await this.run.finish(this.runMs / 1000);
    this.setStatus('done');
  }

  /**
   * The page drew snapshot `id`. A snapshot wanted meanwhile (at a pause, a step or the end) goes
   * out now; queued behind a running loop, it goes out when the loop stops.
   */
  ack(id: number): void {
    if (this.run.ack(id)) void this.enqueue(() => this.run.snapshot(true));
  }

  setSpeed(stepsPerSecond: number | null): void {
    this.speed = stepsPerSecond;
    this.sleeper.wake();
  }

  dispose(): void {
    this.disposed = true;
    this.run.dispose();
  }
}
