// Kernels of one masked-MLP training step, in AssemblyScript compiled to WebAssembly with SIMD
// (`npm run build:asm`). Every pointer is a byte offset into the imported memory; matrices are
// row-major f32; a layer's weights are [n inputs × m units] as tfjs stores them. The caller
// (src/core/kernels/mlpKernel.ts) lays the buffers out and picks the kernels; `lo`/`hi` bound the
// rows (or weight rows) one call covers, so a step can be split across threads.

@inline function f4(p: usize): v128 {
  return v128.load(p);
}

/**
 * Lists the nonzero entries of rows [lo, hi) of x [rows × n]: per row, indices, values and a count.
 * Branch-free (every entry is written, the count moves on nonzeros only): zeros fall at random.
 */
export function compactRows(x: usize, n: i32, idx: usize, val: usize, cnt: usize, lo: i32, hi: i32): void {
  for (let r = lo; r < hi; r++) {
    const off = (<usize>r * <usize>n) << 2;
    let c: usize = 0;
    for (let i = 0; i < n; i++) {
      const v = load<f32>(x + off + (<usize>i << 2));
      store<i32>(idx + off + (c << 2), i);
      store<f32>(val + off + (c << 2), v);
      c += <usize>(v != 0);
    }
    store<i32>(cnt + (<usize>r << 2), <i32>c);
  }
}

/** Lists the nonzero entries of columns [lo, hi) of x [rows × n]: per column, row indices, values, count. */
export function compactCols(x: usize, rows: i32, n: i32, idx: usize, val: usize, cnt: usize, lo: i32, hi: i32): void {
  for (let i = lo; i < hi; i++) {
    const off = (<usize>i * <usize>rows) << 2;
    let c: usize = 0;
    for (let r = 0; r < rows; r++) {
      const v = load<f32>(x + ((<usize>r * <usize>n + <usize>i) << 2));
      store<i32>(idx + off + (c << 2), r);
      store<f32>(val + off + (c << 2), v);
      c += <usize>(v != 0);
    }
    store<i32>(cnt + (<usize>i << 2), <i32>c);
  }
}

/** out = scale·src for `count` bytes (a batch of uint8 images, copied in as bytes). */
export function bytesToF32(src: usize, count: i32, scale: f32, out: usize): void {
  const s4 = f32x4.splat(scale);
  let j: i32 = 0;
  for (; j + 16 <= count; j += 16) {
    const b = v128.load(src + <usize>j);
    const lo = i16x8.extend_low_i8x16_u(b);
    const hi = i16x8.extend_high_i8x16_u(b);
    const o = out + (<usize>j << 2);
    v128.store(o, f32x4.mul(s4, f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(lo))));
    v128.store(o + 16, f32x4.mul(s4, f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(lo))));
    v128.store(o + 32, f32x4.mul(s4, f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(hi))));
    v128.store(o + 48, f32x4.mul(s4, f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(hi))));
  }
  for (; j < count; j++) store<f32>(out + (<usize>j << 2), <f32>load<u8>(src + <usize>j) * scale);
}

/**
 * out[r, :] = act(Σ_i a[r, i]·w[i, :] + bias) for rows [lo, hi), over the nonzero a[r, i] only
 * (compactRows). Column blocks of 16 outer, rows inner: a block of w stays in cache across rows.
 */
