import { connectPort } from '../state/port';
import { recordRunEvent } from '../state/runs/startSaving';
import { useLab } from '../state/store';
import type { Command, DebugAction, VerdictCache, WorkerEvent } from './protocol';

const VERDICTS_KEY = 'pruning-lab.backend-verdicts.v1';

/** Backend verdicts from earlier visits (self-tests are cached per adapter and model). */
export function loadVerdicts(): VerdictCache {
  try {
    const raw = localStorage.getItem(VERDICTS_KEY);
    return raw ? (JSON.parse(raw) as VerdictCache) : {};
  } catch {
    return {};
  }
}

function saveVerdicts(key: string, verdicts: VerdictCache[string]): void {
  try {
    localStorage.setItem(VERDICTS_KEY, JSON.stringify({ ...loadVerdicts(), [key]: verdicts }));
  } catch {
    // Private windows may refuse storage: the lab then self-tests on every visit.
  }
}

/**
 * Acknowledges a snapshot once it has been drawn: heatmaps draw in requestAnimationFrame
 * callbacks registered while the snapshot was stored, so an ack registered after them runs after
 * the drawing. A hidden tab draws nothing, so it acks at once and training keeps its pace.
 */
function ackAfterPaint(worker: Worker, id: number): void {
  const ack = () => worker.postMessage({ type: 'ack', id } satisfies Command);
  if (document.hidden) ack();
  else requestAnimationFrame(ack);
}

let worker: Worker | null = null;

type DebugInfo = Extract<WorkerEvent, { type: 'debugInfo' }>;
const debugWaiters: ((info: DebugInfo) => void)[] = [];

/** Test hook: sends a `debug` command and resolves with the worker's answer (tf.memory(), backend). */
export function debugWorker(action: DebugAction): Promise<DebugInfo> {
  return new Promise((resolve) => {
    debugWaiters.push(resolve);
    worker?.postMessage({ type: 'debug', action } satisfies Command);
  });
}

/** Starts the training worker (the only `new Worker` in the app) and wires it to the store. */
export function startWorker(): void {
  if (worker) return;
  const w = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' });
  worker = w;
  w.onmessage = (e: MessageEvent<WorkerEvent>) => {
    const ev = e.data;
    useLab.getState().receive(ev);
    recordRunEvent(ev); // saved runs (IndexedDB)
    if (ev.type === 'debugInfo') debugWaiters.shift()?.(ev);
    else if (ev.type === 'verdicts') saveVerdicts(ev.key, ev.verdicts);
    else if (ev.type === 'snapshot') ackAfterPaint(w, ev.snapshot.id);
  };
  w.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    useLab.getState().receive({
      type: 'error',
      message: `The training worker stopped: ${e.message || 'it could not load'}`,
    });
  };
  w.onmessageerror = () =>
    useLab
      .getState()
      .receive({ type: 'error', message: 'A message from the training worker could not be read.' });
  connectPort({ send: (cmd) => w.postMessage(cmd) });
  const baseUrl = new URL(import.meta.env.BASE_URL, document.baseURI).href;
  w.postMessage({ type: 'init', baseUrl, verdicts: loadVerdicts() } satisfies Command);
}
