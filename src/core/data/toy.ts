import type { Rng } from '../rng';
import { createRng } from '../rng';
import type { DataSplit } from './types';

/** The seeded 2-D toy sets (TensorFlow Playground style). */
export const TOY_SETS = ['circle', 'xor', 'gaussians', 'spiral'] as const;
export type ToySet = (typeof TOY_SETS)[number];

export interface ToyOptions {
  readonly count?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate, in data units (~[-1, 1]). */
  readonly noise?: number;
  readonly seed?: number;
}

export const TOY_CLASSES: Record<ToySet, readonly string[]> = {
  circle: ['outside', 'inside'],
  xor: ['same sign', 'opposite sign'],
  gaussians: ['A', 'B', 'C'],
  spiral: ['arm 1', 'arm 2'],
};

type Gen = (i: number, n: number, rng: Rng) => [number, number, number];

const generators: Record<ToySet, Gen> = {
  // Inner disc (r < 0.5) vs outer ring (0.7 < r < 1).
  circle: (i, _n, rng) => {
    const inside = i % 2;
    const r = inside ? 0.5 * Math.sqrt(rng.next()) : 0.7 + 0.3 * rng.next();
    const t = 2 * Math.PI * rng.next();
    return [r * Math.cos(t), r * Math.sin(t), inside];
  },
  xor: (_i, _n, rng) => {
    const pad = 0.05;
    const sx = rng.next() < 0.5 ? -1 : 1;
    const sy = rng.next() < 0.5 ? -1 : 1;
    const x = sx * (pad + (1 - pad) * rng.next());
    const y = sy * (pad + (1 - pad) * rng.next());
    return [x, y, x * y < 0 ? 1 : 0];
  },
  gaussians: (i, _n, rng) => {
    const c = i % 3;
    const angle = (2 * Math.PI * c) / 3 + Math.PI / 2;
    return [
      0.55 * Math.cos(angle) + 0.2 * rng.normal(),
      0.55 * Math.sin(angle) + 0.2 * rng.normal(),
      c,
    ];
  },
  // Two interleaved arms, each turning 1.75 times around the origin.
  spiral: (i, n, _rng) => {
    const arm = i % 2;
    const k = Math.floor(i / 2) / Math.max(1, Math.floor(n / 2));
    const r = 0.05 + 0.95 * k;
    const t = 1.75 * 2 * Math.PI * k + arm * Math.PI;
    return [r * Math.cos(t), r * Math.sin(t), arm];
  },
};

/** Generates a seeded 2-D toy set: same name, count, noise and seed give the same points. */
export function makeToySet(name: ToySet, opts: ToyOptions = {}): DataSplit {
  const n = opts.count ?? 1000;
  const noise = opts.noise ?? 0.1;
  const rng = createRng(opts.seed ?? 1).fork(`toy:${name}`);
  const x = new Float32Array(n * 2);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const [px, py, c] = generators[name](i, n, rng);
    x[2 * i] = px + noise * rng.normal();
    x[2 * i + 1] = py + noise * rng.normal();
    y[i] = c;
  }
  return { count: n, x, y };
}
