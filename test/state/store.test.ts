import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/state/configRules';
import { REBUILD_DEBOUNCE_MS } from '../../src/state/slices/config';
import { connectPort } from '../../src/state/port';
import { emptyRun } from '../../src/state/runReducer';
import { useLab } from '../../src/state/store';
import type { Command, RunInfo, WorkerEvent } from '../../src/worker/protocol';

const sent: Command[] = [];
const initial = useLab.getState();

beforeEach(() => {
  sent.length = 0;
  connectPort({ send: (c) => sent.push(c) });
  useLab.setState(initial, true);
});
afterEach(() => vi.useRealTimers());

const s = () => useLab.getState();
const types = () => sent.map((c) => c.type);
const receive = (ev: WorkerEvent) => s().receive(ev);

const info = {
  layers: [{ name: 'fc1', kind: 'dense', rows: 2, cols: 3, total: 9, shape: [2, 3], note: null }],
  baseline: 0.9,
  pretrainSteps: 0,
} as unknown as RunInfo;

/** A run at step `step` with status `status`. */
function runAt(step: number, status: 'running' | 'paused' | 'done' | 'ready') {
  useLab.setState({ run: { ...emptyRun(1), step, status } });
}

describe('settings changes', () => {
  it('sends a new learning rate to the running trainer without a rebuild', () => {
    runAt(50, 'running');
    s().change({ lr: 0.005 });
    expect(sent).toEqual([{ type: 'setLr', lr: 0.005 }]);
    expect(s().config.lr).toBe(0.005);
    expect(s().pending).toBe(false);
  });

  it('asks before a data change throws away a run in progress', () => {
    runAt(50, 'running');
    s().change({ source: { kind: 'builtin', id: 'iris' } });
    expect(s().confirm?.message).toMatch(/new run/);
    expect(s().config.source).toEqual({ kind: 'builtin', id: 'mnist' });
    s().cancelChange();
    expect(s().confirm).toBeNull();
    expect(sent).toEqual([]);
    s().change({ source: { kind: 'builtin', id: 'iris' } });
    s().confirmChange();
    const cmd = sent.at(-1)!;
    expect(cmd.type).toBe('configure');
    if (cmd.type === 'configure') {
      expect(cmd.run.data).toEqual({ kind: 'builtin', id: 'iris' });
      expect(cmd.run.config.model).toEqual({ id: 'mlp', hidden: [16, 16] }); // the dataset's default model
    }
  });

  it('changes data at step 0 at once, without asking', () => {
    runAt(0, 'ready');
    s().change({ model: { id: 'lenet5' } });
    expect(s().confirm).toBeNull();
    expect(types()).toEqual(['configure']);
  });

  it('rebuilds at step 0 after a burst of edits, once', () => {
    vi.useFakeTimers();
    runAt(0, 'ready');
    s().change({ epochs: 3 });
    s().change({ epochs: 30 });
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(REBUILD_DEBOUNCE_MS + 1);
    expect(types()).toEqual(['configure']);
    const cmd = sent[0]!;
    if (cmd.type === 'configure') expect(cmd.run.config.epochs).toBe(30);
  });

  it('keeps other changes during a run for the next reset', () => {
    runAt(50, 'paused');
    s().change({ methodConfig: { c: [1, 1, 1] } });
    expect(s().pending).toBe(true);
    expect(sent).toEqual([]);
    s().reset();
    expect(types()).toEqual(['configure']);
    expect(s().pending).toBe(false);
  });

  it('clears method overrides when the method or model changes', () => {
    runAt(0, 'ready');
    s().change({ methodConfig: { c: [3] } });
    s().change({ method: 'none' });
    expect(s().config.methodConfig).toEqual({});
  });

  it('asks before switching the backend mid-run, then rebuilds on it', () => {
    runAt(5, 'paused');
    s().chooseBackend('webgpu');
    expect(s().confirm).not.toBeNull();
    s().confirmChange();
    expect(s().backend).toBe('webgpu');
    expect(sent.at(-1)).toMatchObject({ type: 'configure', backend: 'webgpu' });
  });
});