export function forwardDense(idx: usize, val: usize, cnt: usize, n: i32, w: usize, bias: usize, m: i32, out: usize, relu: i32, lo: i32, hi: i32): void {
  const zero = f32x4.splat(0);
  let j: i32 = 0;
  for (; j + 16 <= m; j += 16) {
    const bj = bias + (<usize>j << 2);
    for (let r = lo; r < hi; r++) {
      let a0 = f4(bj), a1 = f4(bj + 16), a2 = f4(bj + 32), a3 = f4(bj + 48);
      const off = (<usize>r * <usize>n) << 2;
      const c = load<i32>(cnt + (<usize>r << 2));
      for (let k = 0; k < c; k++) {
        const i = load<i32>(idx + off + (<usize>k << 2));
        const s = f32x4.splat(load<f32>(val + off + (<usize>k << 2)));
        const p = w + ((<usize>i * <usize>m + <usize>j) << 2);
        a0 = f32x4.add(a0, f32x4.mul(s, f4(p)));
        a1 = f32x4.add(a1, f32x4.mul(s, f4(p + 16)));
        a2 = f32x4.add(a2, f32x4.mul(s, f4(p + 32)));
        a3 = f32x4.add(a3, f32x4.mul(s, f4(p + 48)));
      }
      if (relu) {
        a0 = f32x4.max(a0, zero);
        a1 = f32x4.max(a1, zero);
        a2 = f32x4.max(a2, zero);
        a3 = f32x4.max(a3, zero);
      }
      const o = out + ((<usize>r * <usize>m + <usize>j) << 2);
      v128.store(o, a0);
      v128.store(o + 16, a1);
      v128.store(o + 32, a2);
      v128.store(o + 48, a3);
    }
  }
  for (; j + 4 <= m; j += 4) {
    for (let r = lo; r < hi; r++) {
      let a0 = f4(bias + (<usize>j << 2));
      const off = (<usize>r * <usize>n) << 2;
      const c = load<i32>(cnt + (<usize>r << 2));
      for (let k = 0; k < c; k++) {
        const i = load<i32>(idx + off + (<usize>k << 2));
        const s = f32x4.splat(load<f32>(val + off + (<usize>k << 2)));
        a0 = f32x4.add(a0, f32x4.mul(s, f4(w + ((<usize>i * <usize>m + <usize>j) << 2))));
      }
      if (relu) a0 = f32x4.max(a0, zero);
      v128.store(out + ((<usize>r * <usize>m + <usize>j) << 2), a0);
    }
  }
  for (; j < m; j++) {
    for (let r = lo; r < hi; r++) {
      let a: f32 = load<f32>(bias + (<usize>j << 2));
      const off = (<usize>r * <usize>n) << 2;
      const c = load<i32>(cnt + (<usize>r << 2));
      for (let k = 0; k < c; k++) {
        const i = load<i32>(idx + off + (<usize>k << 2));
        a += load<f32>(val + off + (<usize>k << 2)) * load<f32>(w + ((<usize>i * <usize>m + <usize>j) << 2));
      }
      if (relu && a < 0) a = 0;
      store<f32>(out + ((<usize>r * <usize>m + <usize>j) << 2), a);
    }
  }
}

/**
 * The same product over the kept weights, column by column of a (compactCols): for each input i,
 * each kept weight (i, j) goes to every batch row where a[r, i] is nonzero. The inner loop runs
 * over batch rows (long, independent), not over a CSR row of a few entries. All rows at once.
 */
export function forwardSparseCols(idx: usize, val: usize, cnt: usize, rows: i32, n: i32, rowPtr: usize, col: usize, w: usize, bias: usize, m: i32, out: usize, relu: i32): void {
  for (let r = 0; r < rows; r++) memory.copy(out + ((<usize>r * <usize>m) << 2), bias, <usize>m << 2);
  for (let i = 0; i < n; i++) {
    const c = load<i32>(cnt + (<usize>i << 2));
    if (c == 0) continue;
    const off = (<usize>i * <usize>rows) << 2;
    const wi = w + ((<usize>i * <usize>m) << 2);
    const p1 = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    for (let p = load<i32>(rowPtr + (<usize>i << 2)); p < p1; p++) {
      const j = <usize>load<i32>(col + (<usize>p << 2)) << 2;
      const wv = load<f32>(wi + j);
      const oj = out + j;
      for (let k = 0; k < c; k++) {
        const o = oj + ((<usize>load<i32>(idx + off + (<usize>k << 2)) * <usize>m) << 2);
        store<f32>(o, load<f32>(o) + load<f32>(val + off + (<usize>k << 2)) * wv);
      }
    }
  }
  if (relu) reluInPlace(out, rows * m);
}

