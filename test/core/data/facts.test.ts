import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VALIDATION,
  loadBuiltinDataset,
  loadManifest,
} from '../../../src/core/data/builtin';
import { BUILTIN_FACTS } from '../../../src/core/data/facts';
import { BUILTIN_DATASETS } from '../../../src/core/data/ids';
import { fsSource } from '../../../src/node/fsSource';

const source = fsSource();

describe('facts of the built-in sets (what links are checked against)', () => {
  it('cover every built-in set', () => {
    expect(Object.keys(BUILTIN_FACTS).sort()).toEqual([...BUILTIN_DATASETS].sort());
  });

  it.each(['iris', 'digits', 'circle', 'xor', 'gaussians', 'spiral'] as const)(
    '%s: shape, classes and training split match the loader',
    async (id) => {
      const d = await loadBuiltinDataset(id, source);
      expect(BUILTIN_FACTS[id]).toEqual({
        inputShape: d.inputShape,
        numClasses: d.numClasses,
        trainCount: d.train.count,
      });
    },
  );

  it.each(['mnist', 'fashion-mnist'] as const)(
    '%s: the manifest count less the validation carve',
    async (id) => {
      const m = (await loadManifest(source)).datasets[id]!;
      const f = BUILTIN_FACTS[id];
      expect(f.trainCount).toBe(m.splits!.train.count - DEFAULT_VALIDATION[id]!);
      expect(f.numClasses).toBe(m.classes.length);
      expect(f.inputShape).toEqual([...m.imageShape!, 1]);
    },
  );
});
