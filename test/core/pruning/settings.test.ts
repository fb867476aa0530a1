import { describe, expect, it } from 'vitest';
import { architecture, layerInfos } from '../../../src/core/models/zoo';
import { allMethods, getMethod } from '../../../src/core/pruning/registry';
import { describeSettings } from '../../../src/core/pruning/settings';

const layers = layerInfos(architecture({ id: 'mlp', hidden: [16, 16] }, [8], 4));

describe('describeSettings (the lab builds its settings form from these)', () => {
  it.each(allMethods().map((m) => [m.id, m] as const))(
    '%s describes every setting its defaults have, and nothing else',
    (_id, spec) => {
      const keys = describeSettings(spec).map((s) => s.key);
      expect(keys.sort()).toEqual(Object.keys(spec.defaults(layers) as object).sort());
    },
  );

  it('reads kinds, choices and bounds from the schema', () => {
    const imp = new Map(describeSettings(getMethod('imp')).map((s) => [s.key, s]));
    expect(imp.get('target')).toEqual({
      key: 'target',
      kind: 'number',
      min: 0,
      max: 1,
      exclusiveMin: true,
      exclusiveMax: true,
    });
    expect(imp.get('scope')).toEqual({
      key: 'scope',
      kind: 'choice',
      options: ['global', 'layer'],
    });
    expect(imp.get('rewind')?.options).toEqual(['none', 'init', 'step']);
    expect(imp.get('spareOutput')).toEqual({ key: 'spareOutput', kind: 'boolean' });
    expect(imp.get('rewindStep')).toEqual({ key: 'rewindStep', kind: 'integer', min: 0 });
    // A list of stops, not one value per layer.
    expect(imp.get('stops')).toMatchObject({ kind: 'numbers', min: 0, max: 1 });
    expect(imp.get('stops')?.perLayer).toBeUndefined();
  });

  it('marks per-layer settings (DNS c and iter_stop) and method-specific choices', () => {
    const dns = new Map(describeSettings(getMethod('dns')).map((s) => [s.key, s]));
    expect(dns.get('c')).toEqual({ key: 'c', kind: 'numbers', perLayer: true });
    expect(dns.get('iterStop')?.perLayer).toBe(true);
    expect(dns.get('saliency')?.options).toEqual(['magnitude', 'taylor']);
    const agp = new Map(describeSettings(getMethod('agp')).map((s) => [s.key, s]));
    expect(agp.get('saliency')?.options).toEqual(['magnitude', 'taylor', 'movement']);
    expect(agp.get('frequency')).toMatchObject({ kind: 'integer', min: 0, exclusiveMin: true });
  });

  it('describes nothing for the dense baseline', () => {
    expect(describeSettings(getMethod('none'))).toEqual([]);
  });
});