/** x ← max(x, 0) over `count` floats. */
function reluInPlace(x: usize, count: i32): void {
  const zero = f32x4.splat(0);
  let j: i32 = 0;
  for (; j + 4 <= count; j += 4) {
    const q = x + (<usize>j << 2);
    v128.store(q, f32x4.max(f4(q), zero));
  }
  for (; j < count; j++) {
    const q = x + (<usize>j << 2);
    store<f32>(q, max<f32>(load<f32>(q), 0));
  }
}

/**
 * Softmax cross-entropy of logits [rows × m] against class labels (i32): writes
 * dz = (softmax − onehot) / rows, returns the summed loss, stores the count of argmax hits at `hits`.
 */
export function softmaxXent(logits: usize, labels: usize, rows: i32, m: i32, dz: usize, hits: usize): f64 {
  let loss: f64 = 0;
  let correct: i32 = 0;
  const inv: f32 = 1 / <f32>rows;
  for (let r = 0; r < rows; r++) {
    const z = logits + ((<usize>r * <usize>m) << 2);
    const d = dz + ((<usize>r * <usize>m) << 2);
    const y = load<i32>(labels + (<usize>r << 2));
    let mx: f32 = load<f32>(z);
    let arg: i32 = 0;
    for (let j = 1; j < m; j++) {
      const v = load<f32>(z + (<usize>j << 2));
      if (v > mx) {
        mx = v;
        arg = j;
      }
    }
    if (arg == y) correct++;
    let sum: f32 = 0;
    for (let j = 0; j < m; j++) {
      const e = Mathf.exp(load<f32>(z + (<usize>j << 2)) - mx);
      store<f32>(d + (<usize>j << 2), e);
      sum += e;
    }
    loss += <f64>(Mathf.log(sum) + mx - load<f32>(z + (<usize>y << 2)));
    const s: f32 = inv / sum;
    for (let j = 0; j < m; j++) {
      const q = d + (<usize>j << 2);
      store<f32>(q, load<f32>(q) * s - (j == y ? inv : 0));
    }
  }
  store<i32>(hits, correct);
  return loss;
}

/**
 * da[r, i] = Σ_j dz[r, j]·w[i, j] for rows [lo, hi), times ReLU′ of a (a[r, i] > 0) when `relu`:
 * where the unit was off the dot product is skipped.
 */
export function inputGradDense(dz: usize, m: i32, w: usize, n: i32, a: usize, da: usize, relu: i32, lo: i32, hi: i32): void {
  for (let r = lo; r < hi; r++) {
    const zr = dz + ((<usize>r * <usize>m) << 2);
    for (let i = 0; i < n; i++) {
      const q = (<usize>r * <usize>n + <usize>i) << 2;
      if (relu && load<f32>(a + q) <= 0) {
        store<f32>(da + q, 0);
        continue;
      }
      const wi = w + ((<usize>i * <usize>m) << 2);
      let acc = f32x4.splat(0);
      let j: i32 = 0;
      for (; j + 4 <= m; j += 4) acc = f32x4.add(acc, f32x4.mul(f4(zr + (<usize>j << 2)), f4(wi + (<usize>j << 2))));
      let s: f32 = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
      for (; j < m; j++) s += load<f32>(zr + (<usize>j << 2)) * load<f32>(wi + (<usize>j << 2));
      store<f32>(da + q, s);
    }
  }
}

/**
 * inputGradDense over the kept weights only (CSR by input row, values read from w), by kept weight: da[:, i] += dz[:, j]·w[i, j] over all batch rows (a long,
 * independent inner loop), then ReLU′ of a. All rows at once.
 */
