import type { Architecture } from '../models/types';
import type { ReportLayer } from './layers';

/** One layer in compressed rows by output unit: positions and values of its kept weights. */
interface CsrLayer {
  readonly rowStart: Int32Array;
  readonly pos: Int32Array;
  readonly val: Float32Array;
  readonly b: Float32Array;
  readonly cols: number;
}

/** Builds the CSR form (row = output unit) of each layer's kept weights. */
function toCsr(l: ReportLayer): CsrLayer {
  const rowStart = new Int32Array(l.cols + 1);
  for (let i = 0; i < l.keepW.length; i++) if (l.keepW[i]) rowStart[(i % l.cols) + 1]!++;
  for (let j = 0; j < l.cols; j++) rowStart[j + 1]! += rowStart[j]!;
  const fill = rowStart.slice(0, l.cols);
  const pos = new Int32Array(rowStart[l.cols]!);
  const val = new Float32Array(pos.length);
  for (let r = 0; r < l.rows; r++)
    for (let j = 0; j < l.cols; j++) {
      const i = r * l.cols + j;
      if (!l.keepW[i]) continue;
      const e = fill[j]!++;
      pos[e] = r;
      val[e] = l.w[i]!;
    }
  return { rowStart, pos, val, b: l.b, cols: l.cols };
}

/**
 * A forward pass in plain JavaScript that touches only kept weights (the report's sparse path):
 * dense layers as CSR products, convolutions (stride 1, valid, channels-last) as sums over each
 * filter's kept taps, max-pooling and ReLU as the zoo builds them. Returns logits [n, classes].
 */
export function sparseForward(arch: Architecture, layers: readonly ReportLayer[]) {
  const csr = layers.map(toCsr);
  return (x: Float32Array, n: number): Float32Array => {
    let shape = [...arch.inputShape];
    let h = x;
    let k = 0;
    for (const s of arch.layers) {
      if (s.kind === 'flatten') shape = [shape.reduce((p, q) => p * q, 1)];
      else if (s.kind === 'maxpool') {
        const [H, W, C] = shape as [number, number, number];
        const oh = Math.floor(H / s.size);
        const ow = Math.floor(W / s.size);
        const out = new Float32Array(n * oh * ow * C);
        for (let b = 0; b < n; b++)
          for (let y = 0; y < oh; y++)
            for (let xx = 0; xx < ow; xx++)
              for (let c = 0; c < C; c++) {
                let m = -Infinity;
                for (let dy = 0; dy < s.size; dy++)
                  for (let dx = 0; dx < s.size; dx++) {
                    const v = h[((b * H + y * s.size + dy) * W + xx * s.size + dx) * C + c]!;
                    if (v > m) m = v;
                  }
                out[((b * oh + y) * ow + xx) * C + c] = m;
              }
        h = out;
        shape = [oh, ow, C];
      } else if (s.kind === 'dense') {
        const L = csr[k++]!;
        const d = shape[0]!;
        const out = new Float32Array(n * L.cols);
        for (let b = 0; b < n; b++) {
          const xo = b * d;
          for (let j = 0; j < L.cols; j++) {
            let acc = L.b[j]!;
            for (let e = L.rowStart[j]!; e < L.rowStart[j + 1]!; e++)
              acc += L.val[e]! * h[xo + L.pos[e]!]!;
            out[b * L.cols + j] = s.relu && acc < 0 ? 0 : acc;
          }
        }
        h = out;
        shape = [L.cols];
      } else {
        const L = csr[k++]!;
        const [H, W, C] = shape as [number, number, number];
        const K = s.kernel;
        const oh = H - K + 1;
        const ow = W - K + 1;
        const F = L.cols;
        const out = new Float32Array(n * oh * ow * F);
        for (let b = 0; b < n; b++)
          for (let f = 0; f < F; f++) {
            for (let y = 0; y < oh; y++)
              for (let xx = 0; xx < ow; xx++) out[((b * oh + y) * ow + xx) * F + f] = L.b[f]!;
            for (let e = L.rowStart[f]!; e < L.rowStart[f + 1]!; e++) {
              const r = L.pos[e]!; // (kh·K + kw)·C + c
              const c = r % C;
              const kw = Math.floor(r / C) % K;
              const kh = Math.floor(r / (C * K));
              const v = L.val[e]!;
              for (let y = 0; y < oh; y++) {
                const inRow = ((b * H + y + kh) * W + kw) * C + c;
                const outRow = (b * oh + y) * ow * F + f;
                for (let xx = 0; xx < ow; xx++) out[outRow + xx * F]! += v * h[inRow + xx * C]!;
              }
            }
            if (s.relu)
              for (let y = 0; y < oh * ow; y++) {
                const i = (b * oh * ow + y) * F + f;
                if (out[i]! < 0) out[i] = 0;
              }
          }
        h = out;
        shape = [oh, ow, F];
      }
    }
    return h;
  };
}
