import type { BackendName, BackendOptions } from '../core/backend';
import { BACKENDS, useBackend } from '../core/backend';
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
 * Picks the backend for a model. `auto`: every candidate that starts is self-tested against the
 * cpu backend on the model's real layer shapes and timed; the fastest correct one wins, and a
 * software WebGPU adapter is skipped (it is a correctness path, not a fast one). A named backend
 * is self-tested and kept when it passes; otherwise the next one in order that passes is used.
 * Verdicts are cached per adapter, browser and model (the page stores them).
 */
export async function chooseBackend(request: BackendRequest, input: ChoiceInput): Promise<Choice> {
  const adapter = await webgpuAdapter();
  const key = `${adapter?.key ?? 'no-webgpu'}|${browserKey()}|${input.modelKey}`;
  const cached = { ...(input.cache[key] ?? {}) };
  const fresh: Partial<Record<BackendName, Verdict>> = {};
  const unavailable = new Set<BackendName>();
  let reference: Float32Array[] | null = null;
  const names = probeNames(input.arch);
  // Dense nets self-test at the run's batch, so the timing pass finds its kernels compiled.
  const selfBatch = input.arch.layers.some((l) => l.kind === 'conv2d')
    ? 2
    : Math.min(input.batch, 128);

  const start = async (b: BackendName) => {
    if (unavailable.has(b)) return false;
    const ok = await useBackend(b, input.options);
    if (!ok) unavailable.add(b);
    return ok;
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

  const notes: string[] = [];
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
      if (!v) notes.push(`${NAMES[b]} could not start`);
      else if (!v.ok) notes.push(`${NAMES[b]} failed the self-test (${v.detail})`);
      else timed.push({ b, ms: v.msPerStep ?? Infinity });
    }
    timed.sort((p, q) => p.ms - q.ms);
    if (timed.length > 0) {
      pick = timed[0]!.b;
      const speeds = timed.map((t) => `${t.b} ${fmtMs(t.ms)}`).join(', ');
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
      const why = v ? `failed the self-test (${v.detail})` : 'could not start here';
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
