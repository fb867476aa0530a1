import { useRef } from 'react';
import { changedCells, drawHalos } from '../charts/heatmap/halos';
import { cellAt, drawLayer, fitScale } from '../charts/heatmap/paint';
import { cellColours, lutFor } from '../charts/heatmap/palette';
import { useLab } from '../state/store';
import type { LayerInfoMsg } from '../worker/protocol';
import { heatmapAlt } from './altText';
import { formatInt } from './format';
import { useSnapshotDraw } from './useSnapshotDraw';
import { useHandBrush } from './useHandBrush';

/** Colours for every (state, shade) in the light theme, built once. */
export const LUT = lutFor('light');

/**
 * One layer's connections on a canvas, one pixel each (x = input, y = unit), with hover, and
 * rings on an overlay around the connections that just changed.
 */
export function HeatmapCanvas(props: {
  layer: LayerInfoMsg;
  index: number;
  width: number;
  maxHeight: number;
}) {
  const { layer, index } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const setHover = useLab((s) => s.setHover);
  const hand = useHandBrush(layer, index, overlay); // hand surgery: click or brush to cut/splice
  const theme = useLab((s) => s.theme);
  const s = fitScale(layer.rows, layer.cols, props.width, props.maxHeight);
  const cssW = Math.round(layer.rows * s);
  const cssH = Math.max(1, Math.round(layer.cols * s));
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  useSnapshotDraw((snap) => {
    const l = snap.layers[index];
    const ctx = canvas.current?.getContext('2d');
    if (!l?.state || !l.shade || !ctx || l.rows !== layer.rows || l.cols !== layer.cols)
      return false;
    const cells = { rows: l.rows, cols: l.cols, state: l.state, shade: l.shade };
    drawLayer(ctx, cells, lutFor(theme));
    // The figures the pixels show, for screen readers (set here: React does not redraw per snapshot).
    canvas.current?.setAttribute('aria-label', heatmapAlt(layer.name, l.rows, l.cols, l));
    const o = overlay.current?.getContext('2d');
    if (o) {
      o.setTransform(dpr, 0, 0, dpr, 0, 0);
      o.clearRect(0, 0, cssW, cssH);
      const changed = changedCells(cells);
      if (changed && s < 4)
        drawHalos(o, changed, s, {
          cut: cellColours(theme).justCut,
          spliced: cellColours(theme).justSpliced,
        });
    }
    return true;
  }, `${index}:${layer.rows}x${layer.cols}:${cssW}x${cssH}@${dpr}:${theme}`);
  return (
    <figure className="heatmap">
      <figcaption>
        <strong>{layer.name}</strong> {formatInt(layer.rows)} inputs × {formatInt(layer.cols)} units
        · {formatInt(layer.rows * layer.cols)} connections
        {layer.note && <span className="layer-note"> · {layer.note}</span>}
      </figcaption>
      <div className="heatmap-box" style={{ width: `${cssW}px`, height: `${cssH}px` }}>
        <canvas
          ref={canvas}
          data-testid="heatmap"
          data-layer={layer.name}
          {...hand}
          role="img"
          aria-label={heatmapAlt(layer.name, layer.rows, layer.cols)}
          width={layer.rows}
          height={layer.cols}
          style={{
            width: `${cssW}px`,
            height: `${cssH}px`,
            imageRendering: s >= 1 ? 'pixelated' : 'auto',
          }}
          onMouseMove={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            const c = cellAt(
              e.clientX - r.left,
              e.clientY - r.top,
              r.width,
              r.height,
              layer.rows,
              layer.cols,
            );
            setHover(c ? { layer: index, ...c, x: e.clientX, y: e.clientY } : null);
          }}
          onMouseLeave={() => setHover(null)}
        />
        <canvas
          ref={overlay}
          className="halos"
          aria-hidden="true"
          width={Math.round(cssW * dpr)}
          height={Math.round(cssH * dpr)}
          style={{ width: `${cssW}px`, height: `${cssH}px` }}
        />
      </div>
    </figure>
  );
}
