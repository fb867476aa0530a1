import type { RunConfig } from '../core/config';
import type { Checkpoint } from '../core/models/checkpoint';
import { saveCheckpoint } from '../core/models/checkpoint';
import type { Network } from '../core/models/network';
import type { RunResult } from '../core/train/result';
import { denseInitSeed } from '../core/train/session';
import { writeRunFile } from '../node/runFile';

/**
 * The run file `run --out X.json` writes: the hooks catch the dense start and the final network
 * as checkpoints, `write` puts `X.ckpt` (with masks), `X.dense.ckpt` and `X.json` on disk.
 */
export function runFileOutput(
  path: string,
  cfg: RunConfig,
  info: { backend: string; command: string; checkpoint: Checkpoint | null },
) {
  let dense: Uint8Array | null = null;
  let final: Uint8Array | null = null;
  const initSeed =
    cfg.start !== 'checkpoint'
      ? cfg.seed
      : info.checkpoint
        ? denseInitSeed(info.checkpoint.header.meta)
        : undefined;
  const common = {
    seed: cfg.seed,
    ...(initSeed !== undefined ? { initSeed } : {}),
    backend: info.backend,
    command: info.command,
    createdAt: new Date().toISOString(),
  };
  return {
    /** Keeps the dense start (none for a start from scratch: its weights are the seeded init). */
    async dense(net: Network, testAccuracy: number | null): Promise<void> {
      if (cfg.start === 'scratch') return;
      const meta =
        cfg.start === 'checkpoint' && info.checkpoint
          ? { ...info.checkpoint.header.meta, source: 'checkpoint' }
          : {
              testAccuracy,
              density: 1,
              epochs: cfg.pretrainEpochs,
              method: 'none',
              source: cfg.start,
              ...common,
            };
      dense = await saveCheckpoint(net, { dataset: cfg.dataset, withMasks: false, meta });
    },
    /** Keeps the final network with its masks. */
    async final(net: Network, summary: { testAccuracy: number; density: number }): Promise<void> {
      final = await saveCheckpoint(net, {
        dataset: cfg.dataset,
        withMasks: true,
        meta: {
          testAccuracy: summary.testAccuracy,
          density: summary.density,
          epochs: cfg.pretrainEpochs + cfg.epochs,
          method: cfg.method,
          ...common,
        },
      });
    },
    /** Writes the run file; returns the paths of its checkpoints for the log. */
    async write(result: RunResult): Promise<void> {
      if (!final) throw new Error('the run ended without its final network');
      await writeRunFile(path, result, { checkpoint: final, dense });
    },
  };
}