export function inputGradSparseCols(dz: usize, rows: i32, m: i32, rowPtr: usize, col: usize, w: usize, n: i32, a: usize, da: usize, relu: i32): void {
  memory.fill(da, 0, (<usize>rows * <usize>n) << 2);
  for (let i = 0; i < n; i++) {
    const wi = w + ((<usize>i * <usize>m) << 2);
    const di = da + (<usize>i << 2);
    const p1 = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    for (let p = load<i32>(rowPtr + (<usize>i << 2)); p < p1; p++) {
      const j = <usize>load<i32>(col + (<usize>p << 2));
      const wv = load<f32>(wi + (j << 2));
      const zj = dz + (j << 2);
      for (let r = 0; r < rows; r++) {
        const q = di + ((<usize>r * <usize>n) << 2);
        store<f32>(q, load<f32>(q) + load<f32>(zj + ((<usize>r * <usize>m) << 2)) * wv);
      }
    }
  }
  if (relu) {
    const count = rows * n;
    const zero = f32x4.splat(0);
    let j: i32 = 0;
    for (; j + 4 <= count; j += 4) {
      const q = <usize>j << 2;
      v128.store(da + q, v128.and(f4(da + q), f32x4.gt(f4(a + q), zero)));
    }
    for (; j < count; j++) {
      const q = <usize>j << 2;
      if (load<f32>(a + q) <= 0) store<f32>(da + q, 0);
    }
  }
}

/** dw[i, :] = Σ_r a[r, i]·dz[r, :] for weight rows [lo, hi), over the nonzero a (compactCols). */
export function weightGrad(idx: usize, val: usize, cnt: usize, rows: i32, dz: usize, m: i32, dw: usize, lo: i32, hi: i32): void {
  for (let i = lo; i < hi; i++) {
    const off = (<usize>i * <usize>rows) << 2;
    const c = load<i32>(cnt + (<usize>i << 2));
    const o = dw + ((<usize>i * <usize>m) << 2);
    let j: i32 = 0;
    for (; j + 4 <= m; j += 4) {
      let g = f32x4.splat(0);
      for (let k = 0; k < c; k++) {
        const r = <usize>load<i32>(idx + off + (<usize>k << 2));
        g = f32x4.add(g, f32x4.mul(f32x4.splat(load<f32>(val + off + (<usize>k << 2))), f4(dz + ((r * <usize>m + <usize>j) << 2))));
      }
      v128.store(o + (<usize>j << 2), g);
    }
    for (; j < m; j++) {
      let g: f32 = 0;
      for (let k = 0; k < c; k++) {
        const r = <usize>load<i32>(idx + off + (<usize>k << 2));
        g += load<f32>(val + off + (<usize>k << 2)) * load<f32>(dz + ((r * <usize>m + <usize>j) << 2));
      }
      store<f32>(o + (<usize>j << 2), g);
    }
  }
}

/** db[j] = Σ_r dz[r, j]. */
export function biasGrad(dz: usize, rows: i32, m: i32, db: usize): void {
  for (let j = 0; j < m; j++) {
    let g: f32 = 0;
    for (let r = 0; r < rows; r++) g += load<f32>(dz + ((<usize>r * <usize>m + <usize>j) << 2));
    store<f32>(db + (<usize>j << 2), g);
  }
}

// Flags of the update kernels.
const MASKED: i32 = 1; // t is a mask; weff receives W⊙T
const MASK_GRAD: i32 = 2; // the gradient reaches kept entries only (T⊙∇)
const ZERO_PRUNED: i32 = 4; // pruned weights are set to zero after the update

/**
 * One Caffe SGD update, 4 lanes: g ← (T⊙)g + λW; V ← (T⊙)(μV + ηg); W ← W − V; (W ← W⊙T);
 * weff ← W⊙T. With masked gradients the momentum of pruned entries is held at zero (the trainer's
 * optimizer does the same), so they do not move at all.
 */
