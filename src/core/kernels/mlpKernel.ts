/**
 * A masked-MLP training step in our own WebAssembly kernels (asm/mlp.ts, SIMD): forward on W⊙T,
 * softmax cross-entropy, input and weight gradients and Caffe's SGD with momentum, the weight
 * gradient summed in registers and applied at once (never stored). Pure: it takes a compiled
 * `WebAssembly.Module` (Node reads the bytes from disk, the browser worker fetches them), so it runs
 * in Node, in a worker and in tests. Sparse kernels (CSR of the mask) take over per layer below a
 * density; zero inputs (MNIST background, ReLU zeros) are skipped everywhere, which is exact.
 */

import type { LayerReading } from '../train/snapshot';

/** The exports of asm/mlp.ts (pointers are byte offsets into the kernel's memory). */
interface Exports {
  compactRows(
    x: number,
    n: number,
    idx: number,
    val: number,
    cnt: number,
    lo: number,
    hi: number,
  ): void;
  compactCols(
    x: number,
    rows: number,
    n: number,
    idx: number,
    val: number,
    cnt: number,
    lo: number,
    hi: number,
  ): void;
  forwardDense(
    idx: number,
    val: number,
    cnt: number,
    n: number,
    w: number,
    bias: number,
    m: number,
    out: number,
    relu: number,
    lo: number,
    hi: number,
  ): void;
  forwardSparseCols(
    idx: number,
    val: number,
    cnt: number,
    rows: number,
    n: number,
    rowPtr: number,
    col: number,
    w: number,
    bias: number,
    m: number,
    out: number,
    relu: number,
  ): void;
  softmaxXent(
    logits: number,
    labels: number,
    rows: number,
    m: number,
    dz: number,
    hits: number,
  ): number;
  inputGradDense(
    dz: number,
    m: number,
    w: number,
    n: number,
    a: number,
    da: number,
    relu: number,
    lo: number,
    hi: number,
  ): void;
  inputGradSparseCols(
    dz: number,
    rows: number,
    m: number,
    rowPtr: number,
    col: number,
    w: number,
    n: number,
    a: number,
    da: number,
    relu: number,
  ): void;
  weightGrad(
    idx: number,
    val: number,
    cnt: number,
    rows: number,
    dz: number,
    m: number,
    dw: number,
    lo: number,
    hi: number,
  ): void;
  biasGrad(dz: number, rows: number, m: number, db: number): void;
  sgdDense(
    idx: number,
    val: number,
    cnt: number,
    rows: number,
    dz: number,
    m: number,
    w: number,
    v: number,
    t: number,
    weff: number,
    lr: number,
    mom: number,
    wd: number,
    flags: number,
    lo: number,
    hi: number,
  ): void;
  sgdSparse(
    idx: number,
    val: number,
    cnt: number,
    rows: number,
    dz: number,
    m: number,
    rowPtr: number,
    col: number,
    w: number,
    v: number,
    weff: number,
    lr: number,
    mom: number,
    wd: number,
    tmp: number,
    lo: number,
    hi: number,
  ): void;
  sgdBias(
    dz: number,
    rows: number,
    m: number,
    b: number,
    v: number,
    t: number,
    beff: number,
    lr: number,
    mom: number,
    wd: number,
    flags: number,
  ): void;
  buildCsr(t: number, n: number, m: number, rowPtr: number, col: number): number;
  mulInto(a: number, b: number, out: number, count: number): void;
  bytesToF32(src: number, count: number, scale: number, out: number): void;
  sgdFromGrad(
    g: number,
    w: number,
    v: number,
    t: number,
    weff: number,
    count: number,
    lr: number,
    mom: number,
    wd: number,
    flags: number,
  ): void;
  hysteresis(
    w: number,
    t: number,
    count: number,
    a: number,
    b: number,
    ch: number,
    ev: number,
  ): void;
  replaceMask(src: number, t: number, count: number, ch: number, ev: number): void;
  maxAbs(w: number, count: number): number;
  snapshotLayer(
    w: number,
    t: number,
    ev: number,
    count: number,
    bins: number,
    top: number,
    hist: number,
    state: number,
  ): number;
}

// Update flags, as in asm/mlp.ts.
const MASKED = 1;
const MASK_GRAD = 2;
const ZERO_PRUNED = 4;