describe('transport', () => {
  it('plays, pauses and steps', () => {
    runAt(0, 'ready');
    s().togglePlay();
    expect(s().run.playedAt).not.toBeNull();
    runAt(3, 'running');
    s().togglePlay();
    s().step(); // ignored while running
    runAt(3, 'paused');
    s().step();
    expect(types()).toEqual(['play', 'pause', 'step']);
  });

  it('runs again from step 0 when the run is done', () => {
    runAt(100, 'done');
    s().play();
    expect(types()).toEqual(['reset', 'play']);
  });

  it('does not play without a dense start', () => {
    useLab.setState({ run: { ...emptyRun(1), status: 'needsStart' } });
    s().play();
    expect(sent).toEqual([]);
  });
});

describe('worker events', () => {
  it('keeps each run on the accuracy-vs-sparsity chart, with its trajectory and end', () => {
    useLab.setState({ applied: DEFAULT_CONFIG });
    receive({ type: 'ready', runId: 1, info });
    receive({
      type: 'validation',
      runId: 1,
      point: { phase: 'train', step: 0, accuracy: 0.9, loss: 0.3, density: 1 },
    });
    receive({
      type: 'validation',
      runId: 1,
      point: { phase: 'train', step: 9, accuracy: 0.8, loss: 0.5, density: 0.1 },
    });
    receive({
      type: 'done',
      runId: 1,
      result: { testAccuracy: 0.85, density: 0.08, kept: 1, total: 9, steps: 9, seconds: 1 },
    });
    receive({ type: 'ready', runId: 2, info });
    const runs = s().sessionRuns;
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({
      id: 1,
      label: '#1 dns · lenet300 · mnist',
      baseline: 0.9,
      end: { density: 0.08, accuracy: 0.85 },
    });
    expect(runs[0]!.trajectory).toEqual([
      { density: 1, accuracy: 0.9 },
      { density: 0.1, accuracy: 0.8 },
    ]);
    expect(runs[1]!.colour).not.toBe(runs[0]!.colour);
    // A run that never trained makes way for the next one.
    receive({ type: 'ready', runId: 3, info });
    expect(s().sessionRuns.map((r) => r.id)).toEqual([1, 3]);
  });

  it('ignores pre-training points on the trade-off chart', () => {
    receive({ type: 'ready', runId: 1, info });
    receive({
      type: 'validation',
      runId: 1,
      point: { phase: 'pretrain', step: 5, accuracy: 0.5, loss: 1, density: 1 },
    });
    expect(s().sessionRuns[0]!.trajectory).toEqual([]);
  });

  it('stores snapshots of the current run only', () => {
    receive({ type: 'ready', runId: 2, info });
    const snapshot = { id: 1, phase: 'train' as const, step: 1, density: 1, layers: [] };
    receive({ type: 'snapshot', runId: 1, snapshot });
    expect(s().snapshot).toBeNull();
    receive({ type: 'snapshot', runId: 2, snapshot });
    expect(s().snapshot).toBe(snapshot);
  });

  it('shows worker errors: of a run on the run, others as a banner', () => {
    receive({ type: 'error', message: 'no backend' });
    expect(s().appError).toBe('no backend');
    receive({ type: 'error', runId: 1, message: 'LeNet-5 needs image input' });
    expect(s().run).toMatchObject({ status: 'error', error: 'LeNet-5 needs image input' });
  });

  it('asks the worker about a hovered connection once per cell', () => {
    s().setHover({ layer: 0, index: 4, input: 1, unit: 1, x: 10, y: 10 });
    s().setHover({ layer: 0, index: 4, input: 1, unit: 1, x: 11, y: 10 });
    s().setHover({ layer: 0, index: 5, input: 1, unit: 2, x: 12, y: 10 });
    expect(
      sent.filter((c) => c.type === 'query').map((c) => (c.type === 'query' ? c.index : -1)),
    ).toEqual([4, 5]);
  });

  it('keeps the backend report and progress lines', () => {
    receive({ type: 'progress', task: 'data', label: 'Loading mnist', fraction: 0.5 });
    expect(s().progress.data).toEqual({ label: 'Loading mnist', fraction: 0.5 });
    receive({
      type: 'backend',
      report: {
        backend: 'wasm',
        request: 'auto',
        reason: 'Auto: …',
        adapter: null,
        verdicts: {},
        unavailable: [],
      },
    });
    expect(s().backendReport?.backend).toBe('wasm');
  });
});
