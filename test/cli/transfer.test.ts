import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/args';
import { runCommand } from '../../src/cli/run';
import { transferCommand } from '../../src/cli/transfer';
import { saveCheckpoint } from '../../src/core/models/checkpoint';
import { Network } from '../../src/core/models/network';
import { architecture } from '../../src/core/models/zoo';
import {
  applyMasks,
  maskDensity,
  randomMaskSetLike,
  readMasks,
} from '../../src/core/pruning/maskSet';
import type { MaskSet } from '../../src/core/pruning/maskSet';
import { createRng } from '../../src/core/rng';
import type { TransferRun } from '../../src/core/train/transfer';
import { backend } from '../helpers/tf';

let dir = '';
let source: MaskSet = [];

/** A pruned 2-D toy model (mlp 16-16 on circle), saved with its masks as a `oneshot` run. */
async function writeSource(withMasks: boolean, name: string): Promise<string> {
  const net = new Network(architecture({ id: 'mlp' }, [2], 2), createRng(5).fork('init'));
  const ones = await readMasks(net);
  source = await randomMaskSetLike(
    ones.map((l, k) => ({
      name: l.name,
      w: l.w.map((_, i) => (k === 2 || i % 4 === 0 ? 1 : 0)),
      b: l.b,
    })),
    9,
  );
  applyMasks(net, source);
  const bytes = await saveCheckpoint(net, {
    dataset: 'circle',
    withMasks,
    meta: { method: 'oneshot' },
  });
  net.dispose();
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

beforeAll(async () => {
  await backend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'transfer-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('lab transfer', () => {
  it('trains every arm for two seeds on a toy set and writes { runs } with overlaps', async () => {
    const masks = await writeSource(true, 'src.ckpt');
    const out = join(dir, 'out.json');
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    let printed = '';
    try {
      code = await transferCommand(
        `--masks ${masks} --other-dataset xor --seeds 1,2 --epochs 1 --pretrain-epochs 0.5 --backend cpu --quiet --out ${out}`.split(
          ' ',
        ),
      );
      printed = stdout.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    expect(code).toBe(0);
    expect(printed).toMatch(
      /random mask, same per-layer density\s+circle\s+2\s+\d+\.\d+% ± \d+\.\d+%/,
    );
    const doc = JSON.parse(await readFile(out, 'utf8')) as {
      runs: TransferRun[];
      source: { method: string };
    };
    expect(doc.source.method).toBe('oneshot');
    const arms = doc.runs.map((r) => `${r.arm}/${r.seed}/${r.config.dataset}`);
    expect(arms).toEqual(
      [1, 2].flatMap((s) => [
        `fresh/${s}/circle`,
        `seedStart/${s}/circle`,
        `otherData/${s}/xor`,
        `random/${s}/circle`,
        `own/${s}/circle`,
        `ownOtherData/${s}/xor`,
      ]),
    );
    const csv = (await readFile(join(dir, 'out.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe(
      'arm,seed,dataset,method,density,test_accuracy,jaccard,jaccard_fc1,jaccard_fc2,jaccard_fc3',
    );
    expect(csv).toHaveLength(13);
    const d = maskDensity(source);
    for (const r of doc.runs) {
      // every arm trains the same budget
      expect(r.epochsTrained).toBe(1);
      if (r.arm === 'own' || r.arm === 'ownOtherData') {
        expect(r.config.method).toBe('oneshot');
        expect(Math.abs(r.density - d.overall)).toBeLessThan(0.01); // its own mask, same sparsity
        expect(r.overlap.overall).toBeLessThan(1);
      } else if (r.arm === 'random') {
        expect(r.layers.map((l) => l.density)).toEqual(d.layers);
        expect(r.overlap.overall).toBeLessThan(1);
      } else {
        expect(r.config.method).toBe('fixedMask');
        expect(r.overlap.overall).toBe(1); // the source mask, never changed
        expect(r.layers.map((l) => l.density)).toEqual(d.layers);
      }
    }
    // the two seeds' random masks differ
    const rnd = doc.runs.filter((r) => r.arm === 'random').map((r) => r.overlap.layers[0]);
    expect(rnd[0]).not.toBe(rnd[1]);
  });

  it('reads a run file (X.json + X.ckpt) as the source, and `run --masks` trains under it', async () => {
    const rf = join(dir, 'rf.json');
    const out = join(dir, 'rf-transfer.json');
    const fixed = join(dir, 'fixed.json');
    const quiet = [
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true),
    ];
    try {
      const common = ['--backend', 'cpu', '--quiet', '--epochs', '0.5'];
      await runCommand([
        '--dataset',
        'circle',
        '--method',
        'oneshot',
        '--set',
        'target=0.6',
        '--out',
        rf,
        ...common,
      ]);
      await transferCommand([
        '--masks',
        rf,
        '--arms',
        'seedStart',
        '--pretrain-epochs',
        '0.5',
        '--out',
        out,
        ...common,
      ]);
      await runCommand([
        '--dataset',
        'xor',
        '--masks',
        rf,
        '--from-scratch',
        '--out',
        fixed,
        ...common,
      ]);
    } finally {
      quiet.forEach((s) => s.mockRestore());
    }
    const doc = JSON.parse(await readFile(out, 'utf8')) as {
      runs: TransferRun[];
      source: { method: string; methodConfig: { target: number }; density: number };
    };
    expect(doc.source.method).toBe('oneshot');
    expect(doc.source.methodConfig.target).toBe(0.6); // the run file's settings, not a guess
    expect(doc.runs.map((r) => [r.arm, r.overlap.overall])).toEqual([['seedStart', 1]]);
    const run = JSON.parse(await readFile(fixed, 'utf8')) as {
      config: { method: string };
      density: number;
    };
    expect(run.config.method).toBe('fixedMask');
    expect(run.density).toBeCloseTo(doc.source.density, 12);
  });

  it.each([
    ['', /--masks is required/],
    ['--masks DENSE', /has no masks/],
    ['--masks SRC --arms fresh,nope', /unknown arm "nope"/],
    ['--masks SRC --arms otherData', /no other dataset for circle/],
    [
      '--masks SRC --dataset mnist --model lenet300',
      /the masks are for mlp-16-16, the arms use lenet300/,
    ],
  ])('%s is a usage error', async (args, message) => {
    const src = await writeSource(true, 'src2.ckpt');
    const dense = await writeSource(false, 'dense.ckpt');
    const argv = args
      .replace('DENSE', dense)
      .replace('SRC', src)
      .split(' ')
      .filter((a) => a !== '');
    const p = transferCommand(argv);
    await expect(p).rejects.toThrow(UsageError);
    await expect(p).rejects.toThrow(message);
  });
});