@inline function sgd4(g: v128, pw: usize, pv: usize, pt: usize, pe: usize, lr: v128, mom: v128, wd: v128, flags: i32): void {
  let W = f4(pw);
  if (flags & MASK_GRAD) g = f32x4.mul(g, f4(pt));
  g = f32x4.add(g, f32x4.mul(wd, W));
  let V = f32x4.add(f32x4.mul(mom, f4(pv)), f32x4.mul(lr, g));
  if (flags & MASK_GRAD) V = f32x4.mul(V, f4(pt));
  W = f32x4.sub(W, V);
  v128.store(pv, V);
  if (flags & MASKED) {
    const T = f4(pt);
    const E = f32x4.mul(W, T);
    if (flags & ZERO_PRUNED) W = E;
    v128.store(pe, E);
  }
  v128.store(pw, W);
}

@inline function sgd1(g: f32, pw: usize, pv: usize, pt: usize, pe: usize, lr: f32, mom: f32, wd: f32, flags: i32): void {
  let W = load<f32>(pw);
  if (flags & MASK_GRAD) g *= load<f32>(pt);
  g += wd * W;
  let V = mom * load<f32>(pv) + lr * g;
  if (flags & MASK_GRAD) V *= load<f32>(pt);
  W -= V;
  store<f32>(pv, V);
  if (flags & MASKED) {
    const E = W * load<f32>(pt);
    if (flags & ZERO_PRUNED) W = E;
    store<f32>(pe, E);
  }
  store<f32>(pw, W);
}

/**
 * The weight gradient of rows [lo, hi) and its SGD update in one pass: each block of ∂L/∂W is
 * summed in registers (over the nonzero a, compactCols) and applied at once, never stored.
 */
export function sgdDense(idx: usize, val: usize, cnt: usize, rows: i32, dz: usize, m: i32, w: usize, v: usize, t: usize, weff: usize, lr: f32, mom: f32, wd: f32, flags: i32, lo: i32, hi: i32): void {
  const lr4 = f32x4.splat(lr), mom4 = f32x4.splat(mom), wd4 = f32x4.splat(wd);
  for (let i = lo; i < hi; i++) {
    const off = (<usize>i * <usize>rows) << 2;
    const c = load<i32>(cnt + (<usize>i << 2));
    const row = (<usize>i * <usize>m) << 2;
    let j: i32 = 0;
    for (; j + 16 <= m; j += 16) {
      let g0 = f32x4.splat(0), g1 = g0, g2 = g0, g3 = g0;
      for (let k = 0; k < c; k++) {
        const r = <usize>load<i32>(idx + off + (<usize>k << 2));
        const s = f32x4.splat(load<f32>(val + off + (<usize>k << 2)));
        const p = dz + ((r * <usize>m + <usize>j) << 2);
        g0 = f32x4.add(g0, f32x4.mul(s, f4(p)));
        g1 = f32x4.add(g1, f32x4.mul(s, f4(p + 16)));
        g2 = f32x4.add(g2, f32x4.mul(s, f4(p + 32)));
        g3 = f32x4.add(g3, f32x4.mul(s, f4(p + 48)));
      }
      const q = row + (<usize>j << 2);
      sgd4(g0, w + q, v + q, t + q, weff + q, lr4, mom4, wd4, flags);
      sgd4(g1, w + q + 16, v + q + 16, t + q + 16, weff + q + 16, lr4, mom4, wd4, flags);
      sgd4(g2, w + q + 32, v + q + 32, t + q + 32, weff + q + 32, lr4, mom4, wd4, flags);
      sgd4(g3, w + q + 48, v + q + 48, t + q + 48, weff + q + 48, lr4, mom4, wd4, flags);
    }
    for (; j + 4 <= m; j += 4) {
      let g = f32x4.splat(0);
      for (let k = 0; k < c; k++) {
        const r = <usize>load<i32>(idx + off + (<usize>k << 2));
        g = f32x4.add(g, f32x4.mul(f32x4.splat(load<f32>(val + off + (<usize>k << 2))), f4(dz + ((r * <usize>m + <usize>j) << 2))));
      }
      const q = row + (<usize>j << 2);
      sgd4(g, w + q, v + q, t + q, weff + q, lr4, mom4, wd4, flags);
    }
    for (; j < m; j++) {
      let g: f32 = 0;
      for (let k = 0; k < c; k++) {
        const r = <usize>load<i32>(idx + off + (<usize>k << 2));
        g += load<f32>(val + off + (<usize>k << 2)) * load<f32>(dz + ((r * <usize>m + <usize>j) << 2));
      }
      const q = row + (<usize>j << 2);
      sgd1(g, w + q, v + q, t + q, weff + q, lr, mom, wd, flags);
    }
  }
}

