import { describe, expect, it } from 'vitest';
import { checkpointName } from '../../src/core/train/session';
import type { Dataset } from '../../src/core/data/types';
import {
  buildSpec,
  changeKind,
  checkpointFile,
  DEFAULT_CONFIG,
  findCheckpoint,
  runLabel,
} from '../../src/state/configRules';

describe('config rules', () => {
  it('learning rate is live, data and model ask first, the rest rebuild', () => {
    expect(changeKind({ lr: 0.001 })).toBe('live');
    expect(changeKind({ source: { kind: 'builtin', id: 'iris' } })).toBe('confirm');
    expect(changeKind({ model: { id: 'lenet5' } })).toBe('confirm');
    expect(changeKind({ epochs: 3 })).toBe('rebuild');
    expect(changeKind({ lr: 0.1, seed: 2 })).toBe('rebuild');
  });

  it('names checkpoints as the core does', () => {
    for (const m of [
      { id: 'lenet300' as const },
      { id: 'lenet5' as const },
      { id: 'mlp' as const, hidden: [16, 16] },
    ])
      expect(checkpointFile(m, 'mnist')).toBe(checkpointName(m, 'mnist'));
  });

  it('finds the shipped checkpoint, none, or not yet known', () => {
    const entries = [
      { file: 'lenet300-mnist.ckpt', model: 'lenet300', dataset: 'mnist', testAccuracy: 0.98 },
    ];
    expect(findCheckpoint(entries, DEFAULT_CONFIG)?.testAccuracy).toBe(0.98);
    expect(findCheckpoint(entries, { ...DEFAULT_CONFIG, model: { id: 'lenet5' } })).toBeNull();
    expect(findCheckpoint(null, DEFAULT_CONFIG)).toBeUndefined();
  });

  it('builds the worker spec for built-in and uploaded data', () => {
    const spec = buildSpec({ ...DEFAULT_CONFIG, lr: 0.02 }, []);
    expect(spec.data).toEqual({ kind: 'builtin', id: 'mnist' });
    expect(spec.config).toMatchObject({
      dataset: 'mnist',
      model: { id: 'lenet300' },
      method: 'dns',
      lr: 0.02,
      start: 'checkpoint',
    });
    expect('lr' in buildSpec(DEFAULT_CONFIG, []).config).toBe(false);
    const dataset = { id: 'up1', title: 'my.csv' } as Dataset;
    const up = buildSpec({ ...DEFAULT_CONFIG, source: { kind: 'upload', key: 'up1' } }, [
      { key: 'up1', title: 'my.csv', dataset },
    ]);
    expect(up.data).toEqual({ kind: 'inline', dataset });
    expect(up.config.dataset).toBe('up1');
    expect(() =>
      buildSpec({ ...DEFAULT_CONFIG, source: { kind: 'upload', key: 'gone' } }, []),
    ).toThrow(/no longer here/);
  });

  it('labels runs by the settings the user changed', () => {
    expect(runLabel(1, DEFAULT_CONFIG)).toBe('#1 dns · lenet300 · mnist');
    expect(
      runLabel(2, { ...DEFAULT_CONFIG, methodConfig: { c: [3, 3, 2] }, start: 'scratch' }),
    ).toBe('#2 dns c=3/3/2 · lenet300 · mnist · scratch');
  });
});