/** Which kernels a layer uses: `auto` switches to the sparse ones below `sparseBelow` density. */
export type SparseMode = 'auto' | 'dense' | 'sparse';

export interface MlpSpec {
  /** Units per layer, input first: LeNet-300-100 is [784, 300, 100, 10]. */
  readonly sizes: readonly number[];
  /** ReLU after each weight layer (the last is the logits layer). */
  readonly relu: readonly boolean[];
  /** Most rows a step takes. */
  readonly batch: number;
  /** Forward on W⊙T (any pruning method) or on W (the dense baseline). */
  readonly masked: boolean;
  /** `dense`: ∂L/∂(W⊙T) reaches every W (DNS); `masked`: kept entries only (torch.prune, TFMOT). */
  readonly gradient: 'dense' | 'masked';
  /** With masked gradients: set pruned weights to zero after each update. */
  readonly zeroPruned: boolean;
  readonly sparse?: SparseMode;
  /** Density below which `auto` picks the sparse kernels (measured: bench/kernels.ts). */
  readonly sparseBelow?: number;
  /** Keep per-connection cut and splice records of the weight masks (`events`). */
  readonly trackEvents?: boolean;
}

/** Mask changes of one layer's weights and biases. */
export interface MaskChangeCounts {
  readonly cuts: number;
  readonly splices: number;
}

/** Per-connection records of a layer's weight mask (live views, valid until the next call). */
export interface KernelEvents {
  /** Times each connection was cut, and spliced, in all. */
  readonly cutTotal: Float32Array;
  readonly spliceTotal: Float32Array;
  /** 1 where a connection was cut, or spliced, since `acknowledgeEvents`. */
  readonly cutSince: Float32Array;
  readonly splicedSince: Float32Array;
}

/** The SGD step's numbers (Caffe SGDSolver: V ← μV + η(∇ + λW); W ← W − V). */
export interface SgdStep {
  readonly lr: number;
  readonly biasLrMult: number;
  readonly momentum: number;
  readonly weightDecay: number;
}

interface LayerBufs {
  readonly n: number;
  readonly m: number;
  readonly relu: boolean;
  readonly w: number;
  readonly v: number;
  readonly t: number;
  readonly weff: number;
  readonly b: number;
  readonly bv: number;
  readonly bt: number;
  readonly beff: number;
  readonly rowPtr: number;
  readonly col: number;
  readonly out: number;
  readonly dz: number;
  kept: number;
  /** An update has run since the masks last changed (then the sparse update is exact). */
  settled: boolean;
  /** Nonzeros of the layer's input by column (compactCols): row indices, values, counts. */
  readonly ci: number;
  readonly cv: number;
  readonly cc: number;
  /** ci/cv/cc hold this step's input (the sparse forward listed them; backward reuses them). */
  colsFresh: boolean;
  /** The step's gradients ∂L/∂(W⊙T), ∂L/∂(b⊙Tb), kept for methods that read them (`backward`). */
  readonly gw: number;
  readonly gb: number;
  /** Event records of the weight mask (4 × n·m floats, see KernelEvents), or 0 when not tracked. */
  readonly ev: number;
}

const PAGE = 65536;
/** Most histogram bins a snapshot reads (the lab uses 48). */
const MAX_BINS = 1024;
/** Below this density `auto` runs the sparse kernels (bench/kernels.ts: they win at 10%, lose at 25%). */
export const DEFAULT_SPARSE_BELOW = 0.15;

/** The network's parameters, optimizer state and step buffers in one wasm memory. */
export class MlpKernel {
  private readonly e: Exports;
  private readonly mem: WebAssembly.Memory;
  private readonly layers: LayerBufs[];
  private readonly x: number;
  private readonly labels: number;
  private readonly hits: number;
  private readonly ri: number;
  private readonly rv: number;
  private readonly rc: number;
  private readonly scratch: number;
  private readonly bytes: number;
  /** Two i32 counters of mask changes (cuts, splices) for `hysteresis` and `replaceMask`. */
  private readonly changes: number;
  /** A snapshot's histogram counts (alive, then pruned). */
  private readonly hist: number;
  private readonly spec: MlpSpec;

