import { startTransition, useEffect, useRef, useState } from 'react';

/** Chart updates are spaced at least this far apart, one chart at a time. */
export const CHART_GAP_MS = 60;

interface Request {
  due: number;
  apply(): void;
}

const queue = new Map<object, Request>();
let timer: ReturnType<typeof setTimeout> | null = null;
let timerDue = Infinity;
let lastApplied = -Infinity;

function pump(): void {
  timer = null;
  timerDue = Infinity;
  const now = performance.now();
  let next: [object, Request] | null = null;
  for (const entry of queue) if (!next || entry[1].due < next[1].due) next = entry;
  if (!next) return;
  if (next[1].due <= now) {
    queue.delete(next[0]);
    lastApplied = now;
    next[1].apply();
  }
  schedule();
}

/** (Re)arms the clock for the earliest request; one due sooner than the armed time re-arms it. */
function schedule(): void {
  if (queue.size === 0) return;
  let due = Infinity;
  for (const r of queue.values()) due = Math.min(due, r.due);
  const at = Math.max(lastApplied + CHART_GAP_MS, due);
  if (timer !== null) {
    if (at >= timerDue) return;
    clearTimeout(timer);
  }
  timerDue = at;
  timer = setTimeout(pump, Math.max(0, at - performance.now()));
}

/**
 * The value for a chart, refreshed at most every `intervalMs`, and never in the same moment as
 * another chart: a shared clock applies one chart update at a time, CHART_GAP_MS apart, as a
 * React transition. Recharts redraws a whole chart synchronously, so this keeps each task short
 * while ten metric points a second arrive. With `now` (nothing is training) the value is due at
 * once: a finished or paused run shows its last numbers, not ones from a second or two before.
 */
export function useChartData<T>(value: T, intervalMs: number, now = false): T {
  const [shown, setShown] = useState(value);
  const key = useRef({});
  const last = useRef(0);
  useEffect(() => {
    const k = key.current;
    queue.set(k, {
      // `now`: the run is not training (paused, done), so the latest values show at once.
      due: now ? 0 : last.current + intervalMs,
      apply: () => {
        last.current = performance.now();
        startTransition(() => setShown(value));
      },
    });
    schedule();
    return () => {
      queue.delete(k);
    };
  }, [value, intervalMs, now]);
  return shown;
}
