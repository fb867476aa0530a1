import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/state/configRules';
import { withDatasetDefaults } from '../../src/state/slices/config';

describe('a config change that names new method settings', () => {
  it('keeps the settings it brings when it also switches the method (the paper preset)', () => {
    const from = { ...DEFAULT_CONFIG, method: 'oneshot' as const, methodConfig: { sparsity: 0.9 } };
    const next = withDatasetDefaults(from, {
      method: 'dns',
      methodConfig: { c: [5, 3, 3], iterStop: 20000 },
    });
    expect(next.method).toBe('dns');
    expect(next.methodConfig).toEqual({ c: [5, 3, 3], iterStop: 20000 });
  });

  it('still drops the old method settings when a method switch brings none', () => {
    const from = { ...DEFAULT_CONFIG, method: 'oneshot' as const, methodConfig: { sparsity: 0.9 } };
    expect(withDatasetDefaults(from, { method: 'dns' }).methodConfig).toEqual({});
  });
});
