import type { RunStatus, WorkerEvent } from './protocol';
import type { LabRun } from './run';
import { Sleeper, yieldToEvents } from './yieldToEvents';

/**
 * When a run's steps happen: Play runs them back to back (or at the chosen speed), Step runs one
 * (quick presses add up), Pause stops between two steps. Work is serialised on one queue, and the
 * loop yields to the message queue after every step so Pause, Step and hover stay responsive.
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

  constructor(
    readonly run: LabRun,
    private readonly runId: number,
    private readonly post: (ev: WorkerEvent) => void,
    private speed: number | null,
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

  private enqueue(job: () => Promise<void>): Promise<void> {
    const next = this.queue.then(job).catch((e: unknown) => this.fail(e));
    this.queue = next;
    return next;
  }

  private fail(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    if (!this.disposed)
      this.post({ type: 'error', runId: this.runId, message: `Training stopped: ${message}` });
    this.setStatus('error');
  }

  private async loop(): Promise<void> {
    let last = performance.now();
    while (!this.stopRequested && this.status !== 'done' && !this.disposed) {
      const t0 = performance.now();
      if (await this.run.advance()) await this.finish();
      await yieldToEvents();
      if (this.speed !== null && !this.stopRequested) {
        const wait = 1000 / this.speed - (performance.now() - t0);
        if (wait > 1) await this.sleeper.sleep(wait);
      }
      const now = performance.now();
      this.runMs += now - last;
      last = now;
    }
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
