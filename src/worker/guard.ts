import * as tf from '@tensorflow/tfjs';
import type { Network } from '../core/models/network';
import type { DivergenceVerdict } from '../core/train/divergence';
import { DivergenceWatch, divergenceMessage, spansEvent } from '../core/train/divergence';
import type { HostState } from '../core/train/restorePoint';
import { RestorePoint } from '../core/train/restorePoint';
import type { MetricPoint, Trainer } from '../core/train/trainer';
import type { Phase } from './protocol';

/** A host copy of the run's state (for a lost device) is read back at most this often. */
export const HOST_COPY_EVERY_MS = 2000;
/**
 * A new restore point is taken at a good reading at most this often (readings come ten a second;
 * a copy is some fifteen tensor clones): a divergence goes back at most about this far.
 */
export const RESTORE_EVERY_MS = 500;
/** A reading that cuts more than this fraction of all weights is a method event (a level, a one-shot cut). */
const EVENT_CUT_FRACTION = 0.05;

/** The last good state read back to the host, with where it sits in the run. */
export interface SavedState {
  readonly state: HostState;
  readonly phase: Phase;
  /** Run steps before the trainer the state belongs to (the pre-train, for the method's phase). */
  readonly offset: number;
}

/** What a divergence did: the message for the page and the step whose state came back. */
export interface Divergence {
  readonly message: string;
  readonly restoredStep: number;
  readonly verdict: Exclude<DivergenceVerdict, { kind: 'ok' }>;
}

/**
 * A scalar that is finite when every weight and bias of the network is, and not when one is NaN or
 * infinite (it also overflows when the weights sum past float32's range: a divergence too).
 */
export function finiteProbe(net: Network): tf.Scalar {
  return tf.tidy(() => tf.addN(net.layers.flatMap((l) => [tf.sum(l.w), tf.sum(l.b)]))) as tf.Scalar;
}

interface Copy {
  readonly rp: RestorePoint;
  readonly offset: number;
  readonly phase: Phase;
}

/**
 * Keeps a run safe from divergence and from losing its backend: judges each metric reading
 * (core/train/divergence.ts) and keeps copies of the state on the backend. The copy taken at a
 * reading is only trusted once the next reading is good too (the loss of its first step was
 * computed with those weights; the weights after a reading's last update are not judged by any
 * loss yet). Copies are taken at most every RESTORE_EVERY_MS; a divergence puts back the newest
 * copy a good reading has vouched for. Every few seconds the trusted copy is also
 * read back to the host, to carry on on another backend after a lost device.
 */
export class RunGuard {
  private readonly watch = new DivergenceWatch();
  private trusted: Copy | null = null;
  private candidate: Copy | null = null;
  /** A good reading came after the candidate was taken: it may be put back too. */
  private candidateJudged = false;
  private capturedAt = -Infinity;
  private hostAt = -Infinity;
  /** The last good state on the host (null until the first copy). */
  saved: SavedState | null = null;

  constructor(private readonly chanceLoss: number) {}

  /** A trainer starts (the run begins, the pre-train ends): its start is trusted as it is. */
  async start(tr: Trainer, phase: Phase, offset: number): Promise<void> {
    this.watch.restart();
    this.dispose();
    this.trusted = { rp: RestorePoint.capture(tr), offset, phase };
    this.capturedAt = -Infinity;
    await this.saveHost(tr, true);
  }

  /**
   * Judges a reading of trainer `tr` that spans trainer steps [fromT, tr.t). A good one vouches
   * for the copy taken before it (and, when a copy is due, promotes it to trusted and takes a new
   * one); a bad one puts back the newest vouched-for copy and returns what happened.
   */
  async judge(
    tr: Trainer,
    m: MetricPoint,
    weightsFinite: boolean,
    at: { fromT: number; phase: Phase; offset: number },
  ): Promise<Divergence | null> {
    const events = [0, ...tr.milestones.map((s) => s.step)];
    const cut = m.cuts.reduce((a, b) => a + b, 0);
    const total = m.total.reduce((a, b) => a + b, 0);
    if (spansEvent(at.fromT, tr.t, events) || cut > EVENT_CUT_FRACTION * total)
      this.watch.restart();
    const verdict = this.watch.check({ loss: m.loss, weightsFinite, chanceLoss: this.chanceLoss });
    if (verdict.kind === 'ok') {
      const now = performance.now();
      if (now - this.capturedAt >= RESTORE_EVERY_MS) {
        if (this.candidate) {
          this.trusted?.rp.dispose();
          this.trusted = this.candidate;
        }
        this.candidate = { rp: RestorePoint.capture(tr), offset: at.offset, phase: at.phase };
        this.candidateJudged = false;
        this.capturedAt = now;
      } else if (this.candidate) this.candidateJudged = true;
      await this.saveHost(tr, false);
      return null;
    }
    // The newest copy a good reading has vouched for goes back; it is the trusted one from now.
    if (this.candidate && this.candidateJudged) {
      this.trusted?.rp.dispose();
      this.trusted = this.candidate;
    } else this.candidate?.rp.dispose();
    this.candidate = null;
    const back = this.trusted!;
    back.rp.restore(tr);
    const restoredStep = back.offset + back.rp.trainerStep;
    const message = divergenceMessage(verdict, {
      step: at.offset + tr.t,
      restoredStep,
      lr: tr.optimizer.config.lr,
    });
    return { message, restoredStep, verdict };
  }

  private async saveHost(tr: Trainer, force: boolean): Promise<void> {
    const now = performance.now();
    const t = this.trusted;
    if (!t || (!force && now - this.hostAt < HOST_COPY_EVERY_MS)) return;
    this.hostAt = now;
    const state = await t.rp.toHost(tr.optimizer.scheduleOrigin);
    this.saved = { state, phase: t.phase, offset: t.offset };
  }

  dispose(): void {
    this.trusted?.rp.dispose();
    this.candidate?.rp.dispose();
    this.trusted = this.candidate = null;
  }
}
