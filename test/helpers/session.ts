import { join } from 'node:path';
import { fsSource, PUBLIC_DIR } from '../../src/node/fsSource';
import type { Command, RunSpec, WorkerEvent } from '../../src/worker/protocol';
import { LabSession } from '../../src/worker/session';

type Ev<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;

/**
 * A worker session wired to the files on disk, recording every event it posts, with waits driven
 * by the events themselves (the loop yields through a MessageChannel, which in Node runs ahead of
 * timers, so polling with setTimeout would only look once a run is over). `until` rejects on a
 * worker error unless told `errors: true`, and after `defaultTimeoutMs` unless told otherwise.
 */
export function sessionHarness(defaultTimeoutMs = 60_000) {
  const events: WorkerEvent[] = [];
  const waiters = new Set<() => void>();
  const session = new LabSession({
    post: (ev) => {
      events.push(ev);
      for (const w of [...waiters]) w();
    },
    datasets: fsSource(),
    checkpoints: fsSource(join(PUBLIC_DIR, 'checkpoints')),
    backend: {},
  });
  const send = (cmd: Command) => session.handle(cmd);
  const all = <T extends WorkerEvent['type']>(type: T) =>
    events.filter((e): e is Ev<T> => e.type === type);
  const last = <T extends WorkerEvent['type']>(type: T) => all(type).at(-1);
  function until<T>(
    f: () => T | undefined | false,
    { timeoutMs = defaultTimeoutMs, errors = false } = {},
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const stop = () => {
        waiters.delete(check);
        clearTimeout(timer);
      };
      const check = () => {
        const v = f();
        const err = all('error')[0];
        if (v) {
          stop();
          resolve(v);
        } else if (err && !errors) {
          stop();
          reject(new Error(`worker error: ${err.message}`));
        }
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error('timed out'));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }
  const status = () => last('status')?.status;
  send({ type: 'init', baseUrl: '', verdicts: {} });
  return { events, send, all, last, until, status };
}

/**
 * The worker tests' toy run: DNS (c = 0.5) on the 16-16 MLP over a built-in 2-D set, from
 * scratch, one epoch of batches of 16, validated every 5 steps on 100 examples.
 */
export function toyRunSpec(
  over: Partial<RunSpec['config']> = {},
  opts: { dataset?: 'gaussians' | 'circle'; validateEvery?: number } = {},
): RunSpec {
  const dataset = opts.dataset ?? 'gaussians';
  return {
    data: { kind: 'builtin', id: dataset },
    validateEvery: opts.validateEvery ?? 5,
    config: {
      dataset,
      model: { id: 'mlp', hidden: [16, 16] },
      method: 'dns',
      methodConfig: { c: 0.5 },
      start: 'scratch',
      epochs: 1,
      batchSize: 16,
      seed: 1,
      validationLimit: 100,
      ...over,
    },
  };
}

/** Pauses a test's session (if any) and lets its loop wind down: call in afterEach. */
export async function pauseSession(h: { send(cmd: Command): unknown } | null): Promise<void> {
  h?.send({ type: 'pause' });
  await new Promise((r) => setTimeout(r, 20));
}
