import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args';
import { loadCliDataset } from '../../src/cli/common';
import { sweepPlanFromFlags } from '../../src/cli/sweep';
import { sweepCsv } from '../../src/cli/sweepReport';
import { parseRunConfig } from '../../src/core/config';
import { planSweep, runSweep } from '../../src/core/train/sweep';
import { blobsDataset } from '../helpers/data';
import { backend } from '../helpers/tf';

beforeAll(() => backend('cpu'));

const flags = (over: Record<string, unknown>) =>
  ({ dataset: 'mnist', methods: 'dns,imp', ...over }) as Parameters<typeof sweepPlanFromFlags>[0];

describe('sweep flags', () => {
  it.each([
    [{ methods: undefined }, /--methods is required/],
    [{ methods: 'dns,nope' }, /unknown method "nope"/],
    [{ targets: '0.9,1.2' }, /--targets expects sparsities in \(0, 1\)/],
    [{ seeds: '1,x' }, /--seeds expects numbers/],
    [{ set: ['fraction=0.3'] }, /name the method/],
    [{ 'dns-calibration': 'magic' }, /--dns-calibration/],
    [{ dataset: 'nope' }, /unknown dataset/],
    [{ backend: 'webgl' }, /not available in Node/],
    [{ dataset: 'iris', validation: '0' }, /--validation applies to mnist and fashion-mnist/],
  ])('%o is a usage error', (over, message) => {
    expect(() => sweepPlanFromFlags(flags(over))).toThrow(UsageError);
    expect(() => sweepPlanFromFlags(flags(over))).toThrow(message);
  });

  it('exits with code 2 and one line on a bad flag', () => {
    const r = spawnSync('npx', ['tsx', 'src/cli/lab.ts', 'sweep', '--dataset', 'mnist'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('lab:')),
    ).toEqual(['lab: --methods is required (e.g. --methods dns,imp,oneshot,agp)']);
  });
});

describe('sweep data', () => {
  it('passes --validation to every run and loads that split once, with the first seed', async () => {
    const plan = sweepPlanFromFlags(flags({ methods: 'dns,imp', seeds: '3,4', validation: '0' }));
    const cfgs = plan.jobs.map((j) => plan.base(j));
    expect(cfgs.map((c) => c.validationCount)).toEqual(cfgs.map(() => 0));
    const data = await loadCliDataset(cfgs[0]!);
    expect([data.train.count, data.validation.count]).toEqual([60000, 0]);
    const byDefault = sweepPlanFromFlags(flags({ methods: 'dns' }));
    const split = await loadCliDataset(byDefault.base(byDefault.jobs[0]!));
    expect([split.train.count, split.validation.count]).toEqual([55000, 5000]);
  });
});

describe('sweep plan', () => {
  it('runs IMP once per seed for all targets, others once per target, N:M once', () => {
    const jobs = planSweep(['dns', 'imp', 'oneshot', 'nm'], [0.95, 0.9], [1, 2]);
    const seed1 = jobs.filter((j) => j.seed === 1).map((j) => `${j.method}:${j.targets ?? '-'}`);
    expect(seed1).toEqual([
      'dns:0.9',
      'dns:0.95',
      'imp:0.9,0.95',
      'oneshot:0.9',
      'oneshot:0.95',
      'nm:-',
    ]);
    expect(jobs).toHaveLength(12);
  });
});

describe('a small sweep', () => {
  it('shares the dense start, reuses IMP levels across targets and calibrates DNS', async () => {
    const data = blobsDataset(8, 4);
    const base = parseRunConfig({
      dataset: 'blobs',
      model: { id: 'mlp', hidden: [16, 12] },
      method: 'none',
      start: 'pretrain',
      pretrainEpochs: 1,
      epochs: 2,
      batchSize: 16,
    });
    const jobs = planSweep(['imp', 'agp', 'dns'], [0.5, 0.7], [1]);
    const runs = await runSweep(
      jobs,
      (job) => ({
        ...base,
        method: job.method as typeof base.method,
        seed: job.seed,
        methodConfig: job.method === 'imp' ? { spareOutput: false } : {},
      }),
      { data, backend: 'cpu', logEvery: 1000 },
    );
    const imp = runs.filter((r) => r.config.method === 'imp');
    expect(imp.map((r) => r.target)).toEqual([0.5, 0.7]);
    imp.forEach((r) => expect(Math.abs(1 - r.density - r.target!)).toBeLessThan(0.003));
    expect(imp[0]!.epochsTrained!).toBeLessThan(imp[1]!.epochsTrained!);
    expect(imp[1]!.epochsTrained).toBe(2);
    expect(imp[1]!.levels!).toBeGreaterThan(imp[0]!.levels!);
    const agp = runs.filter((r) => r.config.method === 'agp');
    expect(agp.map((r) => r.target)).toEqual([0.5, 0.7]);
    const dns = runs.filter((r) => r.config.method === 'dns');
    expect(dns.map((r) => r.calibration?.target)).toEqual([0.5, 0.7]);
    // every run started from the same pre-trained dense network
    expect(new Set(runs.map((r) => r.dense.testAccuracy)).size).toBe(1);
    // ...and every result says it was pre-trained, not loaded from a checkpoint file
    expect(new Set(runs.map((r) => `${r.dense.source}/${r.config.start}`))).toEqual(
      new Set(['pretrain/pretrain']),
    );
    const csv = sweepCsv(runs).trim().split('\n');
    expect(csv[0]).toMatch(/^method,target,seed,sparsity/);
    expect(csv).toHaveLength(runs.length + 1);
  });
});