  constructor(module: WebAssembly.Module, spec: MlpSpec) {
    const { sizes, batch } = spec;
    if (sizes.length < 2) throw new Error('an MLP needs at least one weight layer');
    this.spec = spec;
    let top = PAGE; // page 0 is the module's own
    const alloc = (floats: number) => {
      const p = top;
      top += Math.ceil((floats * 4) / 16) * 16;
      return p;
    };
    const maxN = Math.max(...sizes);
    this.x = alloc(batch * sizes[0]!);
    this.labels = alloc(batch);
    this.hits = alloc(4);
    this.ri = alloc(batch * maxN);
    this.rv = alloc(batch * maxN);
    this.rc = alloc(batch);
    this.bytes = alloc(Math.ceil((batch * sizes[0]!) / 4));
    this.changes = alloc(2);
    this.hist = alloc(2 * MAX_BINS);
    this.scratch = alloc(Math.max(...sizes.slice(1).map((m, k) => m * sizes[k]!)));
    this.layers = sizes.slice(1).map((m, k) => {
      const n = sizes[k]!;
      const w = alloc(n * m);
      const b = alloc(m);
      return {
        n,
        m,
        relu: spec.relu[k] ?? false,
        w,
        v: alloc(n * m),
        t: alloc(n * m),
        weff: spec.masked ? alloc(n * m) : w,
        b,
        bv: alloc(m),
        bt: alloc(m),
        beff: spec.masked ? alloc(m) : b,
        rowPtr: alloc(n + 1),
        col: alloc(n * m),
        out: alloc(batch * m),
        dz: alloc(batch * m),
        kept: n * m,
        settled: false,
        ci: alloc(batch * n),
        cv: alloc(batch * n),
        cc: alloc(n),
        colsFresh: false,
        gw: alloc(n * m),
        gb: alloc(m),
        ev: spec.trackEvents ? alloc(4 * n * m) : 0,
      };
    });
    this.mem = new WebAssembly.Memory({ initial: Math.ceil(top / PAGE) + 1 });
    const inst = new WebAssembly.Instance(module, { env: { memory: this.mem } });
    this.e = inst.exports as unknown as Exports;
    for (let k = 0; k < this.layers.length; k++) {
      this.f32(this.layers[k]!.t, this.layers[k]!.n * this.layers[k]!.m).fill(1);
      this.f32(this.layers[k]!.bt, this.layers[k]!.m).fill(1);
      this.refresh(k);
    }
  }

  private f32(ptr: number, count: number): Float32Array {
    return new Float32Array(this.mem.buffer, ptr, count);
  }

  get layerCount(): number {
    return this.layers.length;
  }

  /** The input rows of the next step (batch × inputs), to fill in place. */
  get input(): Float32Array {
    return this.f32(this.x, this.spec.batch * this.spec.sizes[0]!);
  }

  /** Byte input rows (uint8 images), to fill in place and turn into `input` with `inputFromBytes`. */
  get inputBytes(): Uint8Array {
    return new Uint8Array(this.mem.buffer, this.bytes, this.spec.batch * this.spec.sizes[0]!);
  }

  /** input = scale · inputBytes over the first `rows` rows. */
  inputFromBytes(rows: number, scale: number): void {
    this.checkRows(rows);
    this.e.bytesToF32(this.bytes, rows * this.spec.sizes[0]!, scale, this.x);
  }

  /** The class labels of the next step, to fill in place. */
  get targets(): Int32Array {
    return new Int32Array(this.mem.buffer, this.labels, this.spec.batch);
  }

  /** Views of a layer's weights and biases (live: valid until the next call). */
  params(k: number): { w: Float32Array; b: Float32Array } {
    const l = this.layer(k);
    return { w: this.f32(l.w, l.n * l.m), b: this.f32(l.b, l.m) };
  }

  private layer(k: number): LayerBufs {
    const l = this.layers[k];
    if (!l) throw new Error(`no layer ${k}`);
    return l;
  }

  /** Copies in a layer's weights (n × m, row-major) and bias. */
  setParams(k: number, w: ArrayLike<number>, b: ArrayLike<number>): void {
    const p = this.params(k);
    p.w.set(w);
    p.b.set(b);
    this.refresh(k);
  }

  /** Copies in a layer's 0/1 masks; rebuilds its CSR. */
  setMasks(k: number, wMask: ArrayLike<number>, bMask: ArrayLike<number>): void {
    const l = this.layer(k);
    this.f32(l.t, l.n * l.m).set(wMask);
    this.f32(l.bt, l.m).set(bMask);
    this.refresh(k);
  }

