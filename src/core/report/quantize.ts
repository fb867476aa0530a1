/** Post-training int8 quantization: one scale per output channel (default) or per layer. */
export type QuantGranularity = 'channel' | 'layer';

/** int8 weights of a rows × cols grid (row-major, cols = output channels) and their scales. */
export interface QuantizedGrid {
  readonly q: Int8Array;
  /** One scale per output channel, or one for the whole layer. */
  readonly scales: Float32Array;
  readonly granularity: QuantGranularity;
}

/**
 * Symmetric linear quantization (Jacob et al. 2018, eq. 1 with zero-point 0): s = max|w| / 127,
 * q = clamp(round(w / s), −127, 127); w ≈ s·q with |w − s·q| ≤ s / 2. A channel of zeros gets s = 1.
 */
export function quantizeGrid(
  w: Float32Array,
  rows: number,
  cols: number,
  granularity: QuantGranularity = 'channel',
): QuantizedGrid {
  if (w.length !== rows * cols)
    throw new Error(`expected ${rows}×${cols} weights, got ${w.length}`);
  const channels = granularity === 'channel' ? cols : 1;
  const maxAbs = new Float32Array(channels);
  for (let i = 0; i < w.length; i++) {
    const c = granularity === 'channel' ? i % cols : 0;
    const a = Math.abs(w[i]!);
    if (a > maxAbs[c]!) maxAbs[c] = a;
  }
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) scales[c] = maxAbs[c]! > 0 ? maxAbs[c]! / 127 : 1;
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const s = scales[granularity === 'channel' ? i % cols : 0]!;
    q[i] = Math.max(-127, Math.min(127, Math.round(w[i]! / s)));
  }
  return { q, scales, granularity };
}

/** The float weights an int8 grid stands for: s·q. */
export function dequantizeGrid(g: QuantizedGrid, cols: number): Float32Array {
  const out = new Float32Array(g.q.length);
  for (let i = 0; i < g.q.length; i++)
    out[i] = g.q[i]! * g.scales[g.granularity === 'channel' ? i % cols : 0]!;
  return out;
}
