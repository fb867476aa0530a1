import type { BackendName, BackendOptions } from '../core/backend';
import { BACKENDS, startBackend, wasmThreadsAvailable } from '../core/backend';
import type { Architecture } from '../core/models/types';
import type { BackendReport, BackendRequest, Verdict, VerdictCache } from './protocol';
import { compareProbes, probeGradients, probeNames, timeGradients } from './selfTest';

/** What WebGPU says about its adapter (null when there is none). */
export interface AdapterInfo {
  readonly label: string;
  readonly key: string;
  /** A software adapter (SwiftShader): correct but slower than the CPU paths. */
  readonly software: boolean;
}

interface AdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    isFallbackAdapter?: boolean;
  };
  requestAdapterInfo?: () => Promise<{ vendor?: string; architecture?: string; device?: string }>;
}

/** Asks WebGPU for an adapter and describes it. */
export async function webgpuAdapter(): Promise<AdapterInfo | null> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return null;
  try {
    const adapter = (await gpu.requestAdapter()) as AdapterLike | null;
    if (!adapter) return null;
    const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
    const fallbackFlag = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
    const arch = info.architecture ?? '';
    const software = fallbackFlag || /swiftshader/i.test(`${arch} ${info.device ?? ''}`);
    const name =
      arch === 'swiftshader'
        ? 'SwiftShader'
        : [info.vendor, arch].filter(Boolean).join(' ') || 'unknown GPU';
    return {
      label: `${name}${software ? ' (software)' : ''}`,
      key: `${info.vendor ?? ''}/${arch}/${info.device ?? ''}${software ? '/sw' : ''}`,
      software,
    };
  } catch {
    return null;
  }
}

/** What the choice needs to know about the run. */
export interface ChoiceInput {
  readonly arch: Architecture;
  /** Model and data shape in words, e.g. "lenet300 on 28x28x1 → 10". */
  readonly modelKey: string;
  readonly modelName: string;
  readonly batch: number;
  readonly cache: VerdictCache;
  readonly options: BackendOptions;
  readonly onProgress?: (label: string) => void;
}

export interface Choice {
  readonly report: BackendReport;
  /** Cache key and the verdicts to store under it. */
  readonly key: string;
  readonly verdicts: Partial<Record<BackendName, Verdict>>;
}