  /** Views of a layer's 0/1 masks (live: valid until the next call). */
  masks(k: number): { w: Float32Array; b: Float32Array } {
    const l = this.layer(k);
    return { w: this.f32(l.t, l.n * l.m), b: this.f32(l.bt, l.m) };
  }

  /**
   * DNS surgery on layer k in place, weights and biases with the same thresholds (Guo et al. 2016,
   * eq. 3): alive entries with |w| ≤ a are cut, pruned ones with |w| > b spliced back.
   */
  hysteresis(k: number, a: number, b: number): MaskChangeCounts {
    const l = this.layer(k);
    const ch = this.zeroChanges();
    this.e.hysteresis(l.w, l.t, l.n * l.m, a, b, this.changes, l.ev);
    this.e.hysteresis(l.b, l.bt, l.m, a, b, this.changes, 0);
    return this.changed(k, ch);
  }

  /** Copies in a layer's new 0/1 masks (a method's answer), counting and recording the changes. */
  replaceMasks(k: number, wMask: ArrayLike<number>, bMask: ArrayLike<number>): MaskChangeCounts {
    const l = this.layer(k);
    const ch = this.zeroChanges();
    const src = this.f32(this.scratch, l.n * l.m);
    src.set(wMask);
    this.e.replaceMask(this.scratch, l.t, l.n * l.m, this.changes, l.ev);
    src.subarray(0, l.m).set(bMask);
    this.e.replaceMask(this.scratch, l.bt, l.m, this.changes, 0);
    return this.changed(k, ch);
  }

  /** The counts of a mask update; the CSR and W⊙T are rebuilt only where a mask changed. */
  private changed(k: number, ch: Int32Array): MaskChangeCounts {
    const c = { cuts: ch[0]!, splices: ch[1]! };
    if (c.cuts + c.splices > 0) this.refresh(k);
    return c;
  }

  private zeroChanges(): Int32Array {
    const ch = new Int32Array(this.mem.buffer, this.changes, 2);
    ch.fill(0);
    return ch;
  }

  /** The per-connection records of layer k's weight mask, or null when not tracked. */
  events(k: number): KernelEvents | null {
    const l = this.layer(k);
    if (l.ev === 0) return null;
    const n = l.n * l.m;
    const part = (i: number) => this.f32(l.ev + 4 * i * n, n);
    return { cutTotal: part(0), spliceTotal: part(1), cutSince: part(2), splicedSince: part(3) };
  }

  /** Starts a new "since" window of every layer's records. */
  acknowledgeEvents(): void {
    for (const l of this.layers)
      if (l.ev !== 0) this.f32(l.ev + 8 * l.n * l.m, 2 * l.n * l.m).fill(0);
  }

