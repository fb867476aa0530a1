import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configFromFlags, presetCheckpointPath } from '../../../src/cli/run';
import { parseFlags } from '../../../src/cli/args';
import { getMethod } from '../../../src/core/pruning/registry';
import { layerInfos, architecture } from '../../../src/core/models/zoo';
import { resolvePreset } from '../../../src/core/pruning/presets';

// The table of issue 16, read from the authors' released sparse caffemodels.
const TABLE = {
  lenet300: { c: [5, 3, 3], iterStop: 20000, gamma: 1e-4, power: 1 },
  lenet5: { c: [2, 3, 4, 2.5], iterStop: 14000, gamma: 1e-4, power: 1 },
} as const;

const OPTIONS = {
  dataset: { type: 'string' },
  model: { type: 'string' },
  preset: { type: 'string' },
  method: { type: 'string' },
  c: { type: 'string' },
  epochs: { type: 'string' },
  validation: { type: 'string' },
  'lr-drop': { type: 'string' },
} as const;

function cfgOf(argv: string[]) {
  // configFromFlags takes the run command's parsed flags; parse only the ones used here.
  return configFromFlags(parseFlags(argv, OPTIONS) as Parameters<typeof configFromFlags>[0]).cfg;
}

describe('preset paper', () => {
  for (const model of ['lenet300', 'lenet5'] as const) {
    it(`resolves to the authors' table for ${model}, per layer after DNS fills it in`, () => {
      const p = resolvePreset('paper', model, 'mnist');
      expect(p.methodConfig).toEqual(TABLE[model]);
      expect(p.validationCount).toBe(0); // all 60k for training
      expect(p.batchSize).toBe(64);
      const cfg = cfgOf(['--dataset', 'mnist', '--model', model, '--preset', 'paper']);
      const layers = layerInfos(architecture(cfg.model, [28, 28, 1], 10));
      const resolved = getMethod('dns').resolve(cfg.methodConfig, layers);
      expect(resolved).toMatchObject({
        c: [...TABLE[model].c],
        iterStop: layers.map(() => TABLE[model].iterStop),
        gamma: 1e-4,
        power: 1,
      });
      expect(cfg.method).toBe('dns');
      expect(cfg.validationCount).toBe(0);
      expect(cfg.epochs).toBe(p.epochs);
    });
  }

  it('lets a flag given beside the preset win, and keeps the rest', () => {
    const cfg = cfgOf([
      '--dataset',
      'mnist',
      '--preset',
      'paper',
      '--c',
      '4,3,3',
      '--epochs',
      '2',
      '--validation',
      '5000',
    ]);
    expect(cfg.methodConfig).toMatchObject({ c: [4, 3, 3], iterStop: 20000, gamma: 1e-4 });
    expect(cfg.epochs).toBe(2);
    expect(cfg.validationCount).toBe(5000);
  });

  it('starts both networks from the dense starts trained on all 60k', () => {
    expect(presetCheckpointPath(['--dataset', 'mnist', '--preset', 'paper'])).toMatch(
      /public\/checkpoints\/paper\/lenet300-mnist\.ckpt$/,
    );
    expect(
      presetCheckpointPath(['--dataset', 'mnist', '--model', 'lenet5', '--preset', 'paper']),
    ).toMatch(/public\/checkpoints\/paper\/lenet5-mnist\.ckpt$/);
    for (const model of ['lenet300', 'lenet5'])
      expect(
        existsSync(
          presetCheckpointPath(['--dataset', 'mnist', '--model', model, '--preset', 'paper'])!,
        ),
      ).toBe(true);
    expect(
      presetCheckpointPath(['--dataset', 'mnist', '--preset', 'paper', '--checkpoint', 'x.ckpt']),
    ).toBe('x.ckpt');
  });

  it('refuses models, data and methods the paper does not cover, naming them', () => {
    expect(() => cfgOf(['--dataset', 'circle', '--model', 'mlp', '--preset', 'paper'])).toThrow(
      /mlp/,
    );
    expect(() => cfgOf(['--dataset', 'fashion-mnist', '--preset', 'paper'])).toThrow(/mnist/);
    expect(() => cfgOf(['--dataset', 'mnist', '--preset', 'paper', '--method', 'oneshot'])).toThrow(
      /oneshot/,
    );
    expect(() => cfgOf(['--dataset', 'mnist', '--preset', 'nope'])).toThrow(/unknown preset/);
  });
});

describe('--lr-drop', () => {
  it('adds step drops beside the preset, and refuses malformed pairs', () => {
    const cfg = cfgOf([
      '--dataset',
      'mnist',
      '--preset',
      'paper',
      '--lr-drop',
      '20000:0.1,30000:0.01',
    ]);
    expect(cfg.lrDrops).toEqual([
      { step: 20000, factor: 0.1 },
      { step: 30000, factor: 0.01 },
    ]);
    expect(cfg.methodConfig).toEqual(TABLE.lenet300);
    for (const bad of ['20000', '20000:2', 'x:0.1', '5.5:0.1', '100:0'])
      expect(() => cfgOf(['--dataset', 'mnist', '--lr-drop', bad])).toThrow(/--lr-drop expects/);
  });
});
