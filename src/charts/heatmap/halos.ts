import { CELL_STATE } from '../../worker/protocol';
import type { Cells } from './paint';

/** Past this many changed connections in one frame, rings would cover the map: none are drawn. */
export const MAX_HALOS = 1500;

/** Cells cut or spliced since the previous frame, as (input, unit, state); null when too many. */
export function changedCells(
  c: Pick<Cells, 'rows' | 'cols' | 'state'>,
): { input: number; unit: number; state: number }[] | null {
  const out: { input: number; unit: number; state: number }[] = [];
  const { state, cols } = c;
  for (let k = 0; k < state.length; k++) {
    const s = state[k]!;
    if (s === CELL_STATE.justCut || s === CELL_STATE.justSpliced) {
      if (out.length >= MAX_HALOS) return null;
      out.push({ input: Math.floor(k / cols), unit: k % cols, state: s });
    }
  }
  return out;
}

/**
 * Rings around the connections that just changed, on an overlay drawn at screen resolution: a
 * single cut among 235,200 pixels is otherwise too small to see.
 */
export function drawHalos(
  ctx: CanvasRenderingContext2D,
  cells: readonly { input: number; unit: number; state: number }[],
  pxPerCell: number,
  colours: { cut: string; spliced: string },
): void {
  const r = Math.max(3, pxPerCell * 0.9);
  ctx.lineWidth = Math.max(1.5, r / 3);
  for (const state of [CELL_STATE.justCut, CELL_STATE.justSpliced]) {
    ctx.strokeStyle = state === CELL_STATE.justCut ? colours.cut : colours.spliced;
    ctx.beginPath();
    for (const c of cells) {
      if (c.state !== state) continue;
      const x = (c.input + 0.5) * pxPerCell;
      const y = (c.unit + 0.5) * pxPerCell;
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.stroke();
  }
}
