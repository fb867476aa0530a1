import type { PointerEvent, RefObject } from 'react';
import { useRef } from 'react';
import { cellAt } from '../charts/heatmap/paint';
import { cellColours } from '../charts/heatmap/palette';
import { lineIndices } from '../core/pruning/handLines';
import type { LabState } from '../state/store';
import { useLab } from '../state/store';
import type { LayerInfoMsg } from '../worker/protocol';
import { CELL_STATE, HAND_CELL } from '../worker/protocol';

/** Whether a heatmap cell state is an alive connection. */
export function isAliveCell(s: number): boolean {
  return s === CELL_STATE.alive || s === CELL_STATE.justSpliced || s === HAND_CELL.handSpliced;
}

/** Whether the heatmaps take hand edits now: a pruning method's run on screen, live. */
export function handAllowed(s: LabState): boolean {
  const method = s.methods.find((m) => m.id === (s.applied ?? s.config).method);
  const st = s.run.status;
  return (
    s.run.info !== null &&
    s.run.phase === 'train' &&
    method !== undefined &&
    method.sparsity !== 'none' &&
    (st === 'ready' || st === 'paused' || st === 'running' || st === 'done') &&
    s.scrub === null &&
    s.viewing === null
  );
}

interface Brush {
  readonly action: 'cut' | 'splice';
  readonly cells: Set<number>;
  last: { input: number; unit: number };
}

/**
 * Hand surgery on one heatmap: a click cuts an alive connection or splices a pruned one; dragging
 * brushes more of them (the first cell decides cut or splice); Shift+click takes the unit's whole
 * row (all its inputs), Alt+click the input's whole column (all units). The edit goes to the
 * worker on release; the brushed cells are marked on the overlay meanwhile.
 */
export function useHandBrush(
  layer: LayerInfoMsg,
  index: number,
  overlay: RefObject<HTMLCanvasElement | null>,
) {
  const brush = useRef<Brush | null>(null);
  const enabled = useLab(handAllowed);
  const theme = useLab((s) => s.theme);
  const cellOf = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = Math.min(Math.max(0, e.clientX - r.left), r.width - 0.01);
    const y = Math.min(Math.max(0, e.clientY - r.top), r.height - 0.01);
    return cellAt(x, y, r.width, r.height, layer.rows, layer.cols);
  };
  const mark = (cells: readonly { input: number; unit: number }[], action: Brush['action']) => {
    const o = overlay.current;
    const ctx = o?.getContext('2d');
    if (!o || !ctx) return;
    const dpr = o.width / Math.max(1, o.clientWidth || o.width);
    const s = o.width / dpr / layer.rows;
    const c = cellColours(theme);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = action === 'cut' ? c.handCut : c.handSpliced;
    const side = Math.max(2, s);
    for (const p of cells)
      ctx.fillRect(p.input * s + s / 2 - side / 2, p.unit * s + s / 2 - side / 2, side, side);
  };
  if (!enabled) return { 'data-hand': 'off' as const };
  return {
    'data-hand': 'on' as const,
    onPointerDown(e: PointerEvent<HTMLCanvasElement>) {
      if (e.button !== 0) return;
      const c = cellOf(e);
      const s = useLab.getState();
      const state = s.snapshot?.layers[index]?.state;
      if (!c || !state || state[c.index] === undefined) return;
      e.preventDefault();
      const action = isAliveCell(state[c.index]!) ? 'cut' : 'splice';
      if (e.shiftKey || e.altKey) {
        const line = e.shiftKey ? { unit: c.unit } : { input: c.input };
        s.handEdit(index, Array.from(lineIndices(layer, line)), action);
        return;
      }
      e.currentTarget.setPointerCapture?.(e.pointerId);
      brush.current = { action, cells: new Set([c.index]), last: c };
      mark([c], action);
    },
    onPointerMove(e: PointerEvent<HTMLCanvasElement>) {
      const b = brush.current;
      const c = b && cellOf(e);
      if (!b || !c) return;
      // Every cell on the way from the last one, so a fast stroke leaves no gaps.
      const n = Math.max(Math.abs(c.input - b.last.input), Math.abs(c.unit - b.last.unit));
      const added: { input: number; unit: number }[] = [];
      for (let t = 1; t <= n; t++) {
        const input = Math.round(b.last.input + ((c.input - b.last.input) * t) / n);
        const unit = Math.round(b.last.unit + ((c.unit - b.last.unit) * t) / n);
        const i = input * layer.cols + unit;
        if (!b.cells.has(i)) {
          b.cells.add(i);
          added.push({ input, unit });
        }
      }
      b.last = c;
      mark(added, b.action);
    },
    onPointerUp() {
      const b = brush.current;
      brush.current = null;
      if (b) useLab.getState().handEdit(index, [...b.cells], b.action);
    },
    onPointerCancel() {
      brush.current = null;
    },
  };
}
