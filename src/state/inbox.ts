import type { WorkerEvent } from '../worker/protocol';
import type { Coalescer } from './coalesce';
import { createCoalescer, pageClock } from './coalesce';

/**
 * The training stream: events that come many times a second while a run trains and can wait for
 * the next frame. Everything else (status, done, error, ready, hand edits, answers to the user)
 * is applied the moment it arrives, after what was queued before it.
 */
export const COALESCED_EVENTS: ReadonlySet<WorkerEvent['type']> = new Set([
  'metrics',
  'validation',
  'snapshot',
  'progress',
  'connection',
]);

/** Queued events wait at most this long for an animation frame (a hidden tab paints none). */
export const INBOX_MAX_WAIT_MS = 100;
/** The training stream reaches the store at most this often (five times a second). */
export const INBOX_MIN_INTERVAL_MS = 200;

/**
 * Applies events in order; one that throws does not stop the ones after it (as separate messages
 * would not), and the first error is thrown again at the end.
 */
export function applyInOrder<E>(events: readonly E[], apply: (e: E) => void): void {
  let failure: { error: unknown } | null = null;
  for (const e of events) {
    try {
      apply(e);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

/**
 * The page's inbox for worker events: the training stream is applied in an animation frame at
 * most every INBOX_MIN_INTERVAL_MS (one store update and one React commit however many messages
 * came), the rest at once.
 * A hidden page applies everything at once (it paints nothing, and its timers are throttled).
 * Null outside a page (Node, tests): the store then applies each event as it comes.
 */
export function pageInbox(apply: (e: WorkerEvent) => void): Coalescer<WorkerEvent> | null {
  if (typeof requestAnimationFrame !== 'function' || typeof document === 'undefined') return null;
  const inbox = createCoalescer<WorkerEvent>({
    apply: (events) => applyInOrder(events, apply),
    urgent: (e) => document.hidden || !COALESCED_EVENTS.has(e.type),
    clock: pageClock(),
    maxWaitMs: INBOX_MAX_WAIT_MS,
    minIntervalMs: INBOX_MIN_INTERVAL_MS,
  });
  document.addEventListener('visibilitychange', () => inbox.flush());
  return inbox;
}
