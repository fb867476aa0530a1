import { join } from 'node:path';
import { initBackend } from '../core/backend';
import { sensitivityAnalysis } from '../core/train/sensitivity';
import { buildNetwork, checkpointName, startFromCheckpoint } from '../core/train/session';
import { pretrainDenseStart } from '../core/train/sweep';
import { CHECKPOINT_DIR, readCheckpointFile } from '../node/checkpoints';
import { numberFlag, parseFlags, UsageError } from './args';
import { loadCliDataset, writeJson } from './common';
import { pct, table } from './format';
import { configFromFlags } from './run';

export const SENSITIVITY_HELP = `sensitivity flags (prune one layer at a time to 0..95% by |w|, no retraining):
  --dataset NAME --model ID --hidden 16,16 --backend NAME --seed N   as for run
  --checkpoint FILE | --pretrain-epochs N   the dense network to analyse (default: the shipped one)
  --split NAME          validation (default) | test
  --limit N             examples evaluated per point (default: the whole split)
  --out FILE            write the curves as JSON`;

const OPTIONS = {
  dataset: { type: 'string' },
  model: { type: 'string' },
  hidden: { type: 'string' },
  backend: { type: 'string' },
  seed: { type: 'string' },
  checkpoint: { type: 'string' },
  'pretrain-epochs': { type: 'string' },
  split: { type: 'string' },
  limit: { type: 'string' },
  out: { type: 'string' },
} as const;

/** `lab sensitivity`: Distiller-style per-layer sensitivity of a dense (or pruned) network. */
export async function sensitivityCommand(argv: string[]): Promise<number> {
  const f = parseFlags(argv, OPTIONS);
  const { cfg, backend } = configFromFlags({ ...f, method: 'none' });
  const split = f.split ?? 'validation';
  if (split !== 'validation' && split !== 'test')
    throw new UsageError(`--split expects validation or test, got "${split}"`);
  const limit = numberFlag('limit', f.limit, { int: true, min: 1 });
  await initBackend([backend]);
  const data = await loadCliDataset(cfg);
  const ckptPath = f.checkpoint ?? join(CHECKPOINT_DIR, checkpointName(cfg.model, cfg.dataset));
  const checkpoint =
    cfg.start === 'pretrain'
      ? await pretrainDenseStart(cfg, data, cfg.seed)
      : await readCheckpointFile(ckptPath);
  if (!checkpoint)
    throw new UsageError(
      `no checkpoint at ${ckptPath}; use --checkpoint FILE or --pretrain-epochs N`,
    );
  const net = buildNetwork(cfg.model, data, cfg.seed);
  try {
    startFromCheckpoint(net, checkpoint, cfg);
    const result = await sensitivityAnalysis(
      net,
      data,
      split === 'test' ? data.test : data.validation,
      {
        ...(limit !== undefined ? { limit } : {}),
        onProgress: (done, total) => {
          if (process.stderr.isTTY) process.stderr.write(`\rsensitivity ${done}/${total}   `);
        },
      },
    );
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    const levels = result.curves[0]?.sparsity ?? [];
    process.stdout.write(
      `${split} accuracy ${pct(result.baseline.accuracy)} as is; one layer pruned at a time:\n` +
        table(
          ['sparsity', ...result.curves.map((c) => c.layer)],
          levels.map((s, i) => [pct(s, 0), ...result.curves.map((c) => pct(c.accuracy[i]!))]),
        ) +
        '\n',
    );
    if (f.out) {
      const doc = { ...result, split, command: `npm run lab -- sensitivity ${argv.join(' ')}` };
      await writeJson(f.out, doc);
      process.stderr.write(`wrote ${f.out}\n`);
    }
  } finally {
    net.dispose();
  }
  return 0;
}
