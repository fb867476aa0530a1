/** A clock for the coalescer: the page's animation frames and timers, or a test's own. */
export interface FrameClock {
  /** Calls `f` before the next frame is painted; returns a cancel. Absent: no frames (Node). */
  readonly frame?: (f: () => void) => () => void;
  /** Calls `f` after `ms` milliseconds; returns a cancel. */
  readonly timer: (f: () => void, ms: number) => () => void;
  /** Milliseconds on a monotonic clock. */
  readonly now: () => number;
}

export interface CoalescerOptions<E> {
  /** Applies queued events, oldest first (each event exactly once). */
  readonly apply: (events: readonly E[]) => void;
  /**
   * Events that are applied at once, after everything queued before them: state changes the
   * user must see in the frame they happen (done, paused, an error).
   */
  readonly urgent: (event: E) => boolean;
  readonly clock: FrameClock;
  /**
   * The latest a queued event waits, in ms: a hidden tab or a stalled page paints no frames, and
   * the run must go on (the timer is the only clock where `frame` is absent).
   */
  readonly maxWaitMs: number;
  /**
   * Queued events wait at least this long after the previous flush (then for a frame): each flush
   * costs a React commit and a compositor commit, and the numbers they show need not change more
   * often than this. Urgent events never wait.
   */
  readonly minIntervalMs: number;
}

export interface Coalescer<E> {
  push(event: E): void;
  /** Applies everything queued now (e.g. before the page is hidden). */
  flush(): void;
  /** Events waiting for the next flush. */
  readonly pending: number;
}

/**
 * Collects a stream of events and applies them in an animation frame, at most once per
 * `minIntervalMs`, so a burst of worker messages costs one store update and one React commit
 * instead of one each. Order is kept and nothing is dropped; an urgent event flushes the queue and
 * itself at once. A timer flushes when no frame comes within `maxWaitMs` (background tabs pause
 * animation frames).
 */
export function createCoalescer<E>(o: CoalescerOptions<E>): Coalescer<E> {
  let queue: E[] = [];
  let armed = false;
  let cancels: (() => void)[] = [];
  let lastFlush = -Infinity;

  function flush(): void {
    for (const c of cancels) c();
    cancels = [];
    armed = false;
    if (queue.length === 0) return;
    lastFlush = o.clock.now();
    const events = queue;
    queue = [];
    o.apply(events);
  }

  /** Waits for the next frame, or the timer where frames stall or do not exist. */
  function awaitFrame(): void {
    cancels = [];
    if (o.clock.frame) cancels.push(o.clock.frame(flush));
    cancels.push(o.clock.timer(flush, o.maxWaitMs));
  }

  function arm(): void {
    if (armed) return;
    armed = true;
    const wait = lastFlush + o.minIntervalMs - o.clock.now();
    if (wait > 0) cancels = [o.clock.timer(awaitFrame, wait)];
    else awaitFrame();
  }

  return {
    push(event) {
      queue.push(event);
      if (o.urgent(event)) flush();
      else arm();
    },
    flush,
    get pending() {
      return queue.length;
    },
  };
}

/** The page's clock: requestAnimationFrame, setTimeout and performance.now. */
export function pageClock(): FrameClock {
  return {
    now: () => performance.now(),
    frame(f) {
      const id = requestAnimationFrame(f);
      return () => cancelAnimationFrame(id);
    },
    timer(f, ms) {
      const id = setTimeout(f, ms);
      return () => clearTimeout(id);
    },
  };
}