  /**
   * Layer k's snapshot reading (core/train/snapshot.ts): max |w|, alive and pruned counts in
   * `bins` bins of |w| over [0, max(max |w|, 1e-12)], the alive weights and biases, and with
   * `cells` a copy of the weights and each connection's state byte (0 pruned, 1 alive, 2 just cut,
   * 3 just spliced).
   */
  snapshot(k: number, bins: number, cells: boolean): LayerReading {
    if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS)
      throw new Error(`a snapshot has 1 to ${MAX_BINS} bins, not ${bins}`);
    const l = this.layer(k);
    const n = l.n * l.m;
    const maxAbs = Math.max(this.e.maxAbs(l.w, n), Math.fround(1e-12));
    const hist = this.f32(this.hist, 2 * bins);
    hist.fill(0);
    const state = cells ? this.scratch : 0;
    let kept = this.e.snapshotLayer(l.w, l.t, l.ev, n, bins, maxAbs, this.hist, state);
    const bt = this.f32(l.bt, l.m);
    for (let j = 0; j < l.m; j++) if (bt[j] !== 0) kept++;
    return {
      kept,
      histogram: {
        maxAbs: Math.fround(maxAbs),
        alive: hist.slice(0, bins),
        pruned: hist.slice(bins, 2 * bins),
      },
      ...(cells
        ? {
            weights: this.f32(l.w, n).slice(),
            state: new Uint8Array(this.mem.buffer, this.scratch, n).slice(),
          }
        : {}),
    };
  }

  /** Kept weights over all weights of a layer. */
  density(k: number): number {
    const l = this.layer(k);
    return l.kept / (l.n * l.m);
  }

  private refresh(k: number): void {
    const l = this.layer(k);
    l.kept = this.e.buildCsr(l.t, l.n, l.m, l.rowPtr, l.col);
    l.settled = false;
    if (this.spec.masked) {
      this.e.mulInto(l.w, l.t, l.weff, l.n * l.m);
      this.e.mulInto(l.b, l.bt, l.beff, l.m);
    }
  }

  /** Views of a layer's momentum (live: valid until the next call). */
  momentum(k: number): { w: Float32Array; b: Float32Array } {
    const l = this.layer(k);
    return { w: this.f32(l.v, l.n * l.m), b: this.f32(l.bv, l.m) };
  }

  /** Copies in a layer's momentum (the optimizer state restored or reset elsewhere). */
  setMomentum(k: number, w: ArrayLike<number>, b: ArrayLike<number>): void {
    const v = this.momentum(k);
    v.w.set(w);
    v.b.set(b);
    this.layer(k).settled = false;
  }

  /** Clears the momentum of every layer (the optimizer's reset). */
  resetMomentum(): void {
    for (const l of this.layers) {
      this.f32(l.v, l.n * l.m).fill(0);
      this.f32(l.bv, l.m).fill(0);
    }
  }

  private sparse(k: number): boolean {
    const mode = this.spec.sparse ?? 'auto';
    if (!this.spec.masked || mode === 'dense') return false;
    return mode === 'sparse' || this.density(k) < (this.spec.sparseBelow ?? DEFAULT_SPARSE_BELOW);
  }

  private checkRows(rows: number): void {
    if (!Number.isInteger(rows) || rows < 1 || rows > this.spec.batch)
      throw new Error(`a step takes 1 to ${this.spec.batch} rows, not ${rows}`);
  }

  /** Logits of the first `rows` input rows (a view, valid until the next call). */
  forward(rows: number): Float32Array {
    this.checkRows(rows);
    const e = this.e;
    let a = this.x;
    this.layers.forEach((l, k) => {
      const relu = l.relu ? 1 : 0;
      if (this.sparse(k)) {
        this.cols(k, rows);
        e.forwardSparseCols(
          l.ci,
          l.cv,
          l.cc,
          rows,
          l.n,
          l.rowPtr,
          l.col,
          l.w,
          l.beff,
          l.m,
          l.out,
          relu,
        );
        l.colsFresh = true;
      } else {
        e.compactRows(a, l.n, this.ri, this.rv, this.rc, 0, rows);
        e.forwardDense(this.ri, this.rv, this.rc, l.n, l.weff, l.beff, l.m, l.out, relu, 0, rows);
        l.colsFresh = false;
      }
      a = l.out;
    });
    const last = this.layers[this.layers.length - 1]!;
    return this.f32(last.out, rows * last.m);
  }

  /** Forward and loss: mean cross-entropy and argmax hits; leaves ∂L/∂logits in place. */
  private lossOf(rows: number): { loss: number; correct: number } {
    this.forward(rows);
    const last = this.layers[this.layers.length - 1]!;
    const sum = this.e.softmaxXent(last.out, this.labels, rows, last.m, last.dz, this.hits);
    return { loss: sum / rows, correct: new Int32Array(this.mem.buffer, this.hits, 1)[0]! };
  }

  /** Backpropagates ∂L/∂Z of layer k into layer k − 1 (uses layer k's weights before its update). */
  private backInput(k: number, rows: number): void {
    if (k === 0) return;
    const l = this.layer(k);
    const prev = this.layer(k - 1);
    const relu = prev.relu ? 1 : 0;
    if (this.sparse(k))
      this.e.inputGradSparseCols(
        l.dz,
        rows,
        l.m,
        l.rowPtr,
        l.col,
        l.w,
        l.n,
        prev.out,
        prev.dz,
        relu,
      );
    else this.e.inputGradDense(l.dz, l.m, l.weff, l.n, prev.out, prev.dz, relu, 0, rows);
  }

  /** Lists the nonzeros of layer k's input by column, unless the forward pass already did. */
  private cols(k: number, rows: number): LayerBufs {
    const l = this.layer(k);
    if (!l.colsFresh) this.e.compactCols(this.inputOf(k), rows, l.n, l.ci, l.cv, l.cc, 0, l.n);
    l.colsFresh = false;
    return l;
  }

  private inputOf(k: number): number {
    return k === 0 ? this.x : this.layer(k - 1).out;
  }

  /**
   * Forward, loss and the dense gradients ∂L/∂(W⊙T), ∂L/∂(b⊙Tb) of the first `rows` rows, kept
   * (`gradient(k)`) for `applyGradients`; no update.
   */
  backward(rows: number): { loss: number; correct: number } {
    const r = this.lossOf(rows);
    for (let k = this.layers.length - 1; k >= 0; k--) {
      const l = this.cols(k, rows);
      this.e.weightGrad(l.ci, l.cv, l.cc, rows, l.dz, l.m, l.gw, 0, l.n);
      this.e.biasGrad(l.dz, rows, l.m, l.gb);
      this.backInput(k, rows);
    }
    return r;
  }

  /** Views of layer k's gradients from the last `backward` (live: valid until the next call). */
  gradient(k: number): { w: Float32Array; b: Float32Array } {
    const l = this.layer(k);
    return { w: this.f32(l.gw, l.n * l.m), b: this.f32(l.gb, l.m) };
  }

  /** Loss and copies of the dense gradients of the first `rows` rows, without an update. */
  gradients(rows: number): { loss: number; correct: number; w: Float32Array[]; b: Float32Array[] } {
    const r = this.backward(rows);
    const g = this.layers.map((_, k) => this.gradient(k));
    return { ...r, w: g.map((x) => x.w.slice()), b: g.map((x) => x.b.slice()) };
  }

  private flags(): number {
    const s = this.spec;
    return s.masked
      ? MASKED | (s.gradient === 'masked' ? MASK_GRAD | (s.zeroPruned ? ZERO_PRUNED : 0) : 0)
      : 0;
  }

  /** The update of a step that was skipped: pruned weights still go to zero, as the trainer does. */
  private skipped(): void {
    if (!(this.flags() & ZERO_PRUNED)) return;
    for (const l of this.layers) {
      this.e.mulInto(l.w, l.t, l.w, l.n * l.m);
      this.e.mulInto(l.b, l.bt, l.b, l.m);
    }
  }

  /** The SGD update from the gradients of the last `backward`, under the masks as they are now. */
  applyGradients(sgd: SgdStep | null): void {
    if (!sgd) return this.skipped();
    const flags = this.flags();
    const { lr, momentum: mom, weightDecay: wd } = sgd;
    const lrB = lr * sgd.biasLrMult;
    for (const l of this.layers) {
      this.e.sgdFromGrad(l.gw, l.w, l.v, l.t, l.weff, l.n * l.m, lr, mom, wd, flags);
      this.e.sgdFromGrad(l.gb, l.b, l.bv, l.bt, l.beff, l.m, lrB, mom, wd, flags);
      l.settled = true;
    }
  }

  /**
   * One training step on the first `rows` rows of `input` / `targets`: forward, loss, backward and
   * the SGD update of every layer; `sgd` null skips the update (pruned weights are still zeroed).
   */
  step(rows: number, sgd: SgdStep | null): { loss: number; correct: number } {
    const r = this.lossOf(rows);
    const e = this.e;
    const flags = this.flags();
    if (!sgd) {
      this.skipped();
      return r;
    }
    const { lr, momentum: mom, weightDecay: wd } = sgd;
    for (let k = this.layers.length - 1; k >= 0; k--) {
      const l = this.layer(k);
      this.cols(k, rows);
      this.backInput(k, rows);
      if (flags & MASK_GRAD && l.settled && this.sparse(k))
        e.sgdSparse(
          l.ci,
          l.cv,
          l.cc,
          rows,
          l.dz,
          l.m,
          l.rowPtr,
          l.col,
          l.w,
          l.v,
          l.weff,
          lr,
          mom,
          wd,
          this.scratch,
          0,
          l.n,
        );
      else
        e.sgdDense(
          l.ci,
          l.cv,
          l.cc,
          rows,
          l.dz,
          l.m,
          l.w,
          l.v,
          l.t,
          l.weff,
          lr,
          mom,
          wd,
          flags,
          0,
          l.n,
        );
      l.settled = true;
      e.sgdBias(l.dz, rows, l.m, l.b, l.bv, l.bt, l.beff, lr * sgd.biasLrMult, mom, wd, flags);
    }
    return r;
  }
}
