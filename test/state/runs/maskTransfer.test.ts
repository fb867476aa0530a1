import { describe, expect, it } from 'vitest';
import { layerOverlaps } from '../../../src/state/runs/maskOverlap';
import { withMaskSource } from '../../../src/state/runs/records';
import type { RunSpec } from '../../../src/worker/protocol';

const spec: RunSpec = {
  data: { kind: 'builtin', id: 'circle' },
  validateEvery: 0,
  config: {
    dataset: 'circle',
    model: { id: 'mlp', hidden: [16, 16] },
    method: 'dns',
    methodConfig: { c: [1] },
    epochs: 2,
  },
};
const source = (reinit: boolean) => ({
  key: 'k',
  name: 'dns run',
  step: 40,
  runConfig: spec.config,
  bytes: new Uint8Array([1, 2, 3]),
  reinit,
});

describe('withMaskSource', () => {
  it('turns the spec into a fixed-mask run carrying the source checkpoint bytes', () => {
    const out = withMaskSource(spec, source(true));
    expect(out.config.method).toBe('fixedMask');
    expect(out.config.methodConfig).toEqual({ reinit: true });
    expect(Array.from(out.masks ?? [])).toEqual([1, 2, 3]);
    expect(withMaskSource(spec, source(false)).config.methodConfig).toEqual({ reinit: false });
    expect(out.config.model).toEqual(spec.config.model);
  });

  it('leaves the spec alone without a source or when model or data differ', () => {
    expect(withMaskSource(spec, null)).toBe(spec);
    const wider = {
      ...spec,
      config: { ...spec.config, model: { id: 'mlp' as const, hidden: [8] } },
    };
    expect(withMaskSource(wider, source(false))).toBe(wider);
    const moons = { ...spec, config: { ...spec.config, dataset: 'moons' } };
    expect(withMaskSource(moons, source(false)).masks).toBeUndefined();
  });
});

describe('layerOverlaps', () => {
  const cells = (name: string, bits: number[]) => ({ name, state: Uint8Array.from(bits) });
  it('counts kept weights both sides keep and each side alone, and their Jaccard index', () => {
    // state: 1 alive, 3 just spliced (kept); 0 pruned, 2 just cut (not kept)
    const [o] = layerOverlaps([cells('a', [1, 1, 0, 0, 3])], [cells('a', [3, 0, 1, 2, 1])]);
    expect(o).toEqual({
      name: 'a',
      jaccard: 2 / 4,
      both: 2,
      sourceOnly: 1,
      liveOnly: 1,
      neither: 1,
    });
  });
  it('is 1 for identical masks and for two empty ones, null where cells are missing or differ', () => {
    const out = layerOverlaps(
      [cells('a', [1, 0, 1]), cells('b', [0, 0]), cells('c', [1]), { name: 'd' }],
      [cells('a', [1, 0, 1]), cells('b', [2, 0]), cells('c', [1, 1]), cells('d', [1])],
    );
    expect(out.map((o) => o?.jaccard ?? null)).toEqual([1, 1, null, null]);
  });
});
