import type { HandReport, LayerView, SnapshotMsg } from '../worker/protocol';
import { CELL_STATE, HAND_CELL } from '../worker/protocol';

/** A run's headline numbers at one recorded moment. */
export interface MomentStats {
  readonly step: number;
  readonly epoch: number;
  readonly density: number;
  readonly kept: readonly number[];
  /** The method's cuts and splices since step 0, and hand surgery's account, at that moment. */
  readonly cuts: number;
  readonly splices: number;
  readonly hand: HandReport | null;
  /** The latest validation accuracy at or before the moment (null before the first). */
  readonly accuracy: number | null;
}

/** One layer of a moment: its histogram and counts, and the mask flips since the moment before. */
interface MomentLayer {
  readonly view: Omit<LayerView, 'weights' | 'state' | 'shade'>;
  /** Cells whose mask flipped since the previous kept moment (sorted); null: no cells. */
  flips: Uint32Array | null;
  /** Cells the hand left cut (HAND_CELL.handCut) or spliced at this moment. */
  readonly hand: { readonly index: Uint32Array; readonly state: Uint8Array } | null;
  /** A keyframe: the snapshot's own weights, states and shades (references, not copies). */
  key: Pick<LayerView, 'weights' | 'state' | 'shade'> | null;
}

interface Moment {
  readonly snapshot: Omit<SnapshotMsg, 'layers'>;
  readonly stats: MomentStats;
  readonly layers: MomentLayer[];
}

export interface HistoryLimits {
  /** Bytes the history may hold at most (typed arrays counted exactly, the rest estimated). */
  readonly maxBytes: number;
  /** Moments kept at most (the scrubber's resolution). */
  readonly maxMoments: number;
  /** A weight keyframe every this many recorded moments. */
  readonly keyEvery: number;
}

/** The lab's bounds: 48 MB and 600 moments, a keyframe every 10 (README: the measured figure). */
export const HISTORY_LIMITS: HistoryLimits = { maxBytes: 48e6, maxMoments: 600, keyEvery: 10 };

/** Bytes of the plain numbers and objects around the arrays of one moment (an estimate). */
const MOMENT_OVERHEAD = 400;
const LAYER_OVERHEAD = 700; // object, histogram header, thresholds

function alive(s: number): boolean {
  return s === CELL_STATE.alive || s === CELL_STATE.justSpliced || s === HAND_CELL.handSpliced;
}

/** Sorted symmetric difference of two sorted index lists (two flips in a row). */
export function xorSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) out[n++] = a[i++]!;
    else if (a[i]! > b[j]!) out[n++] = b[j++]!;
    else {
      i++;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.slice(0, n);
}

function bytesOf(a: ArrayBufferView | null | undefined): number {
  return a ? a.byteLength : 0;
}

/**
 * A run's bounded history for the time scrubber: per moment (one snapshot the page received) the
 * headline numbers, the histograms and the mask flips since the moment before, and every
 * `keyEvery` moments a keyframe of the weights and cell states. A moment's heatmap is its last
 * keyframe with the flips since applied (alive shades from that keyframe's weights). Past the
 * bounds the older half thins out, every other moment going (its flips merge into the next), so
 * the history never grows past `maxBytes`.
 */
export class RunHistory {
  private moments: Moment[] = [];
  private bytes = 0;
  private sinceKey = 0;
  /** Per layer, the mask of the latest moment (1 alive, 0 pruned), to compute flips. */
  private last: (Uint8Array | null)[] = [];
  /** The most bytes the history has held. */
  peakBytes = 0;

  constructor(private bounds: HistoryLimits = HISTORY_LIMITS) {}

  get limits(): HistoryLimits {
    return this.bounds;
  }

  /** New bounds (tests use small ones); the history thins to them at the next moment. */
  setLimits(limits: HistoryLimits): void {
    this.bounds = limits;
  }

  get size(): number {
    return this.moments.length;
  }

  /** Bytes held now: the moments and the latest mask of each layer. */
  get byteSize(): number {
    return this.bytes + this.last.reduce((s, a) => s + bytesOf(a), 0);
  }

  /** Steps of the moments, oldest first. */
  steps(): number[] {
    return this.moments.map((m) => m.stats.step);
  }

  stats(i: number): MomentStats | null {
    return this.moments[i]?.stats ?? null;
  }

  clear(): void {
    this.moments = [];
    this.bytes = 0;
    this.sinceKey = 0;
    this.last = [];
  }

  /** Records a snapshot and the numbers around it (a snapshot of an earlier step is ignored). */
  record(snap: SnapshotMsg, stats: MomentStats): void {
    const prev = this.moments.at(-1);
    if (prev && stats.step < prev.stats.step) return;
    // A second snapshot of the same step (after a hand edit) replaces the first.
    const replace = prev !== undefined && prev.stats.step === stats.step;
    const wasKey = replace && prev.layers.some((l) => l.key !== null);
    const key =
      wasKey ||
      this.moments.length === 0 ||
      (!replace && this.sinceKey + 1 >= this.limits.keyEvery);
    if (!replace) this.sinceKey = key ? 0 : this.sinceKey + 1;
    const layers = snap.layers.map((l, k) => this.layerOf(l, k, key));
    const { layers: _, ...head } = snap;
    const m: Moment = { snapshot: head, stats, layers };
    if (replace) {
      this.mergeInto(this.moments.length - 1, m);
    } else {
      this.moments.push(m);
      this.bytes += this.momentBytes(m);
    }
    this.thin();
    this.peakBytes = Math.max(this.peakBytes, this.byteSize);
  }

