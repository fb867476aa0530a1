import { describe, expect, it } from 'vitest';
import { changedCells, MAX_HALOS } from '../../src/charts/heatmap/halos';
import { CELL_STATE } from '../../src/worker/protocol';

describe('halos', () => {
  it('finds the connections that just changed, by input and unit', () => {
    const state = new Uint8Array(6).fill(CELL_STATE.alive);
    state[1 * 3 + 2] = CELL_STATE.justCut; // input 1, unit 2
    state[0] = CELL_STATE.justSpliced;
    expect(changedCells({ rows: 2, cols: 3, state })).toEqual([
      { input: 0, unit: 0, state: CELL_STATE.justSpliced },
      { input: 1, unit: 2, state: CELL_STATE.justCut },
    ]);
  });

  it('draws none when a frame changes too much to ring (the first DNS cut)', () => {
    const state = new Uint8Array(MAX_HALOS + 1).fill(CELL_STATE.justCut);
    expect(changedCells({ rows: MAX_HALOS + 1, cols: 1, state })).toBeNull();
  });
});
