import { useEffect, useRef, useState } from 'react';

/** Chart updates are spaced at least this far apart, one chart at a time. */
export const CHART_GAP_MS = 60;

/**
 * After a long main-thread task (over 50 ms: a busy machine, a slow one), the next chart update
 * waits this many times its length, so chart redraws take at most about a tenth of the main
 * thread and the heatmaps, numbers and input stay smooth; on an idle machine nothing changes.
 */
export const LONG_TASK_GAP_FACTOR = 10;
/** A long task stretches the gaps for this long after it ended, and a gap to at most this. */
export const LONG_TASK_MEMORY_MS = 3000;

/** The gap before the next chart update, given the latest long task (end and length, in ms). */
export function chartGap(now: number, longTask: { end: number; ms: number } | null): number {
  const recent = longTask && now - longTask.end < LONG_TASK_MEMORY_MS ? longTask.ms : 0;
  return Math.max(CHART_GAP_MS, Math.min(LONG_TASK_MEMORY_MS, LONG_TASK_GAP_FACTOR * recent));
}

/**
 * When a chart's new value is due: at once when the run is not training (`idle`: paused, done),
 * `intervalMs` after the chart's last update while it is in view, and never while it is out of
 * view (it catches up when it comes back, or when the run stops).
 */
export function chartDue(idle: boolean, visible: boolean, lastMs: number, intervalMs: number) {
  if (idle) return 0;
  return visible ? lastMs + intervalMs : Infinity;
}

let lastLong: { end: number; ms: number } | null = null;

/** Watches the page's long tasks where the browser reports them (Chromium); elsewhere, no-op. */
function watchLongTasks(): void {
  if (typeof PerformanceObserver !== 'function') return;
  if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) return;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (!lastLong || e.startTime + e.duration >= lastLong.end)
        lastLong = { end: e.startTime + e.duration, ms: e.duration };
  }).observe({ type: 'longtask' });
}
watchLongTasks();

interface Request {
  due: number;
  /** Not training (paused, done): shown after the plain gap, whatever the load. */
  now: boolean;
  apply(): void;
}

const queue = new Map<object, Request>();
let timer: ReturnType<typeof setTimeout> | null = null;
let timerDue = Infinity;
let lastApplied = -Infinity;

/** When request `r` may be applied. */
function readyAt(r: Request, now: number): number {
  const gap = r.now ? CHART_GAP_MS : chartGap(now, lastLong);
  return Math.max(lastApplied + gap, r.due);
}

function pump(): void {
  timer = null;
  timerDue = Infinity;
  const now = performance.now();
  let next: [object, number] | null = null;
  for (const [k, r] of queue) {
    const at = readyAt(r, now);
    if (!next || at < next[1]) next = [k, at];
  }
  if (!next) return;
  // A long task reported since the timer was armed may have pushed the update further out.
  if (next[1] <= now) {
    const r = queue.get(next[0])!;
    queue.delete(next[0]);
    lastApplied = now;
    r.apply();
  }
  schedule();
}

/** (Re)arms the clock for the earliest request; one due sooner than the armed time re-arms it. */
function schedule(): void {
  if (queue.size === 0) return;
  const now = performance.now();
  let at = Infinity;
  for (const r of queue.values()) at = Math.min(at, readyAt(r, now));
  if (at === Infinity) return; // only charts out of view wait: nothing to wake for
  if (timer !== null) {
    if (at >= timerDue) return;
    clearTimeout(timer);
  }
  timerDue = at;
  timer = setTimeout(pump, Math.max(0, at - now));
}

/**
 * The value for a chart, refreshed at most every `intervalMs`, and never in the same moment as
 * another chart: a shared clock applies one chart update at a time, CHART_GAP_MS apart, each
 * rendered in its own task. Recharts redraws a whole chart synchronously, so this keeps each task short
 * while ten metric points a second arrive. With `now` (nothing is training) the value is due at
 * once: a finished or paused run shows its last numbers, not ones from a second or two before.
 * A chart out of view (`visible` false, see useInView) does not redraw while the run trains (a
 * redraw costs the main thread whether or not anyone sees it; a refresh every 10 s of the charts
 * below the fold was the lab's longest task): it catches up at once when it comes into view, or
 * when the run pauses or ends.
 */
export function useChartData<T>(value: T, intervalMs: number, now = false, visible = true): T {
  const [shown, setShown] = useState(value);
  const key = useRef({});
  const last = useRef(0);
  useEffect(() => {
    const k = key.current;
    if (value === shown) return void queue.delete(k);
    queue.set(k, {
      due: chartDue(now, visible, last.current, intervalMs),
      now,
      apply: () => {
        last.current = performance.now();
        // A plain update, rendered in this task: React merges pending transitions into one
        // render, which drew several charts in one long task when their turns came close.
        setShown(value);
      },
    });
    schedule();
    return () => {
      queue.delete(k);
    };
  }, [value, shown, intervalMs, now, visible]);
  return shown;
}