/**
 * The masked-gradient update of rows [lo, hi) at kept entries only (CSR), the gradient summed
 * there alone. Exact once one sgdDense pass has run since the masks last changed: pruned entries
 * then hold V = 0 and W = W⊙T (zeroed) or W (kept), which the update leaves as they are.
 */
export function sgdSparse(idx: usize, val: usize, cnt: usize, rows: i32, dz: usize, m: i32, rowPtr: usize, col: usize, w: usize, v: usize, weff: usize, lr: f32, mom: f32, wd: f32, tmp: usize, lo: i32, hi: i32): void {
  for (let i = lo; i < hi; i++) {
    const row = (<usize>i * <usize>m) << 2;
    const off = (<usize>i * <usize>rows) << 2;
    const c = load<i32>(cnt + (<usize>i << 2));
    const p0 = load<i32>(rowPtr + (<usize>i << 2));
    const p1 = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    const len = <usize>(p1 - p0);
    const cols = col + (<usize>p0 << 2);
    // Gradients of the row's kept entries side by side in tmp: batch rows outer, kept entries
    // inner, so the sums are independent (no chain of dependent adds per entry).
    memory.fill(tmp, 0, len << 2);
    for (let k = 0; k < c; k++) {
      const r = <usize>load<i32>(idx + off + (<usize>k << 2));
      const s = load<f32>(val + off + (<usize>k << 2));
      const dzr = dz + ((r * <usize>m) << 2);
      for (let q: usize = 0; q < len; q++) {
        const t = tmp + (q << 2);
        store<f32>(t, load<f32>(t) + s * load<f32>(dzr + (<usize>load<i32>(cols + (q << 2)) << 2)));
      }
    }
    for (let q: usize = 0; q < len; q++) {
      const e = row + (<usize>load<i32>(cols + (q << 2)) << 2);
      const W = load<f32>(w + e);
      const V = mom * load<f32>(v + e) + lr * (load<f32>(tmp + (q << 2)) + wd * W);
      store<f32>(v + e, V);
      store<f32>(w + e, W - V);
      store<f32>(weff + e, W - V); // kept: T = 1
    }
  }
}

/** The SGD step of `count` entries from a stored gradient g (a method read it first). */
export function sgdFromGrad(g: usize, w: usize, v: usize, t: usize, weff: usize, count: i32, lr: f32, mom: f32, wd: f32, flags: i32): void {
  const lr4 = f32x4.splat(lr), mom4 = f32x4.splat(mom), wd4 = f32x4.splat(wd);
  let j: i32 = 0;
  for (; j + 4 <= count; j += 4) {
    const q = <usize>j << 2;
    sgd4(f4(g + q), w + q, v + q, t + q, weff + q, lr4, mom4, wd4, flags);
  }
  for (; j < count; j++) {
    const q = <usize>j << 2;
    sgd1(load<f32>(g + q), w + q, v + q, t + q, weff + q, lr, mom, wd, flags);
  }
}

/** The bias update: db = Σ_r dz[r, :], then the same SGD step (lr already times the bias multiplier). */
export function sgdBias(dz: usize, rows: i32, m: i32, b: usize, v: usize, t: usize, beff: usize, lr: f32, mom: f32, wd: f32, flags: i32): void {
  for (let j = 0; j < m; j++) {
    let g: f32 = 0;
    for (let r = 0; r < rows; r++) g += load<f32>(dz + ((<usize>r * <usize>m + <usize>j) << 2));
    const q = <usize>j << 2;
    sgd1(g, b + q, v + q, t + q, beff + q, lr, mom, wd, flags);
  }
}

