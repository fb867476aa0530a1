import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltinDataset, loadImageSplits, loadManifest } from '../../../src/core/data/builtin';
import { maybeGunzip } from '../../../src/core/data/gzip';
import { labelHistogram } from '../../../src/core/data/types';
import { fsSource, PUBLIC_DIR } from '../../../src/node/fsSource';

const source = fsSource();
const sha = (b: Uint8Array | Float32Array) => createHash('sha256').update(b).digest('hex');

describe.each(['mnist', 'fashion-mnist'] as const)('%s loader', (id) => {
  it('matches the shipped manifest: counts, histograms, first labels and bytes', async () => {
    const manifest = await loadManifest(source);
    const entry = manifest.datasets[id]!;
    const { train, test } = await loadImageSplits(id, entry, source);
    for (const [split, m] of [
      [train, entry.splits!.train],
      [test, entry.splits!.test],
    ] as const) {
      expect(split.count).toBe(m.count);
      expect(labelHistogram(split.y, 10)).toEqual(m.labelHistogram);
      expect(Array.from(split.y.subarray(0, 10))).toEqual(m.firstLabels);
      // The inflated bytes are exactly the manifest's raw files (so the first image is too).
      expect(sha(split.x)).toBe(m.images.rawSha256);
      expect(sha(split.y)).toBe(m.labels.rawSha256);
    }
  });
});

describe('MNIST', () => {
  it("first training image is the well-known '5': ink in the middle rows, blank borders", async () => {
    const manifest = await loadManifest(source);
    const { train } = await loadImageSplits('mnist', manifest.datasets['mnist']!, source);
    const img = train.x.subarray(0, 784);
    const row = (r: number) => Array.from(img.subarray(r * 28, r * 28 + 28));
    expect(row(0).every((v) => v === 0)).toBe(true);
    expect(row(27).every((v) => v === 0)).toBe(true);
    expect(row(14).some((v) => v > 200)).toBe(true);
    expect(train.y[0]).toBe(5);
  });

  it('carves a seeded stratified validation set out of train', async () => {
    const a = await loadBuiltinDataset('mnist', source, { seed: 1 });
    const b = await loadBuiltinDataset('mnist', source, { seed: 1 });
    expect(a.validation.count).toBe(5000);
    expect(a.train.count).toBe(55000);
    expect(Array.from(a.validation.y.subarray(0, 50))).toEqual(
      Array.from(b.validation.y.subarray(0, 50)),
    );
    const h = labelHistogram(a.validation.y, 10);
    // stratified: each class within one example of its share of 5000
    const full = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
    h.forEach((n, c) => expect(Math.abs(n - (full[c]! * 5000) / 60000)).toBeLessThanOrEqual(1));
    expect(a.test.count).toBe(10000);
  });
});

describe('gzip sniffing', () => {
  it('inflates gzip bytes and passes already-inflated bytes through', () => {
    const gz = new Uint8Array(
      readFileSync(join(PUBLIC_DIR, 'datasets/mnist/mnist-test-labels.u8.gz')),
    );
    const raw = maybeGunzip(gz);
    expect(raw.length).toBe(10000);
    expect(maybeGunzip(raw)).toBe(raw);
  });
});

describe('tabular and toy sets', () => {
  it('iris: 150 rows, 3 balanced classes, 60/20/20 split, standardised on train', async () => {
    const d = await loadBuiltinDataset('iris', source, { seed: 1 });
    expect(d.train.count + d.validation.count + d.test.count).toBe(150);
    expect(d.train.count).toBe(90);
    expect(labelHistogram(d.train.y, 3)).toEqual([30, 30, 30]);
    const mean0 =
      Array.from({ length: d.train.count }, (_, i) => d.train.x[i * 4]!).reduce((a, b) => a + b) /
      d.train.count;
    expect(Math.abs(mean0)).toBeLessThan(1e-5);
    expect(d.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('digits: 64 features, 10 classes', async () => {
    const d = await loadBuiltinDataset('digits', source, { seed: 1 });
    expect(d.featureSize).toBe(64);
    expect(d.train.count + d.validation.count + d.test.count).toBe(1797);
  });

  it.each(['circle', 'xor', 'gaussians', 'spiral'] as const)('%s is seeded', async (id) => {
    const a = await loadBuiltinDataset(id, source, { seed: 4 });
    const b = await loadBuiltinDataset(id, source, { seed: 4 });
    const c = await loadBuiltinDataset(id, source, { seed: 5 });
    expect(Array.from(a.train.x)).toEqual(Array.from(b.train.x));
    expect(Array.from(a.train.x)).not.toEqual(Array.from(c.train.x));
    expect(a.inputShape).toEqual([2]);
  });
});