const NAMES: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/** A short hash of the browser, so a browser update re-tests its backends. */
function browserKey(): string {
  const ua = globalThis.navigator?.userAgent ?? 'node';
  let h = 0x811c9dc5;
  for (let i = 0; i < ua.length; i++) h = Math.imul(h ^ ua.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * A pthread worker of the threaded wasm build that fails to load is reported by Emscripten
 * rethrowing the worker's ErrorEvent in this worker; tfjs's start then waits forever. While the
 * threaded build starts, such an error fails the start (and is cancelled, so it does not stop the
 * training worker).
 */
function watchWorkerErrors(): { failure: Promise<string>; stop: () => void } {
  const scope = globalThis as unknown as Partial<EventTarget>;
  let report: (why: string) => void = () => {};
  const failure = new Promise<string>((done) => (report = done));
  const onError = (e: Event) => {
    e.preventDefault();
    // Emscripten rethrows the pthread's own ErrorEvent: its message says what went wrong.
    const err = e as ErrorEvent;
    const inner =
      typeof ErrorEvent !== 'undefined' && err.error instanceof ErrorEvent
        ? err.error.message
        : err.message;
    report(`a pthread worker failed: ${inner || 'it could not load'}`);
  };
  scope.addEventListener?.('error', onError);
  return { failure, stop: () => scope.removeEventListener?.('error', onError) };
}

/**
 * Why the threaded wasm build failed in this worker, if it did: later choices (another model,
 * another backend request) go straight to the single-thread build instead of failing, or waiting
 * out a hung start, again.
 */
let wasmThreadsFailure: string | null = null;

function threadsFailedNote(why: string): string {
  return `WASM threads ${why}, so WASM runs on one thread`;
}

let strayGuard = false;
/**
 * The other pthread workers of a failed threaded start fail too, later, while the single-thread
 * build runs: their errors (reported from their blob: scripts, and rethrown by Emscripten as an
 * Event, which this worker's own code never throws) are cancelled for good.
 */
function guardStrayPthreadErrors(): void {
  const scope = globalThis as unknown as Partial<EventTarget>;
  if (strayGuard || !scope.addEventListener) return;
  strayGuard = true;
  scope.addEventListener('error', (e) => {
    const err = e as ErrorEvent;
    if (
      err.filename?.startsWith('blob:') ||
      (typeof Event !== 'undefined' && err.error instanceof Event)
    )
      e.preventDefault();
  });
}

/** "on 4 threads" / "on one thread" for the wasm backend. */
function threadWords(threads: number | undefined): string {
  return threads && threads > 1 ? `on ${threads} threads` : 'on one thread';
}

/** How the wasm backend runs, for the backend line. */
function wasmThreadNote(threadedBuild: boolean, threads: number): string {
  if (!threadedBuild)
    return wasmThreadsAvailable()
      ? 'WASM runs on one thread'
      : 'WASM runs on one thread: the page is not cross-origin isolated (the README lists the headers for threads)';
  if (threads > 1) return `WASM runs on ${threads} threads (the page is cross-origin isolated)`;
  const cores = globalThis.navigator?.hardwareConcurrency;
  return `WASM runs its threaded build on 1 thread: tfjs computes on half the logical cores${cores ? ` (${cores} here)` : ''}`;
}

/**
 * Picks the backend for a model. `auto`: every candidate that starts is self-tested against the
 * cpu backend on the model's real layer shapes and timed; the fastest correct one wins, and a
 * software WebGPU adapter is skipped (it is a correctness path, not a fast one). A named backend
 * is self-tested and kept when it passes; otherwise the next one in order that passes is used.
 * Verdicts are cached per adapter, browser and model (the page stores them).
 */
export async function chooseBackend(request: BackendRequest, input: ChoiceInput): Promise<Choice> {
  const adapter = await webgpuAdapter();
  // A cross-origin isolated page runs wasm on threads: its timings are kept apart.
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const key = `${adapter?.key ?? 'no-webgpu'}|${browserKey()}|${input.modelKey}${isolated ? '|isolated' : ''}`;
  const cached = { ...(input.cache[key] ?? {}) };
  const fresh: Partial<Record<BackendName, Verdict>> = {};
  const unavailable = new Set<BackendName>();
  let reference: Float32Array[] | null = null;
  const names = probeNames(input.arch);
  // Dense nets self-test at the run's batch, so the timing pass finds its kernels compiled.
  const selfBatch = input.arch.layers.some((l) => l.kind === 'conv2d')
    ? 2
    : Math.min(input.batch, 128);

  const notes: string[] = [];
  /** Why each backend that could not start did not. */
  const whyNot: Partial<Record<BackendName, string>> = {};
  /** Set once the threaded wasm build failed: wasm runs single-threaded from then on. */
  let wasmSingle = wasmThreadsFailure !== null;
  // Cached wasm verdicts of an isolated page were measured on the threaded build.
  if (wasmSingle) delete cached.wasm;
  let wasmThreads: number | undefined;
  let wasmThreaded = false;

  const startOnce = async (b: BackendName) => {
    if (b !== 'wasm') return startBackend(b, input.options);
    if (wasmSingle) return startBackend(b, { ...input.options, wasmThreads: false });
    guardStrayPthreadErrors();
    const watch = watchWorkerErrors();
    try {
      return await startBackend(b, { ...input.options, failure: watch.failure });
    } finally {
      watch.stop();
    }
  };

  /** The threaded wasm build failed (`why`): run wasm on one thread and forget its verdicts. */
  const dropWasmThreads = (why: string) => {
    wasmSingle = true;
    wasmThreadsFailure = why;
    delete cached.wasm;
    delete fresh.wasm;
    notes.push(threadsFailedNote(why));
  };

  const start = async (b: BackendName) => {
    if (unavailable.has(b)) return false;
    let r = await startOnce(b);
    if (!r.ok && b === 'wasm' && !wasmSingle && wasmThreadsAvailable()) {
      dropWasmThreads(`could not start (${r.why ?? 'no reason given'})`);
      r = await startOnce(b);
    }
    if (!r.ok) {
      unavailable.add(b);
      whyNot[b] = r.why ?? 'no reason given';
    } else if (b === 'wasm') {
      wasmThreads = r.threads;
      wasmThreaded = r.threadedBuild === true;
    }
    return r.ok;
  };

  const verdictFor = async (b: BackendName, wantSpeed: boolean): Promise<Verdict | null> => {
    let v = cached[b] ?? fresh[b];
    if (v && (!v.ok || !wantSpeed || v.msPerStep !== null)) {
      if (!(await start(b))) return null;
      return v;
    }
    if (!v) {
      if (b !== 'cpu' && !reference) {
        if (!(await start('cpu'))) throw new Error('the cpu backend could not start');
        input.onProgress?.(`Self-testing backends on ${input.modelName}: cpu reference`);
        reference = await probeGradients(input.arch, selfBatch);
      }
      if (!(await start(b))) return null;
      input.onProgress?.(`Self-testing ${NAMES[b]} on ${input.modelName}`);
      if (b === 'cpu') v = { ok: true, msPerStep: null, detail: 'the reference backend' };
      else
        try {
          const c = compareProbes(reference!, await probeGradients(input.arch, selfBatch), names);
          v = c.ok
            ? { ok: true, msPerStep: null, detail: `matches cpu to ${c.worst.toExponential(1)}` }
            : {
                ok: false,
                msPerStep: null,
                detail: `${c.where} differs from cpu by ${fmtErr(c.worst)}`,
              };
        } catch (e) {
          v = {
            ok: false,
            msPerStep: null,
            detail: `threw: ${e instanceof Error ? e.message : String(e)}`,
          };
        }
    } else if (!(await start(b))) return null;
    if (b === 'wasm' && v.threads === undefined) v = { ...v, threads: wasmThreads ?? 1 };
    if (b === 'wasm' && !v.ok && !wasmSingle && (v.threads ?? 1) > 1) {
      dropWasmThreads(`failed the self-test (${v.detail})`);
      return verdictFor(b, wantSpeed);
    }
    if (v.ok && wantSpeed && v.msPerStep === null) {
      input.onProgress?.(`Timing ${NAMES[b]} on ${input.modelName}`);
      try {
        v = { ...v, msPerStep: await timeGradients(input.arch, input.batch) };
      } catch (e) {
        v = {
          ok: false,
          msPerStep: null,
          detail: `threw while training: ${e instanceof Error ? e.message : String(e)}`,
        };
      }
    }
    fresh[b] = v;
    return v;
  };

  let pick: BackendName | null = null;
  let reason = '';
  if (request === 'auto') {
    const candidates: BackendName[] = [];
    if (adapter && !adapter.software) candidates.push('webgpu');
    else if (adapter)
      notes.push(
        `the WebGPU adapter is ${adapter.label}, slower than the CPU paths, so it was not probed`,
      );
    else notes.push('no WebGPU adapter here');
    candidates.push('webgl', 'wasm');
    const timed: { b: BackendName; ms: number }[] = [];
    for (const b of candidates) {
      const v = await verdictFor(b, true);
      if (!v) notes.push(`${NAMES[b]} could not start (${whyNot[b] ?? 'no reason given'})`);
      else if (!v.ok) notes.push(`${NAMES[b]} failed the self-test (${v.detail})`);
      else timed.push({ b, ms: v.msPerStep ?? Infinity });
    }
    timed.sort((p, q) => p.ms - q.ms);
    if (timed.length > 0) {
      pick = timed[0]!.b;
      const speeds = timed
        .map((t) =>
          t.b === 'wasm'
            ? `wasm ${threadWords(fresh.wasm?.threads ?? cached.wasm?.threads)} ${fmtMs(t.ms)}`
            : `${t.b} ${fmtMs(t.ms)}`,
        )
        .join(', ');
      reason = `Auto: fastest backend that passed the self-test on ${input.modelName} (${speeds} per batch of ${input.batch})`;
    } else {
      const last: BackendName[] = adapter ? ['webgpu', 'cpu'] : ['cpu'];
      for (const b of last) {
        const v = await verdictFor(b, false);
        if (v?.ok) {
          pick = b;
          reason = `Auto: ${NAMES[b]} is the only backend that works here`;
          break;
        }
      }
    }
  } else {
    const v = await verdictFor(request, false);
    if (v?.ok) {
      pick = request;
      reason = `You chose ${NAMES[request]}; it passed the self-test on ${input.modelName} (${v.detail})`;
      if (request === 'webgpu' && adapter?.software) notes.push(`the adapter is ${adapter.label}`);
    } else {
      const why = v
        ? `failed the self-test (${v.detail})`
        : `could not start here (${whyNot[request] ?? 'no reason given'})`;
      for (const b of BACKENDS.filter((x) => x !== request)) {
        const w = await verdictFor(b, false);
        if (w?.ok) {
          pick = b;
          reason = `You chose ${NAMES[request]}, but it ${why}; fell back to ${NAMES[b]}`;
          break;
        }
      }
    }
  }
  if (!pick) throw new Error('no TensorFlow.js backend passed its self-test in this browser');
  if (!(await start(pick))) throw new Error(`${NAMES[pick]} stopped working after its self-test`);
  if (pick === 'wasm') {
    if (!wasmSingle) notes.push(wasmThreadNote(wasmThreaded, wasmThreads ?? 1));
    else if (wasmThreadsFailure && !notes.includes(threadsFailedNote(wasmThreadsFailure)))
      notes.push(threadsFailedNote(wasmThreadsFailure));
  }
  const fromCache =
    Object.keys(fresh).length === 0 ? ' (verdicts cached from an earlier visit)' : '';
  const verdicts = { ...cached, ...fresh };
  return {
    key,
    verdicts,
    report: {
      backend: pick,
      request,
      reason: `${reason}${notes.length ? `; ${notes.join('; ')}` : ''}${fromCache}.`,
      adapter: adapter?.label ?? null,
      verdicts,
      unavailable: BACKENDS.filter((b) => unavailable.has(b)),
      ...(pick === 'wasm' ? { threads: wasmThreads ?? 1, threadedBuild: wasmThreaded } : {}),
    },
  };
}

function fmtMs(ms: number): string {
  return Number.isFinite(ms) ? `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms` : '?';
}

function fmtErr(x: number): string {
  return Number.isFinite(x)
    ? `${(x * 100).toPrecision(2)}% of its largest value`
    : 'NaN or a shape mismatch';
}
