import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCliDataset } from '../../src/cli/common';
import { exportCommand } from '../../src/cli/export';
import { parseRunFileJson } from '../../src/core/runfile/runFile';
import { CHECKPOINT_DIR } from '../../src/node/checkpoints';
import { readRunFile } from '../../src/node/runFile';

const dir = mkdtempSync(join(tmpdir(), 'lab-export-'));
const runJson = join(dir, 'circle.json');

/** The CLI as a user runs it (several at once: each start loads tfjs): exit code and stderr lines. */
function lab(...args: string[]): Promise<{ status: number | null; stderr: string[] }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/lab.ts', ...args]);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (status) => done({ status, stderr: err.trim().split('\n') }));
  });
}

beforeAll(() => {
  // a real, short run of a toy set: the run file under test
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/lab.ts',
      'run',
      '--dataset',
      'circle',
      '--method',
      'dns',
      '--epochs',
      '2',
      '--quiet',
      '--out',
      runJson,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`lab run failed: ${r.stderr}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('run --out', () => {
  it('writes X.ckpt with masks and X.dense.ckpt beside X.json and names them', async () => {
    const json = parseRunFileJson(readFileSync(runJson, 'utf8'));
    expect(json.checkpoint).toBe('circle.ckpt');
    expect(json.denseStart).toEqual({
      source: 'checkpoint',
      file: 'circle.dense.ckpt',
      testAccuracy: 0.98,
    });
    const run = await readRunFile(runJson);
    expect(run.checkpoint.header.withMasks).toBe(true);
    expect(run.dense?.header.withMasks).toBe(false);
    // the dense start is the shipped checkpoint's weights
    const shippedBytes = readFileSync(join(CHECKPOINT_DIR, 'mlp-16-16-circle.ckpt'));
    const { readCheckpoint } = await import('../../src/core/models/checkpoint');
    const shipped = readCheckpoint(new Uint8Array(shippedBytes));
    expect(run.dense!.tensors).toEqual(shipped.tensors);
    // the pruned run kept fewer weights than the dense start
    const kept = run.checkpoint.tensors[2]!.filter((m) => m === 1).length;
    expect(kept).toBeLessThan(run.checkpoint.tensors[2]!.length);
  });
});

describe('sweep --out', () => {
  it("writes each job's run file in FILE.runs/ and lists them", async () => {
    const out = join(dir, 'sweep.json');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/lab.ts',
        'sweep',
        '--dataset',
        'xor',
        '--methods',
        'none,oneshot',
        '--targets',
        '0.5',
        '--epochs',
        '1',
        '--quiet',
        '--out',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { runFiles: string[] };
    expect(doc.runFiles).toEqual([
      'sweep.runs/1-none-seed1.json',
      'sweep.runs/2-oneshot-seed1.json',
    ]);
    const oneshot = await readRunFile(join(dir, doc.runFiles[1]!));
    expect(oneshot.json.config.method).toBe('oneshot');
    expect(oneshot.dense?.header.dataset).toBe('xor');
    const masks = oneshot.checkpoint.tensors.filter((_, k) => k % 4 === 2);
    const cut = masks.reduce((s, m) => s + m.filter((v) => v === 0).length, 0);
    expect(cut).toBeGreaterThan(0);
  });
});

describe('export', () => {
  it('onnx: the exported model scores the run test accuracy on its test split', async () => {
    const out = join(dir, 'm.onnx');
    expect(await exportCommand(['--run', runJson, '--format', 'onnx', '--out', out])).toBe(0);
    const json = parseRunFileJson(readFileSync(runJson, 'utf8'));
    const data = await loadCliDataset(json.config);
    const session = await ort.InferenceSession.create(out);
    const n = data.test.count;
    const res = await session.run({
      input: new ort.Tensor('float32', Float32Array.from(data.test.x), [n, 2]),
    });
    const logits = res['logits']!.data as Float32Array;
    let right = 0;
    for (let i = 0; i < n; i++)
      if ((logits[2 * i + 1]! > logits[2 * i]! ? 1 : 0) === data.test.y[i]) right++;
    expect(right / n).toBeCloseTo(json.testAccuracy, 6);
    await session.release();
  });

  it.each([
    ['tfjs', ['circle.model.json', 'circle.weights.bin']],
    [
      'csv',
      ['circle.history.csv', 'circle.epochs.csv', 'circle.layers.csv', 'circle.metrics.json'],
    ],
  ])('%s writes its files into the --out folder', async (format, names) => {
    const out = join(dir, format);
    expect(await exportCommand(['--run', runJson, '--format', format, '--out', out])).toBe(0);
    for (const n of names) expect(existsSync(join(out, n)), n).toBe(true);
  });

  it('csv: the layers table matches the run JSON', async () => {
    const json = parseRunFileJson(readFileSync(runJson, 'utf8'));
    const rows = readFileSync(join(dir, 'csv', 'circle.layers.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(rows[0]).toBe('layer,kept,total,density,compression,a,b,mu,sigma');
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 3).join(','))).toEqual([
      ...json.layers.map((l) => `${l.name},${l.kept},${l.total}`),
      `total,${json.kept},${json.total}`,
    ]);
  });

  it('npy and config write one file each; default folder is the run file folder', async () => {
    expect(await exportCommand(['--run', runJson, '--format', 'npy'])).toBe(0);
    expect(existsSync(join(dir, 'circle.npy.zip'))).toBe(true);
    const out = join(dir, 'cfg.json');
    expect(await exportCommand(['--run', runJson, '--format', 'config', '--out', out])).toBe(0);
    const cfg = JSON.parse(readFileSync(out, 'utf8')) as {
      format: string;
      config: { dataset: string };
    };
    expect([cfg.format, cfg.config.dataset]).toEqual(['pruning-lab-config', 'circle']);
  });
});

describe('export of bad input: one line on stderr, exit code 2', () => {
  const bad = (name: string, json: string) => {
    const p = join(dir, name);
    writeFileSync(p, json);
    return p;
  };

  it.concurrent('unknown format', async () => {
    expect(await lab('export', '--run', runJson, '--format', 'pdf')).toMatchObject({
      status: 2,
      stderr: ['lab: unknown format "pdf"; known: onnx, tfjs, npy, csv, config'],
    });
  });

  it.concurrent('missing .ckpt', async () => {
    const text = readFileSync(runJson, 'utf8').replace('"circle.ckpt"', '"gone.ckpt"');
    const r = await lab('export', '--run', bad('gone.json', text), '--format', 'onnx');
    expect(r.status).toBe(2);
    expect(r.stderr).toEqual([expect.stringMatching(/^lab: checkpoint .*gone\.ckpt is missing$/)]);
  });

  it.concurrent('malformed JSON', async () => {
    const r = await lab(
      'export',
      '--run',
      bad('broken.json', '{"format": "pruning-lab-run", '),
      '--format',
      'npy',
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toEqual([expect.stringMatching(/broken\.json: run file is not valid JSON/)]);
  });

  it.concurrent('checkpoint of another model', async () => {
    copyFileSync(join(CHECKPOINT_DIR, 'lenet300-mnist.ckpt'), join(dir, 'other.ckpt'));
    const text = readFileSync(runJson, 'utf8').replace('"circle.ckpt"', '"other.ckpt"');
    const r = await lab('export', '--run', bad('other.json', text), '--format', 'tfjs');
    expect(r.status).toBe(2);
    expect(r.stderr).toEqual([
      expect.stringMatching(
        /other\.ckpt: checkpoint holds a lenet300 model, the run is mlp-16-16$/,
      ),
    ]);
  });
});
