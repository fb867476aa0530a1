import { describe, expect, it } from 'vitest';
import { OVERLAP_COLOURS, overlapPixels } from '../../../src/state/runs/maskOverlap';

describe('the overlap map', () => {
  it('colours each weight by where two masks agree and differ', () => {
    // cell states as the heatmaps have them: odd = kept (1 alive, 3 just spliced), even = pruned
    const source = new Uint8Array([1, 1, 0, 0, 3, 2]);
    const live = new Uint8Array([1, 0, 1, 0, 1, 0]);
    const px = overlapPixels(source, live)!;
    const at = (i: number) => [...px.slice(4 * i, 4 * i + 3)];
    expect(at(0)).toEqual([...OVERLAP_COLOURS.both]);
    expect(at(1)).toEqual([...OVERLAP_COLOURS.sourceOnly]);
    expect(at(2)).toEqual([...OVERLAP_COLOURS.liveOnly]);
    expect(at(3)).toEqual([...OVERLAP_COLOURS.neither]);
    expect(at(4)).toEqual([...OVERLAP_COLOURS.both]); // just spliced counts as kept
    expect(at(5)).toEqual([...OVERLAP_COLOURS.neither]); // just cut counts as pruned
    for (let i = 0; i < 6; i++) expect(px[4 * i + 3]).toBe(255);
  });

  it('draws nothing where a side lacks cells or the sizes differ', () => {
    expect(overlapPixels(undefined, new Uint8Array(2))).toBeNull();
    expect(overlapPixels(new Uint8Array(3), new Uint8Array(2))).toBeNull();
  });
});
