import { dirname, join } from 'node:path';
import { initBackend } from '../core/backend';
import { buildReport } from '../core/report/report';
import { weightFileName } from '../core/report/bytes';
import type { NetworkFigures, RunReport } from '../core/report/types';
import { readRunFile, RunFileError } from '../node/runFile';
import { writeBytes } from '../node/checkpoints';
import { numberFlag, parseFlags, UsageError } from './args';
import { loadCliDataset, log, writeJson } from './common';
import { pct, table } from './format';

export const REPORT_HELP = `report flags (what pruning buys: size, MACs, bytes, int8, calibration; --full adds corruption and latency):
  --run FILE.json       a run file written by \`run --out FILE.json\` (with FILE.ckpt beside it)
  --full                also the corruption sweep (3 severities each) and latency (batch 1 and 64)
  --quant channel|layer int8 scales per output channel (default) or one per layer
  --backend NAME        wasm (default) | cpu
  --test-limit N        use the first N test examples (default: all)
  --seed N              seed of the corruptions (default 1)
  --out FILE            the report JSON (default FILE.report.json beside the run file); the weight
                        files go beside it: FILE.dense-f32.bin, FILE.csr-f32.bin, FILE.csr-int8.bin
                        and each .gz; the dense start's as FILE.start.*`;

const OPTIONS = {
  run: { type: 'string' },
  full: { type: 'boolean' },
  quant: { type: 'string' },
  backend: { type: 'string' },
  'test-limit': { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
} as const;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** The table `lab report` prints: one row per figure, dense start and pruned side by side. */
export function reportTable(r: RunReport): string {
  const cols = (f: (n: NetworkFigures) => string): [string, string] => [
    r.dense ? f(r.dense) : '–',
    f(r.pruned),
  ];
  const rows: [string, string, string][] = [
    ['parameters', ...cols((n) => count(n.compute.params))],
    ['non-zeros', ...cols((n) => count(n.compute.nonZeros))],
    ['compression', ...cols((n) => `${n.compute.compression.toFixed(1)}x`)],
    ['MACs (dense)', ...cols((n) => count(n.compute.macs.dense))],
    ['MACs (sparse kernel)', ...cols((n) => count(n.compute.macs.sparse))],
    ['MACs (dead units removed)', ...cols((n) => count(n.compute.macs.structured))],
    [
      'MACs (2:4 tensor cores)',
      ...cols((n) => (n.compute.macs.twoFour === null ? 'n/a' : count(n.compute.macs.twoFour))),
    ],
    ['bytes dense float32', ...cols((n) => kb(n.bytes['dense-f32'].raw))],
    [
      'bytes CSR float32 / gzip',
      ...cols((n) => `${kb(n.bytes['csr-f32'].raw)} / ${kb(n.bytes['csr-f32'].gzip)}`),
    ],
    [
      'bytes CSR int8 / gzip',
      ...cols((n) => `${kb(n.bytes['csr-int8'].raw)} / ${kb(n.bytes['csr-int8'].gzip)}`),
    ],
    ['test accuracy float32', ...cols((n) => pct(n.testAccuracy))],
    [
      `test accuracy int8 (per ${r.pruned.int8.granularity})`,
      ...cols((n) => pct(n.int8.testAccuracy)),
    ],
    ['ECE (15 bins)', ...cols((n) => n.calibration.ece.toFixed(4))],
    ['Brier', ...cols((n) => n.calibration.brier.toFixed(4))],
    ['NLL', ...cols((n) => n.calibration.nll.toFixed(4))],
    [
      'loader: files predict the same',
      ...cols((n) => n.loader.map((l) => pct(l.agreement, 1)).join(' / ')),
    ],
  ];
  for (const c of r.corruption ?? [])
    rows.push([
      `accuracy, ${c.corruption} ${c.severity}`,
      c.dense === null ? '–' : pct(c.dense),
      pct(c.pruned),
    ]);
  for (const l of r.latency ?? [])
    rows.push([
      `latency ${l.variant} batch ${l.batch} (median / p95)`,
      '',
      `${l.medianMs.toFixed(3)} / ${l.p95Ms.toFixed(3)} ms`,
    ]);
  return [
    `${r.model} on ${r.dataset} · ${count(r.testCount)} test examples · ${r.backend}`,
    table(['figure', 'dense start', 'pruned'], rows),
    ...r.notes,
  ].join('\n');
}

/** `lab report`: the report of one run file. */
export async function reportCommand(argv: string[]): Promise<number> {
  const f = parseFlags(argv, OPTIONS);
  if (!f.run) throw new UsageError('--run is required (a run file from `run --out X.json`)');
  const quant = f.quant ?? 'channel';
  if (quant !== 'channel' && quant !== 'layer')
    throw new UsageError(`--quant expects channel or layer, got "${quant}"`);
  const backend = f.backend ?? 'wasm';
  if (backend !== 'cpu' && backend !== 'wasm')
    throw new UsageError(`backend "${backend}" is not available in Node; use cpu or wasm`);
  const testLimit = numberFlag('test-limit', f['test-limit'], { int: true, min: 1 });
  const seed = numberFlag('seed', f.seed, { int: true }) ?? 1;
  let run;
  try {
    run = await readRunFile(f.run);
  } catch (e) {
    if (e instanceof RunFileError) throw new UsageError(e.message);
    throw e;
  }
  const choice = await initBackend([backend]);
  const data = await loadCliDataset(run.json.config);
  const { report, files, denseFiles } = await buildReport({
    pruned: run.checkpoint,
    dense: run.dense,
    data,
    backend: choice.backend,
    full: f.full ?? false,
    quant,
    seed,
    ...(testLimit !== undefined ? { testLimit } : {}),
    onProgress: (label) => log(label),
  });
  const out = f.out ?? f.run.replace(/\.json$/i, '') + '.report.json';
  const base = join(
    dirname(out),
    out.replace(/^.*[/\\]/, '').replace(/\.report\.json$|\.json$/i, ''),
  );
  const written = [
    ...files.map((file) => ({ file, base })),
    ...(denseFiles ?? []).map((file) => ({ file, base: `${base}.start` })),
  ];
  for (const w of written) {
    await writeBytes(weightFileName(w.base, w.file.encoding, false), w.file.bytes);
    await writeBytes(weightFileName(w.base, w.file.encoding, true), w.file.gzipped);
  }
  await writeJson(out, report);
  process.stdout.write(reportTable(report) + '\n');
  log(
    `wrote ${out} and ${written.length * 2} weight files (${base}.*.bin[.gz]; the dense start's as ${base}.start.*) in ${report.seconds.toFixed(1)} s`,
  );
  return 0;
}
