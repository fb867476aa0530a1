import { describe, expect, it } from 'vitest';
import type { FrameClock } from '../../src/state/coalesce';
import { createCoalescer } from '../../src/state/coalesce';
import { applyInOrder, COALESCED_EVENTS } from '../../src/state/inbox';

/** A clock driven by the test: frames and timers run only when the test says so. */
function testClock(withFrames = true) {
  let frames: (() => void)[] = [];
  let timers: { f: () => void; at: number }[] = [];
  let now = 0;
  const clock: FrameClock = {
    now: () => now,
    ...(withFrames
      ? {
          frame(f: () => void) {
            frames.push(f);
            return () => void (frames = frames.filter((g) => g !== f));
          },
        }
      : {}),
    timer(f, ms) {
      const t = { f, at: now + ms };
      timers.push(t);
      return () => void (timers = timers.filter((u) => u !== t));
    },
  };
  return {
    clock,
    get frames() {
      return frames.length;
    },
    get timers() {
      return timers.length;
    },
    /** Runs the callbacks of one animation frame. */
    paint() {
      const due = frames;
      frames = [];
      for (const f of due) f();
    },
    /** Moves time on, running the timers that come due. */
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.f();
    },
  };
}

type Ev = { type: 'metrics' | 'snapshot' | 'done' | 'status'; n: number };
const urgent = (e: Ev) => e.type === 'done' || e.type === 'status';

function setup(withFrames = true) {
  const t = testClock(withFrames);
  const batches: Ev[][] = [];
  const c = createCoalescer<Ev>({
    apply: (evs) => batches.push([...evs]),
    urgent,
    clock: t.clock,
    maxWaitMs: 100,
    minIntervalMs: 200,
  });
  return { t, c, batches, applied: () => batches.flat().map((e) => e.n) };
}

describe('the worker-event coalescer', () => {
  it('applies a burst of events once, at the next frame, in order', () => {
    const { t, c, batches, applied } = setup();
    for (let n = 0; n < 5; n++) c.push({ type: n % 2 ? 'snapshot' : 'metrics', n });
    expect(batches).toEqual([]);
    expect(c.pending).toBe(5);
    expect(t.frames).toBe(1); // one frame asked for, however many events
    t.paint();
    expect(batches).toHaveLength(1);
    expect(applied()).toEqual([0, 1, 2, 3, 4]);
    expect(t.timers).toBe(0); // the fallback timer is cancelled by the frame
    expect(c.pending).toBe(0);
  });

  it('loses nothing over many frames: every event is applied exactly once, in order', () => {
    const { t, c, applied } = setup();
    let n = 0;
    for (let frame = 0; frame < 200; frame++) {
      for (let k = 0; k < frame % 4; k++) c.push({ type: 'metrics', n: n++ });
      if (frame % 37 === 3) c.push({ type: 'status', n: n++ });
      t.advance(16);
      t.paint();
    }
    t.advance(300);
    t.paint();
    expect(applied()).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('applies the stream at most once per minIntervalMs, in a frame', () => {
    const { t, c, batches } = setup();
    c.push({ type: 'metrics', n: 1 });
    t.paint(); // the first batch goes at the next frame
    expect(batches).toHaveLength(1);
    c.push({ type: 'metrics', n: 2 });
    t.advance(16);
    t.paint();
    t.advance(150);
    t.paint();
    expect(batches).toHaveLength(1); // 166 ms after the last flush: still waiting
    c.push({ type: 'snapshot', n: 3 });
    t.advance(34); // 200 ms: now it waits for a frame
    expect(batches).toHaveLength(1);
    expect(t.frames).toBe(1);
    t.paint();
    expect(batches.map((b) => b.map((e) => e.n))).toEqual([[1], [2, 3]]);
  });

  it('applies a terminal event at once, after everything queued before it', () => {
    const { t, c, batches } = setup();
    c.push({ type: 'metrics', n: 1 });
    c.push({ type: 'snapshot', n: 2 });
    c.push({ type: 'done', n: 3 });
    expect(batches).toEqual([
      [
        { type: 'metrics', n: 1 },
        { type: 'snapshot', n: 2 },
        { type: 'done', n: 3 },
      ],
    ]);
    // Nothing is left waiting for the frame, and the frame asked for earlier does nothing.
    expect(t.frames).toBe(0);
    expect(t.timers).toBe(0);
    t.paint();
    expect(batches).toHaveLength(1);
  });

  it('keeps going without animation frames (Node, a hidden tab): the timer flushes', () => {
    const { t, c, applied } = setup(false);
    c.push({ type: 'metrics', n: 1 });
    c.push({ type: 'metrics', n: 2 });
    expect(applied()).toEqual([]);
    t.advance(99);
    expect(applied()).toEqual([]);
    t.advance(1);
    expect(applied()).toEqual([1, 2]);
    c.push({ type: 'metrics', n: 3 });
    t.advance(200); // the minimum interval after the last flush, then the frame's timer
    expect(applied()).toEqual([1, 2]);
    t.advance(100);
    expect(applied()).toEqual([1, 2, 3]);
  });

  it('flushes by the timer when frames stall, and not twice when the frame comes late', () => {
    const { t, c, batches } = setup();
    c.push({ type: 'metrics', n: 1 });
    t.advance(100); // no frame came within maxWaitMs
    expect(batches).toEqual([[{ type: 'metrics', n: 1 }]]);
    t.paint();
    expect(batches).toHaveLength(1);
  });

  it('flush() applies what is queued now (the page is being hidden)', () => {
    const { c, applied } = setup();
    c.push({ type: 'metrics', n: 1 });
    c.flush();
    expect(applied()).toEqual([1]);
    c.flush();
    expect(applied()).toEqual([1]);
  });
});

describe('the page inbox', () => {
  it('coalesces only the training stream; the rest applies at once', () => {
    expect([...COALESCED_EVENTS].sort()).toEqual(
      ['connection', 'metrics', 'progress', 'snapshot', 'validation'].sort(),
    );
    for (const t of ['done', 'error', 'status', 'ready', 'hand', 'notice'] as const)
      expect(COALESCED_EVENTS.has(t)).toBe(false);
  });

  it('applies every event of a batch even when one throws, then reports the first error', () => {
    const seen: number[] = [];
    expect(() =>
      applyInOrder([1, 2, 3, 4], (n) => {
        seen.push(n);
        if (n === 2) throw new Error('two');
        if (n === 3) throw new Error('three');
      }),
    ).toThrow('two');
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});