/**
 * CSR of a 0/1 mask [n × m] by row: rowPtr (n + 1 entries) and column indices; returns the count
 * kept. Skips four pruned entries at a time (a pruned network's mask is mostly zeros).
 */
export function buildCsr(t: usize, n: i32, m: i32, rowPtr: usize, col: usize): i32 {
  let p: i32 = 0;
  for (let i = 0; i < n; i++) {
    store<i32>(rowPtr + (<usize>i << 2), p);
    const row = t + ((<usize>i * <usize>m) << 2);
    let j: i32 = 0;
    for (; j + 4 <= m; j += 4) {
      if (!v128.any_true(f4(row + (<usize>j << 2)))) continue;
      for (let jj = j; jj < j + 4; jj++) {
        if (load<f32>(row + (<usize>jj << 2)) != 0) {
          store<i32>(col + (<usize>p << 2), jj);
          p++;
        }
      }
    }
    for (; j < m; j++) {
      if (load<f32>(row + (<usize>j << 2)) != 0) {
        store<i32>(col + (<usize>p << 2), j);
        p++;
      }
    }
  }
  store<i32>(rowPtr + (<usize>n << 2), p);
  return p;
}

/** out = a ⊙ b over `count` floats (W⊙T after weights or masks change). */
export function mulInto(a: usize, b: usize, out: usize, count: i32): void {
  let i: i32 = 0;
  for (; i + 4 <= count; i += 4) {
    const q = <usize>i << 2;
    v128.store(out + q, f32x4.mul(f4(a + q), f4(b + q)));
  }
  for (; i < count; i++) {
    const q = <usize>i << 2;
    store<f32>(out + q, load<f32>(a + q) * load<f32>(b + q));
  }
}

/** One entry's mask change: counts it (ch[0] cuts, ch[1] splices) and, with `ev` set, marks it. */
@inline function maskEvent(i: usize, cut: bool, ch: usize, ev: usize, count: i32): void {
  const c = <usize>count << 2;
  if (cut) store<i32>(ch, load<i32>(ch) + 1);
  else store<i32>(ch + 4, load<i32>(ch + 4) + 1);
  if (ev == 0) return;
  // ev holds four arrays of `count` floats: cut total, splice total, cut since, spliced since.
  const q = ev + (i << 2) + (cut ? 0 : c);
  store<f32>(q, load<f32>(q) + 1);
  store<f32>(q + 2 * c, 1);
}

/**
 * DNS surgery in place (Guo et al. 2016, eq. 3; Caffe CCMaskCalc): an alive entry of t is cut when
 * |w| ≤ a, a pruned one is spliced back when |w| > b. Adds the cuts and splices to ch[0], ch[1]
 * and, when ev is not 0, to its per-entry event arrays (maskEvent). Four entries at a time; only a
 * group where some mask changes goes entry by entry (most surgery steps change a few hundred).
 */
export function hysteresis(w: usize, t: usize, count: i32, a: f32, b: f32, ch: usize, ev: usize): void {
  const a4 = f32x4.splat(a);
  const b4 = f32x4.splat(b);
  const zero = f32x4.splat(0);
  let i: i32 = 0;
  for (; i + 4 <= count; i += 4) {
    const q = <usize>i << 2;
    const alive = f32x4.ne(f4(t + q), zero);
    const keep = f32x4.gt(f32x4.abs(f4(w + q)), v128.bitselect(a4, b4, alive));
    if (v128.any_true(v128.xor(keep, alive))) hysteresis1(w, t, i, i + 4, a, b, ch, ev, count);
  }
  hysteresis1(w, t, i, count, a, b, ch, ev, count);
}

