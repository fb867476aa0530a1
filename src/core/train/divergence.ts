/** Metric readings a spike is judged against (the median of the last this many). */
export const DIVERGENCE_WINDOW = 20;
/** A reading's loss past this many times the window's median is a divergence. */
export const DIVERGENCE_FACTOR = 10;
/**
 * Readings the window needs before it judges spikes (non-finite losses are judged at once). One:
 * a learning rate far too high shows as a jump at the second reading, before the weights overflow.
 */
export const DIVERGENCE_MIN_READINGS = 1;

/** What a metric reading says about the run. */
export type DivergenceVerdict =
  | { readonly kind: 'ok' }
  /** The loss, or the weights after the reading's steps, are NaN or infinite. */
  | { readonly kind: 'nonFinite'; readonly loss: number }
  /** The loss jumped past DIVERGENCE_FACTOR × the median of the recent readings. */
  | { readonly kind: 'spike'; readonly loss: number; readonly median: number };

/** One metric reading as the watch judges it. */
export interface Reading {
  /** Mean training loss over the reading's steps. */
  readonly loss: number;
  /** Whether every weight and bias is finite after the reading's steps. */
  readonly weightsFinite: boolean;
  /**
   * The loss of a uniform guess (ln of the number of classes): a loss below it is never called a
   * divergence, so a well-trained run whose loss is tiny is not stopped by one harder batch.
   */
  readonly chanceLoss: number;
}

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Watches the training loss for divergence: a non-finite loss (or non-finite weights), or a loss
 * more than DIVERGENCE_FACTOR × the median of the last DIVERGENCE_WINDOW readings. The window
 * restarts at method events (a pruning level, a rewind, the end of the pre-train, the first
 * surgery step), where the loss is expected to jump.
 */
export class DivergenceWatch {
  private losses: number[] = [];

  constructor(
    private readonly window = DIVERGENCE_WINDOW,
    private readonly factor = DIVERGENCE_FACTOR,
  ) {}

  /** Judges a reading; a good one joins the window. */
  check(r: Reading): DivergenceVerdict {
    if (!Number.isFinite(r.loss) || !r.weightsFinite) return { kind: 'nonFinite', loss: r.loss };
    if (this.losses.length >= DIVERGENCE_MIN_READINGS) {
      const m = median(this.losses);
      if (r.loss > this.factor * m && r.loss > r.chanceLoss)
        return { kind: 'spike', loss: r.loss, median: m };
    }
    this.losses.push(r.loss);
    if (this.losses.length > this.window) this.losses.shift();
    return { kind: 'ok' };
  }

  /** Forgets the window (a method event: the loss may jump without anything being wrong). */
  restart(): void {
    this.losses = [];
  }

  /** Readings in the window now. */
  get size(): number {
    return this.losses.length;
  }
}

/**
 * Whether trainer steps `from` (inclusive) to `to` (exclusive) include a method event: one of
 * `eventSteps` (the trainer step at which the event's step runs).
 */
export function spansEvent(from: number, to: number, eventSteps: readonly number[]): boolean {
  return eventSteps.some((e) => e >= from && e < to);
}

/** A learning rate to suggest after a divergence: a tenth of the current one, rounded. */
export function suggestedLearningRate(lr: number): number {
  const x = lr / 10;
  return Number(x.toPrecision(1));
}

/** The message shown when a run diverged and was paused. */
export function divergenceMessage(
  v: Exclude<DivergenceVerdict, { kind: 'ok' }>,
  at: { readonly step: number; readonly restoredStep: number; readonly lr: number },
): string {
  const what =
    v.kind === 'nonFinite'
      ? Number.isFinite(v.loss)
        ? 'the weights became NaN or infinite'
        : `the loss became ${String(v.loss)}`
      : `the loss jumped to ${fmt(v.loss)}, more than ${DIVERGENCE_FACTOR}× the recent median ${fmt(v.median)}`;
  return (
    `Training diverged by step ${at.step}: ${what}. The weights and masks of step ` +
    `${at.restoredStep} are restored and the run is paused. Try a lower learning rate ` +
    `(${fmt(suggestedLearningRate(at.lr))} instead of ${fmt(at.lr)}), then press Play.`
  );
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e6 || (x !== 0 && Math.abs(x) < 1e-4)
    ? x.toExponential(1)
    : String(Number(x.toPrecision(3)));
}
