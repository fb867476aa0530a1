import type { WorkerEvent } from '../../worker/protocol';
import { connectSaver } from '../slices/runs';
import { useLab } from '../store';
import { ask, runsDb } from './calls';
import { RunSaver } from './saver';

let saver: RunSaver | null = null;

function theSaver(): RunSaver {
  if (saver) return saver;
  const s = new RunSaver({
    db: runsDb,
    state: () => useLab.getState(),
    checkpoint: () => ask({ type: 'saveCheckpoint' }),
    notify: (message) => useLab.getState().setRunsStorage(message),
    changed: () => void useLab.getState().refreshRuns(),
    now: () => Date.now(),
  });
  saver = s;
  connectSaver({ current: () => s.current(), key: () => s.liveKey });
  // A closing tab writes what it has (IndexedDB may finish the write after the page is gone).
  addEventListener('pagehide', () => void s.flush());
  void useLab.getState().refreshRuns();
  return s;
}

/** Hands a worker event to the saver of lab runs (the client calls it after the store has it). */
export function recordRunEvent(ev: WorkerEvent): void {
  theSaver().observe(ev);
}
