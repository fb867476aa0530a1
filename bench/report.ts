/**
 * `npx tsx bench/report.ts`: inference latency of LeNet-300-100 (the shipped dense checkpoint, then
 * pruned by |w| per layer to 90, 95 and 98% sparsity, no retraining: timing does not depend on
 * accuracy) as the report measures it: dense W·x and masked (W⊙T)·x on the backend, and the CSR
 * product in JavaScript, batch 1 and 64, median and p95 of 50 runs after 20 warm-up runs.
 * BENCH_BACKEND=cpu|wasm (default wasm). Prints where sparsity is and is not faster.
 */
import { join } from 'node:path';
import { initBackend } from '../src/core/backend';
import type { BackendName } from '../src/core/backend';
import type { Checkpoint } from '../src/core/models/checkpoint';
import { latencyVerdicts } from '../src/core/report/latency';
import { measureLatency } from '../src/core/report/robustness';
import { CHECKPOINT_DIR, readCheckpointFile } from '../src/node/checkpoints';

const BACKEND = (process.env['BENCH_BACKEND'] ?? 'wasm') as BackendName;

/** The checkpoint with masks keeping each layer's largest `1 − sparsity` weights by |w|. */
function magnitudePruned(dense: Checkpoint, sparsity: number): Checkpoint {
  const tensors: Float32Array[] = [];
  const params: Checkpoint['header']['params'] = [];
  for (let k = 0; k < dense.tensors.length; k += 2) {
    const w = dense.tensors[k]!;
    const b = dense.tensors[k + 1]!;
    const sorted = Float32Array.from(w, Math.abs).sort();
    const thr = sorted[Math.min(sorted.length - 1, Math.floor(sparsity * sorted.length))]!;
    const mask = Float32Array.from(w, (v) => (Math.abs(v) >= thr ? 1 : 0));
    tensors.push(w, b, mask, new Float32Array(b.length).fill(1));
    const [pw, pb] = [dense.header.params[k]!, dense.header.params[k + 1]!];
    params.push(pw, pb, { ...pw, name: `${pw.name}Mask` }, { ...pb, name: `${pb.name}Mask` });
  }
  return { header: { ...dense.header, withMasks: true, params }, tensors };
}

const choice = await initBackend([BACKEND]);
const dense = await readCheckpointFile(join(CHECKPOINT_DIR, 'lenet300-mnist.ckpt'));
if (!dense) throw new Error('public/checkpoints/lenet300-mnist.ckpt is missing');
const x = Float32Array.from({ length: 64 * 784 }, (_, i) => ((i * 7919) % 256) / 255);
const test = { x, y: new Uint8Array(64), count: 64 };
console.log(`LeNet-300-100 inference on ${choice.backend} (ms: median / p95 of 50 runs)`);
for (const sparsity of [0, 0.9, 0.95, 0.98]) {
  const ckpt = magnitudePruned(dense, sparsity);
  const figs = await measureLatency(ckpt, test, {});
  const row = (v: string, b: number) => {
    const f = figs.find((g) => g.variant === v && g.batch === b)!;
    return `${f.medianMs.toFixed(3)} / ${f.p95Ms.toFixed(3)}`;
  };
  console.log(
    `sparsity ${(100 * sparsity).toFixed(0).padStart(2)}%: ` +
      [1, 64]
        .map(
          (b) =>
            `b${b} dense ${row('dense', b)} · masked ${row('masked', b)} · CSR-JS ${row('sparse-js', b)}`,
        )
        .join(' | '),
  );
  for (const v of latencyVerdicts(figs, choice.backend)) console.log(`  ${v}`);
}
