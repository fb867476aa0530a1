/**
 * `npm run bench` (part): steps/s of our wasm kernels (asm/mlp.ts) against mask density, dense
 * kernels vs sparse (CSR) kernels, LeNet-300-100 on MNIST batches of 64, one thread. DNS needs the
 * dense weight gradient, so only its forward pass and input gradient can be sparse; a masked method
 * (IMP, one-shot, AGP, SET…) is sparse throughout. Masks are uniform at the density in every layer.
 * Short blocks of every column are interleaved round after round; medians over rounds.
 */
import { loadBuiltinDataset } from '../src/core/data/builtin';
import type { MlpSpec, SparseMode } from '../src/core/kernels/mlpKernel';
import { MlpKernel } from '../src/core/kernels/mlpKernel';
import { createRng } from '../src/core/rng';
import { fsSource } from '../src/node/fsSource';
import { loadMlpModule } from '../src/node/kernels';

const SIZES = [784, 300, 100, 10];
const DENSITIES = (process.env['BENCH_DENSITIES'] ?? '1,0.5,0.25,0.1,0.05,0.02,0.01')
  .split(',')
  .map(Number);
// Many short rounds, every column in each: on a shared machine the load drifts within seconds.
const BLOCKS = Number(process.env['BENCH_BLOCKS'] ?? 40);
const STEPS = Number(process.env['BENCH_STEPS'] ?? 3);
const SGD = { lr: 0.01, biasLrMult: 2, momentum: 0.9, weightDecay: 5e-4 };

const data = await loadBuiltinDataset('mnist', fsSource(), { seed: 1 });
const rng = createRng(1);

function kernel(gradient: 'dense' | 'masked' | 'none', density: number, sparse: SparseMode) {
  const spec: MlpSpec = {
    sizes: SIZES,
    relu: [true, true, false],
    batch: 64,
    masked: gradient !== 'none',
    gradient: gradient === 'masked' ? 'masked' : 'dense',
    zeroPruned: true,
    sparse,
  };
  const k = new MlpKernel(loadMlpModule(), spec);
  for (let i = 0; i < SIZES.length - 1; i++) {
    const n = SIZES[i]!;
    const m = SIZES[i + 1]!;
    const s = Math.sqrt(3 / n);
    const w = Float32Array.from({ length: n * m }, () => (2 * rng.next() - 1) * s);
    const t = Float32Array.from({ length: n * m }, () => (rng.next() < density ? 1 : 0));
    k.setParams(i, w, new Float32Array(m));
    k.setMasks(i, t, new Float32Array(m).fill(1));
  }
  return { k, pos: 0 };
}

function time(c: ReturnType<typeof kernel>, steps: number): number {
  const t0 = performance.now();
  const d = data.featureSize;
  for (let s = 0; s < steps; s++) {
    const x = c.k.inputBytes;
    const y = c.k.targets;
    for (let r = 0; r < 64; r++) {
      const i = (c.pos++ * 7919) % data.train.count;
      x.set(data.train.x.subarray(i * d, i * d + d), r * d);
      y[r] = data.train.y[i]!;
    }
    c.k.inputFromBytes(64, data.xScale);
    c.k.step(64, SGD);
  }
  return (performance.now() - t0) / steps;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const cols = {
  base: kernel('none', 1, 'dense'),
  ...Object.fromEntries(
    DENSITIES.flatMap((d) => [
      [`dns-dense-${d}`, kernel('dense', d, 'dense')],
      [`dns-sparse-${d}`, kernel('dense', d, 'sparse')],
      [`masked-dense-${d}`, kernel('masked', d, 'dense')],
      [`masked-sparse-${d}`, kernel('masked', d, 'sparse')],
    ]),
  ),
};
const ms: Record<string, number[]> = {};
for (const c of Object.values(cols)) time(c, 3);
for (let b = 0; b < BLOCKS; b++)
  for (const [name, c] of Object.entries(cols)) (ms[name] ??= []).push(time(c, STEPS));
const sps = (name: string) => 1000 / median(ms[name]!);
const base = sps('base');
console.log(
  `Our wasm kernels, LeNet-300-100, batch 64, 1 thread: steps/s (× the unmasked dense step, ${base.toFixed(0)} steps/s); medians of ${BLOCKS} blocks of ${STEPS}`,
);
console.log('density   DNS dense    DNS sparse   masked dense  masked sparse');
const cell = (name: string) =>
  `${sps(name).toFixed(0).padStart(5)} ${`(${(sps(name) / base).toFixed(2)}x)`.padStart(7)}`;
for (const d of DENSITIES)
  console.log(
    `${`${(d * 100).toFixed(0)}%`.padEnd(8)} ${cell(`dns-dense-${d}`)} ${cell(`dns-sparse-${d}`)} ${cell(`masked-dense-${d}`)} ${cell(`masked-sparse-${d}`)}`,
  );
