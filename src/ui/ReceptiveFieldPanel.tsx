import { useMemo, useRef } from 'react';
import { GAP_COLOUR, GAP_COLOUR_DARK, hexToRgb, lutFor, packRgba } from '../charts/heatmap/palette';
import { fieldAt, fieldGrid, paintFields } from '../charts/heatmap/receptiveFields';
import { useLab } from '../state/store';
import { Card } from './Card';
import { useElementWidth } from './useElementWidth';
import { useInView } from './useInView';
import { useSnapshotDraw } from './useSnapshotDraw';

const BACKGROUND = {
  light: packRgba(hexToRgb(GAP_COLOUR)),
  dark: packRgba(hexToRgb(GAP_COLOUR_DARK)),
};
/** Tallest the tiles are shown, in CSS pixels. */
const MAX_HEIGHT_PX = 560;

/** Each first-layer unit's incoming connections laid out as the input image. */
export function ReceptiveFieldPanel() {
  const shape = useLab((s) => s.run.info?.fieldShape ?? null);
  const first = useLab((s) => s.run.info?.layers[0]);
  const setHover = useLab((s) => s.setHover);
  const theme = useLab((s) => s.theme);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [ref, width] = useElementWidth<HTMLDivElement>();
  // Painting every tile takes ~10 ms a snapshot: skipped while the card is out of view and the
  // run trains (a paused or finished run is drawn wherever it is: screenshots, print).
  const [viewRef, inView] = useInView<HTMLElement>();
  const visible = useLab((s) => s.run.status !== 'running') || inView;
  // One pixel per weight when the tiles fit the card's width; otherwise scaled down.
  const fitWidth = width > 0 ? width : 600;
  const grid = useMemo(() => {
    if (!shape || !first) return null;
    const fitted = fieldGrid(first.cols, shape, 2, fitWidth);
    // Large tiles (uploads of 64×64 images, say) would stack into a thin column shrunk to a
    // sliver: a near-square layout scaled down shows them better.
    const shrink = Math.min(fitWidth / fitted.width, MAX_HEIGHT_PX / fitted.height);
    return shrink < 0.5 ? fieldGrid(first.cols, shape, 2) : fitted;
  }, [shape, first, fitWidth]);
  // A first layer past the worker's cell budget comes with histograms only: nothing to draw.
  const noCells = useLab((s) => !!s.snapshot && !s.snapshot.layers[0]?.state);
  useSnapshotDraw(
    (snap) => {
      const l = snap.layers[0];
      const ctx = canvas.current?.getContext('2d');
      if (!grid || !ctx || !l?.state || !l.shade || l.cols !== grid.units) return false;
      const img = ctx.createImageData(grid.width, grid.height);
      paintFields(
        new Uint32Array(img.data.buffer),
        grid,
        { rows: l.rows, cols: l.cols, state: l.state, shade: l.shade },
        lutFor(theme),
        BACKGROUND[theme],
      );
      ctx.putImageData(img, 0, 0);
      return true;
    },
    grid ? `${grid.perRow}:${grid.width}x${grid.height}:${theme}` : 'none',
    visible,
  );
  if (!grid || !first || noCells) return null;
  const scale = width > 0 ? Math.min(width / grid.width, MAX_HEIGHT_PX / grid.height, 12) : 1;
  return (
    <Card
      ref={viewRef}
      className="span-fields"
      title={`What each ${first.name} unit sees`}
      caption={`Each tile is one unit's ${shape![0]}×${shape![1]} incoming weights laid out like the input: pruned pixels are ones the unit no longer looks at.`}
    >
      <div ref={ref} className="fields">
        <canvas
          ref={canvas}
          data-testid="receptive-fields"
          role="img"
          aria-label={`${first.cols} tiles, one per ${first.name} unit: its ${shape![0]}×${shape![1]} incoming weights, pruned ones in the page colour.`}
          width={grid.width}
          height={grid.height}
          style={{
            width: `${Math.round(grid.width * scale)}px`,
            height: `${Math.round(grid.height * scale)}px`,
            imageRendering: scale >= 1 ? 'pixelated' : 'auto',
          }}
          onMouseMove={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            const at = fieldAt(
              grid,
              ((e.clientX - r.left) / r.width) * grid.width,
              ((e.clientY - r.top) / r.height) * grid.height,
            );
            setHover(
              at
                ? {
                    layer: 0,
                    input: at.input,
                    unit: at.unit,
                    index: at.input * first.cols + at.unit,
                    x: e.clientX,
                    y: e.clientY,
                  }
                : null,
            );
          }}
          onMouseLeave={() => setHover(null)}
        />
      </div>
    </Card>
  );
}