  private layerOf(l: LayerView, k: number, key: boolean): MomentLayer {
    const { weights, state, shade, ...view } = l;
    if (!state || !weights || !shade) return { view, flips: null, hand: null, key: null };
    const before = this.last[k];
    const now = new Uint8Array(state.length);
    const flips: number[] = [];
    const handIdx: number[] = [];
    for (let i = 0; i < state.length; i++) {
      const s = state[i]!;
      now[i] = alive(s) ? 1 : 0;
      if (before && before.length === now.length && before[i] !== now[i]) flips.push(i);
      if (s >= HAND_CELL.handCut) handIdx.push(i);
    }
    this.last[k] = now;
    const hand =
      handIdx.length > 0
        ? { index: Uint32Array.from(handIdx), state: Uint8Array.from(handIdx, (i) => state[i]!) }
        : null;
    return {
      view,
      flips: Uint32Array.from(flips),
      hand,
      key: key || !before ? { weights, state, shade } : null,
    };
  }

  /** Replaces moment `i` by `m`, keeping `i`'s flips (both are relative to moment i − 1). */
  private mergeInto(i: number, m: Moment): void {
    const old = this.moments[i]!;
    this.bytes -= this.momentBytes(old);
    m.layers.forEach((l, k) => {
      const o = old.layers[k];
      if (o?.flips && l.flips) l.flips = xorSorted(o.flips, l.flips);
    });
    this.moments[i] = m;
    this.bytes += this.momentBytes(m);
  }

  private momentBytes(m: Moment): number {
    let b = MOMENT_OVERHEAD + 8 * m.stats.kept.length;
    for (const l of m.layers) {
      b += LAYER_OVERHEAD + bytesOf(l.view.histogram.alive) + bytesOf(l.view.histogram.pruned);
      b += bytesOf(l.flips) + bytesOf(l.hand?.index) + bytesOf(l.hand?.state);
      if (l.key) b += bytesOf(l.key.weights) + bytesOf(l.key.state) + bytesOf(l.key.shade);
    }
    return b;
  }

  /** Drops every other moment of the older half while over a bound (never the first or last). */
  private thin(): void {
    const { maxBytes, maxMoments } = this.limits;
    while ((this.bytes > maxBytes || this.moments.length > maxMoments) && this.moments.length > 2) {
      const half = Math.max(2, Math.floor(this.moments.length / 2));
      const kept: Moment[] = [this.moments[0]!];
      for (let i = 1; i < this.moments.length; i++) {
        const m = this.moments[i]!;
        const drop = i < half && i % 2 === 1;
        if (!drop) {
          kept.push(m);
          continue;
        }
        // Its flips carry into the next moment, which it always has (i < half < length).
        const next = this.moments[i + 1]!;
        this.bytes -= this.momentBytes(m) + this.momentBytes(next);
        next.layers.forEach((l, k) => {
          const f = m.layers[k]?.flips;
          if (f && l.flips) l.flips = xorSorted(f, l.flips);
        });
        this.bytes += this.momentBytes(next);
      }
      if (kept.length === this.moments.length) break;
      this.moments = kept;
    }
  }

  /**
   * The snapshot of moment `i` as the heatmaps and histograms draw it: the cell states rebuilt
   * from the last keyframe and the flips since (flipped at this moment: just cut or spliced), the
   * hand's cells marked, alive shades from the keyframe's weights.
   */
  snapshotAt(i: number): SnapshotMsg | null {
    const m = this.moments[i];
    if (!m) return null;
    const layers = m.layers.map((l, k): LayerView => {
      if (!l.flips) return l.view as LayerView;
      if (l.key && l.key.state) return { ...l.view, ...l.key };
      let j = i;
      while (j > 0 && !this.moments[j]!.layers[k]?.key) j--;
      const key = this.moments[j]!.layers[k]!.key;
      if (!key?.state) return l.view as LayerView;
      const mask = new Uint8Array(key.state.length);
      for (let c = 0; c < mask.length; c++) mask[c] = alive(key.state[c]!) ? 1 : 0;
      for (let q = j + 1; q < i; q++)
        for (const c of this.moments[q]!.layers[k]!.flips ?? []) mask[c] = 1 - mask[c]!;
      const state = new Uint8Array(mask.length);
      for (let c = 0; c < mask.length; c++) state[c] = mask[c]!;
      for (const c of l.flips) {
        mask[c] = 1 - mask[c]!;
        state[c] = mask[c] ? CELL_STATE.justSpliced : CELL_STATE.justCut;
      }
      if (l.hand) l.hand.index.forEach((c, h) => (state[c] = l.hand!.state[h]!));
      return { ...l.view, weights: key.weights!, state, shade: key.shade! };
    });
    return { ...m.snapshot, id: -1, layers };
  }
}
