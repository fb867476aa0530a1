import { afterEach, describe, expect, it } from 'vitest';
import type { RunSpec } from '../../src/worker/protocol';
import { HAND_CELL } from '../../src/worker/protocol';
import { pauseSession, sessionHarness, toyRunSpec } from '../helpers/session';

const spec = (epochs: number): RunSpec => toyRunSpec({ epochs }, { validateEvery: 50 });

let h: ReturnType<typeof sessionHarness> | null = null;
afterEach(async () => {
  await pauseSession(h);
  h = null;
});

describe('hand surgery through the worker session', () => {
  it('applies an edit paused: counts, validation and a snapshot at once; Undo takes it back', async () => {
    h = sessionHarness(20_000);
    h.send({ type: 'configure', run: spec(5), backend: 'cpu' });
    await h.until(() => h!.status() === 'ready' && h!.last('snapshot'));
    h.send({ type: 'ack', id: h.last('snapshot')!.snapshot.id });
    const before = h.events.length;
    const row = Array.from({ length: 16 }, (_, i) => i * 16 + 3); // unit 3 of layer 1
    h.send({ type: 'handEdit', layer: 1, indices: row, action: 'cut' });
    const snap = await h.until(() => h!.events.slice(before).find((e) => e.type === 'snapshot'));
    const after = h.events.slice(before).map((e) => e.type);
    // The counts, then the validation sample, then the snapshot: all at step 0.
    expect(after.indexOf('hand')).toBeLessThan(after.indexOf('validation'));
    expect(after.indexOf('validation')).toBeLessThan(after.indexOf('snapshot'));
    const report = h.last('hand')!.report;
    expect(report).toMatchObject({ cuts: 16, splices: 0, undoDepth: 1, step: 0 });
    expect(report.kept[1]).toBe(16 * 16 + 16 - 16);
    if (snap.type !== 'snapshot') throw new Error('not a snapshot');
    const state = snap.snapshot.layers[1]!.state!;
    expect(row.every((i) => state[i] === HAND_CELL.handCut)).toBe(true);
    expect([...state].filter((s) => s === HAND_CELL.handCut)).toHaveLength(16);
    h.send({ type: 'ack', id: snap.snapshot.id });
    h.send({ type: 'handUndo' });
    await h.until(() => h!.last('hand')!.report.cuts === 0);
    expect(h.last('hand')!.report.kept[1]).toBe(16 * 16 + 16);
  });

  it('applies an edit between two steps while training, and training goes on', async () => {
    h = sessionHarness(20_000);
    h.send({ type: 'configure', run: spec(200), backend: 'cpu' });
    await h.until(() => h!.status() === 'ready');
    h.send({ type: 'play' });
    await h.until(() => (h!.last('metrics')?.points.at(-1)?.step ?? 0) > 10);
    h.send({ type: 'handEdit', layer: 0, indices: [0, 1, 2], action: 'cut' });
    const hand = await h.until(() => h!.last('hand'));
    expect(hand.report.step).toBeGreaterThan(10);
    expect(h.status()).toBe('running');
    await h.until(() => (h!.last('metrics')?.points.at(-1)?.step ?? 0) > hand.report.step + 5);
  });
});
