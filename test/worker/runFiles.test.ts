import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint, saveCheckpoint } from '../../src/core/models/checkpoint';
import { Network } from '../../src/core/models/network';
import { architecture } from '../../src/core/models/zoo';
import { createRng } from '../../src/core/rng';
import { CELL_STATE } from '../../src/worker/protocol';
import type { WorkerEvent } from '../../src/worker/protocol';
import { checkpointSnapshot, handleRunsCommand } from '../../src/worker/runFiles';
import { backend } from '../helpers/tf';

beforeAll(() => backend('cpu'));

/** Checkpoint bytes of a 2-4-2 MLP (or `hidden` widths) with every other first-layer weight cut. */
async function mlpBytes(hidden = [4], dataset = 'circle'): Promise<Uint8Array> {
  const net = new Network(architecture({ id: 'mlp', hidden }, [2], 2), createRng(1).fork('init'));
  const l = net.layers[0]!;
  const n = l.w.size;
  l.wMask.assign(
    tf.tensor(
      Array.from({ length: n }, (_, i) => i % 2),
      l.wMask.shape,
    ),
  );
  const bytes = await saveCheckpoint(net, { dataset, withMasks: true, meta: { step: 12 } });
  net.dispose();
  return bytes;
}

function runJson(model: { id: 'mlp'; hidden: number[] }): string {
  return JSON.stringify({
    format: 'pruning-lab-run',
    version: 1,
    checkpoint: 'r.ckpt',
    denseStart: { source: 'scratch', file: null, testAccuracy: null },
    config: { dataset: 'circle', model, method: 'dns', epochs: 2 },
    methodConfig: {},
    backend: 'cpu',
    dense: { source: 'scratch', testAccuracy: null },
    testAccuracy: 0.9,
    testError: 0.1,
    density: 0.5,
    compression: 2,
    kept: 10,
    total: 20,
    layers: [],
    history: [],
    epochs: [],
    timing: { epochSeconds: [], msPerStep: 1, totalSeconds: 1, steps: 12 },
    startedAt: '2026-12-07T10:00:00.000Z',
  });
}

async function ask(json: string, bytes: Uint8Array | null): Promise<WorkerEvent> {
  const out: WorkerEvent[] = [];
  await handleRunsCommand({ type: 'checkImport', id: 1, json, bytes }, null, (ev) => out.push(ev));
  return out[0]!;
}

describe('saved-run files in the worker', () => {
  it('draws a saved checkpoint as the live views do: kept counts, cells, histogram', async () => {
    const snap = checkpointSnapshot(readCheckpoint(await mlpBytes()), 3, 12);
    const first = snap.layers[0]!;
    expect([first.rows, first.cols]).toEqual([2, 4]);
    expect(Array.from(first.state!)).toEqual(
      [0, 1, 0, 1, 0, 1, 0, 1].map((m) => (m ? CELL_STATE.alive : CELL_STATE.pruned)),
    );
    expect(first.kept).toBe(4 + 4); // half the weights, every bias
    const h = first.histogram;
    expect(h.alive.reduce((a, b) => a + b, 0)).toBe(4);
    expect(h.pruned.reduce((a, b) => a + b, 0)).toBe(4);
    expect(snap.density).toBeCloseTo((8 + 10) / (12 + 10), 6);
  });

  it('accepts a run file with its own weights and an exported config alone', async () => {
    const good = await ask(runJson({ id: 'mlp', hidden: [4] }), await mlpBytes());
    expect(good.type).toBe('importChecked');
    if (good.type !== 'importChecked') return;
    expect(good.info?.layers.map((l) => l.name)).toEqual(['fc1', 'fc2']);
    const cfg = await ask(
      JSON.stringify({
        format: 'pruning-lab-config',
        config: { dataset: 'iris', model: { id: 'mlp' }, method: 'imp', epochs: 3 },
      }),
      null,
    );
    expect(cfg.type === 'importChecked' && cfg.config.method).toBe('imp');
  });

  it.each([
    [
      'weights of another model',
      runJson({ id: 'mlp', hidden: [8] }),
      'ckpt',
      /does not belong to this run: checkpoint holds a mlp-4/,
    ],
    [
      'a run file without its checkpoint',
      runJson({ id: 'mlp', hidden: [4] }),
      null,
      /needs its checkpoint r\.ckpt/,
    ],
    ['truncated JSON', runJson({ id: 'mlp', hidden: [4] }).slice(0, 80), 'ckpt', /not valid JSON/],
    [
      'a hostile config',
      '{"__proto__":{"polluted":1},"config":{"dataset":"circle","model":{"id":"mlp"},"method":"rm -rf","epochs":1}}',
      null,
      /neither a Pruning Lab run file nor a run config \(method/,
    ],
    [
      'not a checkpoint',
      runJson({ id: 'mlp', hidden: [4] }),
      'junk',
      /not a Pruning Lab checkpoint/,
    ],
  ])('refuses %s with a message', async (_what, json, ckpt, message) => {
    const bytes = ckpt === 'ckpt' ? await mlpBytes() : ckpt === 'junk' ? new Uint8Array(64) : null;
    const ev = await ask(json, bytes);
    expect(ev.type).toBe('runsError');
    expect(ev.type === 'runsError' && ev.message).toMatch(message);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
