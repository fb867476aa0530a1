import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../../src/core/models/checkpoint';
import {
  checkpointMismatch,
  makeRunFileJson,
  parseRunFileJson,
  shapeMismatch,
} from '../../../src/core/runfile/runFile';
import { CHECKPOINT_DIR } from '../../../src/node/checkpoints';
import { result } from '../../helpers/runResult';

const base = result({ method: 'dns', seed: 1, density: 0.2, acc: 0.9 });
const run = makeRunFileJson(
  {
    ...base,
    layers: [{ name: 'fc1', kept: 0, total: 48, density: 0, compression: Infinity }],
    history: [
      {
        step: 1,
        epoch: 0.1,
        loss: NaN,
        trainAccuracy: 0.5,
        density: 1,
        cuts: 0,
        splices: 0,
        learningRate: 0.01,
      },
    ],
  },
  { checkpoint: 'r.ckpt', denseFile: 'r.dense.ckpt' },
);
const text = JSON.stringify(run);
const edit = (f: (o: Record<string, unknown>) => void) => {
  const o = JSON.parse(text) as Record<string, unknown>;
  f(o);
  return JSON.stringify(o);
};

describe('parseRunFileJson', () => {
  it('reads back what makeRunFileJson wrote, Infinity and NaN included', () => {
    const back = parseRunFileJson(text);
    expect(back.checkpoint).toBe('r.ckpt');
    expect(back.denseStart).toEqual({
      source: 'checkpoint',
      file: 'r.dense.ckpt',
      testAccuracy: 0.98,
    });
    expect(back.layers[0]!.compression).toBe(Infinity);
    expect(back.history[0]!.loss).toBeNaN();
    expect(back.config).toEqual(run.config);
  });

  it('reads an unfinished run (no test figures yet, written as null) with NaN there', () => {
    const back = parseRunFileJson(
      edit((o) => {
        o['testAccuracy'] = null;
        o['testError'] = null;
      }),
    );
    expect(back.testAccuracy).toBeNaN();
    expect(back.testError).toBeNaN();
  });

  it.each([
    ['{"format": "pruning-lab-run", ', /^run file is not valid JSON \(/],
    ['[1, 2]', /expected a JSON object/],
    [edit((o) => (o['format'] = 'something')), /format is "something", expected "pruning-lab-run"/],
    [edit((o) => (o['version'] = 9)), /version 9 is not supported/],
    [edit((o) => delete o['checkpoint']), /^run file checkpoint: /],
    [edit((o) => (o['checkpoint'] = '../../etc/passwd')), /checkpoint: must be a plain file name/],
    [edit((o) => (o['testAccuracy'] = 'high')), /^run file testAccuracy: /],
    [
      edit((o) => ((o['config'] as Record<string, unknown>)['method'] = 'magic')),
      /^run file config\.method: /,
    ],
  ])('rejects %s with a readable message', (input, message) => {
    expect(() => parseRunFileJson(input)).toThrow(message);
  });
});

describe('checkpointMismatch', async () => {
  const ckpt = async (f: string) =>
    readCheckpoint(new Uint8Array(await readFile(join(CHECKPOINT_DIR, f))));
  const circle = await ckpt('mlp-16-16-circle.ckpt');

  it('accepts the checkpoint of the run model and data', () => {
    expect(checkpointMismatch(run, circle)).toBeNull();
  });

  it.each([
    ['lenet300-mnist.ckpt', 'checkpoint holds a lenet300 model, the run is mlp-16-16'],
    ['mlp-16-16-xor.ckpt', 'checkpoint was trained on xor, the run on circle'],
  ])('names what is wrong with %s', async (file, message) => {
    expect(checkpointMismatch(run, await ckpt(file))).toBe(message);
  });

  it('asks for masks when told to', () => {
    expect(checkpointMismatch(run, circle, { masks: true })).toBe('checkpoint has no masks');
  });

  it('catches tensors of the wrong shape', () => {
    const params = circle.header.params.map((p, k) => (k === 2 ? { ...p, shape: [16, 15] } : p));
    expect(shapeMismatch({ ...circle, header: { ...circle.header, params } })).toBe(
      'checkpoint fc2/w has shape 16x15, mlp-16-16 needs 16x16',
    );
  });
});
