import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/args';
import { reportCommand } from '../../src/cli/report';
import { runCommand } from '../../src/cli/run';
import type { RunReport } from '../../src/core/report/types';
import { decodeWeights } from '../../src/core/report/weightsFile';
import { backend } from '../helpers/tf';

beforeAll(() => backend('cpu'));

describe('lab report', () => {
  it('reads a run file, writes X.report.json and the weight files it measured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-report-'));
    const run = join(dir, 'circle.json');
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await runCommand([
        '--dataset',
        'circle',
        '--epochs',
        '1',
        '--backend',
        'cpu',
        '--quiet',
        '--out',
        run,
      ]);
      expect(await reportCommand(['--run', run, '--backend', 'cpu'])).toBe(0);
      const table = out.mock.calls.map((c) => String(c[0])).join('');
      expect(table).toMatch(/mlp-16-16 on circle · 200 test examples · cpu/);
      expect(table).toMatch(/bytes CSR int8 \/ gzip/);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const report = JSON.parse(readFileSync(join(dir, 'circle.report.json'), 'utf8')) as RunReport;
    expect(report.dense).not.toBeNull();
    for (const enc of ['dense-f32', 'csr-f32', 'csr-int8'] as const) {
      expect(statSync(join(dir, `circle.${enc}.bin`)).size).toBe(report.pruned.bytes[enc].raw);
      expect(statSync(join(dir, `circle.${enc}.bin.gz`)).size).toBe(report.pruned.bytes[enc].gzip);
      expect(decodeWeights(readFileSync(join(dir, `circle.${enc}.bin`))).header.encoding).toBe(enc);
    }
    // the dense start's files too
    expect(statSync(join(dir, 'circle.start.csr-int8.bin.gz')).size).toBe(
      report.dense!.bytes['csr-int8'].gzip,
    );
  });

  it.each([
    [[], /--run is required/],
    [['--run', '/nonexistent/x.json'], /run file \/nonexistent\/x.json does not exist/],
    [['--run', 'x.json', '--quant', 'tensor'], /--quant expects channel or layer/],
  ])('%o is a usage error', async (argv, message) => {
    await expect(reportCommand(argv)).rejects.toThrow(UsageError);
    await expect(reportCommand(argv)).rejects.toThrow(message);
  });
});
