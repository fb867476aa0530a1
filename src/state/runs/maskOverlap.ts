/** A layer's cells as the heatmaps get them: `state` odd where a weight is kept (1 alive, 3 just spliced). */
interface Cells {
  readonly name: string;
  readonly state?: Uint8Array;
}

/** Where two runs' weight masks of one layer agree and differ. */
export interface LayerOverlap {
  readonly name: string;
  /** Jaccard index |A∩B| / |A∪B| of the kept weights (1 when both keep nothing). */
  readonly jaccard: number;
  /** Weights kept by both, by the source only, by the live run only, and by neither. */
  readonly both: number;
  readonly sourceOnly: number;
  readonly liveOnly: number;
  readonly neither: number;
}

/**
 * Per-layer overlap of the source run's weight masks and the live run's (the same Jaccard index
 * as core/pruning/maskSet.ts, on the snapshot cells the page already has, so the page needs no
 * tfjs); null for a layer whose cells either side lacks or whose sizes differ.
 */
export function layerOverlaps(
  source: readonly Cells[],
  live: readonly Cells[],
): (LayerOverlap | null)[] {
  return source.map((s, k) => {
    const a = s.state;
    const b = live[k]?.state;
    if (!a || !b || a.length !== b.length) return null;
    let both = 0;
    let sourceOnly = 0;
    let liveOnly = 0;
    for (let i = 0; i < a.length; i++) {
      const x = a[i]! & 1;
      const y = b[i]! & 1;
      if (x && y) both++;
      else if (x) sourceOnly++;
      else if (y) liveOnly++;
    }
    const either = both + sourceOnly + liveOnly;
    return {
      name: s.name,
      jaccard: either === 0 ? 1 : both / either,
      both,
      sourceOnly,
      liveOnly,
      neither: a.length - either,
    };
  });
}

/** Colours of the overlap map: both keep, source only, this run only, neither (Okabe & Ito). */
export const OVERLAP_COLOURS = {
  both: [42, 42, 42],
  sourceOnly: [213, 94, 0],
  liveOnly: [0, 114, 178],
  neither: [232, 232, 232],
} as const;

/**
 * RGBA pixels of one layer's overlap map, one pixel per weight in the heatmap's layout: where the
 * two runs' masks agree (dark: both keep; light: both prune) and where they differ (vermillion:
 * only the source keeps it; blue: only this run does). Null where either side lacks cells.
 */
export function overlapPixels(
  a?: Uint8Array,
  b?: Uint8Array,
): Uint8ClampedArray<ArrayBuffer> | null {
  if (!a || !b || a.length !== b.length) return null;
  const px = new Uint8ClampedArray(new ArrayBuffer(a.length * 4));
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! & 1;
    const y = b[i]! & 1;
    const c =
      x && y
        ? OVERLAP_COLOURS.both
        : x
          ? OVERLAP_COLOURS.sourceOnly
          : y
            ? OVERLAP_COLOURS.liveOnly
            : OVERLAP_COLOURS.neither;
    px.set([c[0], c[1], c[2], 255], 4 * i);
  }
  return px;
}
