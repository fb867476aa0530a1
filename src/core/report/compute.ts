import { nmInputSize } from '../pruning/methods/nm';
import { layerGeometry, structuredCost } from '../pruning/structure';
import type { Architecture } from '../models/types';
import type { ReportLayer } from './layers';
import { countKept } from './layers';

/** Size and compute of one prunable layer (MACs count weights only, biases are free). */
export interface LayerCompute {
  readonly name: string;
  readonly params: number;
  readonly nonZeros: number;
  /** Output units (neurons or filters) and those with a kept incoming weight or bias. */
  readonly units: number;
  readonly aliveUnits: number;
  readonly denseMacs: number;
  /** Kept weights × output positions: what a sparse kernel multiplies. */
  readonly sparseMacs: number;
  /** Every group of 4 along the input dimension keeps at most 2 (2:4 sparse tensor cores). */
  readonly twoFour: boolean;
}

/** Parameters, non-zeros and multiply-accumulates of one inference (FLOPs = 2 × MACs). */
export interface ComputeFigures {
  readonly params: number;
  readonly nonZeros: number;
  /** params / non-zeros. */
  readonly compression: number;
  readonly density: number;
  readonly macs: {
    readonly dense: number;
    /** Unstructured: kept weights × positions (what a sparse kernel does). */
    readonly sparse: number;
    /** Dense layers shrunk to their alive units (the real drop a structured result gives). */
    readonly structured: number;
    /** Half the MACs of every 2:4 layer, the others dense; null when no layer is 2:4. */
    readonly twoFour: number | null;
  };
  readonly flops: { readonly dense: number; readonly sparse: number; readonly structured: number };
  readonly layers: readonly LayerCompute[];
}

/** True when each group of `m` consecutive rows of a column keeps at most `n` (N:M along inputs). */
export function isNm(l: ReportLayer, n: number, m: number): boolean {
  if (nmInputSize(l.shape) % m !== 0 || l.rows % m !== 0) return false;
  for (let r0 = 0; r0 < l.rows; r0 += m)
    for (let j = 0; j < l.cols; j++) {
      let kept = 0;
      for (let r = r0; r < r0 + m; r++) kept += l.keepW[r * l.cols + j]!;
      if (kept > n) return false;
    }
  return true;
}

/** Units of a layer with a kept incoming weight or bias. */
export function aliveUnitCount(l: ReportLayer): number {
  let alive = 0;
  for (let j = 0; j < l.cols; j++) {
    let any = l.keepB[j]! > 0;
    for (let r = 0; r < l.rows && !any; r++) any = l.keepW[r * l.cols + j]! > 0;
    if (any) alive++;
  }
  return alive;
}

/** Size and compute figures of a network's layers (masks applied). */
export function computeFigures(arch: Architecture, layers: readonly ReportLayer[]): ComputeFigures {
  const geometry = layerGeometry(arch);
  if (geometry.length !== layers.length)
    throw new Error(
      `architecture has ${geometry.length} prunable layers, weights have ${layers.length}`,
    );
  const out: LayerCompute[] = layers.map((l, k) => {
    const positions = geometry[k]!.positions;
    const keptW = countKept(l.keepW);
    return {
      name: l.name,
      params: l.w.length + l.b.length,
      nonZeros: keptW + countKept(l.keepB),
      units: l.cols,
      aliveUnits: aliveUnitCount(l),
      denseMacs: l.w.length * positions,
      sparseMacs: keptW * positions,
      twoFour: isNm(l, 2, 4),
    };
  });
  const sum = (f: (l: LayerCompute) => number) => out.reduce((s, l) => s + f(l), 0);
  const params = sum((l) => l.params);
  const nonZeros = sum((l) => l.nonZeros);
  const dense = sum((l) => l.denseMacs);
  const sparse = sum((l) => l.sparseMacs);
  const structured = structuredCost(
    geometry,
    out.map((l) => l.aliveUnits),
  ).keptMacs;
  const anyTwoFour = out.some((l) => l.twoFour);
  return {
    params,
    nonZeros,
    compression: nonZeros > 0 ? params / nonZeros : Infinity,
    density: params > 0 ? nonZeros / params : 0,
    macs: {
      dense,
      sparse,
      structured,
      twoFour: anyTwoFour ? sum((l) => (l.twoFour ? l.denseMacs / 2 : l.denseMacs)) : null,
    },
    flops: { dense: 2 * dense, sparse: 2 * sparse, structured: 2 * structured },
    layers: out,
  };
}