@inline function hysteresis1(w: usize, t: usize, lo: i32, hi: i32, a: f32, b: f32, ch: usize, ev: usize, count: i32): void {
  for (let i = lo; i < hi; i++) {
    const q = <usize>i << 2;
    const alive = load<f32>(t + q) != 0;
    const keep = abs<f32>(load<f32>(w + q)) > (alive ? a : b);
    if (keep == alive) continue;
    store<f32>(t + q, keep ? 1 : 0);
    maskEvent(<usize>i, alive, ch, ev, count);
  }
}

/** t ← src (0/1 masks), counting and marking the changes as `hysteresis` does. */
export function replaceMask(src: usize, t: usize, count: i32, ch: usize, ev: usize): void {
  let i: i32 = 0;
  for (; i + 4 <= count; i += 4) {
    const q = <usize>i << 2;
    if (v128.any_true(v128.xor(f32x4.ne(f4(t + q), f32x4.splat(0)), f32x4.ne(f4(src + q), f32x4.splat(0)))))
      replaceMask1(src, t, i, i + 4, ch, ev, count);
  }
  replaceMask1(src, t, i, count, ch, ev, count);
}

@inline function replaceMask1(src: usize, t: usize, lo: i32, hi: i32, ch: usize, ev: usize, count: i32): void {
  for (let i = lo; i < hi; i++) {
    const q = <usize>i << 2;
    const alive = load<f32>(t + q) != 0;
    const keep = load<f32>(src + q) != 0;
    if (keep == alive) continue;
    store<f32>(t + q, keep ? 1 : 0);
    maskEvent(<usize>i, alive, ch, ev, count);
  }
}

/** max |w| over `count` floats. */
export function maxAbs(w: usize, count: i32): f32 {
  let m4 = f32x4.splat(0);
  let i: i32 = 0;
  for (; i + 4 <= count; i += 4) m4 = f32x4.max(m4, f32x4.abs(f4(w + (<usize>i << 2))));
  let m = max<f32>(max<f32>(f32x4.extract_lane(m4, 0), f32x4.extract_lane(m4, 1)), max<f32>(f32x4.extract_lane(m4, 2), f32x4.extract_lane(m4, 3)));
  for (; i < count; i++) m = max<f32>(m, abs<f32>(load<f32>(w + (<usize>i << 2))));
  return m;
}

/**
 * One layer's snapshot reading (src/core/train/snapshot.ts): alive and pruned weights counted in
 * `bins` equal bins of |w| over [0, top] (hist: alive counts, then pruned), in float32 as the
 * backend computes them, and, when `state` is not 0, each connection's state as a byte: 0 pruned,
 * 1 alive, 2 just cut, 3 just spliced (from the "since" records of `ev`, when not 0). Returns the
 * alive count.
 */
export function snapshotLayer(w: usize, t: usize, ev: usize, count: i32, bins: i32, top: f32, hist: usize, state: usize): i32 {
  const c = <usize>count << 2;
  const binsF = <f32>bins;
  let kept: i32 = 0;
  for (let i = 0; i < count; i++) {
    const q = <usize>i << 2;
    const x = (abs<f32>(load<f32>(w + q)) / top) * binsF;
    // NaN compares false both ways and lands in bin 0, as tfjs's int cast of NaN does.
    const b: i32 = x >= binsF ? bins - 1 : x >= 1 ? <i32>floor<f32>(x) : 0;
    const on = load<f32>(t + q) != 0;
    const h = hist + ((<usize>(on ? b : bins + b)) << 2);
    store<f32>(h, load<f32>(h) + 1);
    if (on) kept++;
    if (state == 0) continue;
    let s: u8 = on ? 1 : 0;
    if (ev != 0) {
      if (on && load<f32>(ev + 3 * c + q) != 0) s = 3;
      else if (!on && load<f32>(ev + 2 * c + q) != 0) s = 2;
    }
    store<u8>(state + <usize>i, s);
  }
  return kept;
}
