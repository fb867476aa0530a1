import { useEffect, useMemo, useRef } from 'react';
import { layerOverlaps, OVERLAP_COLOURS, overlapPixels } from '../../state/runs/maskOverlap';
import { useLab } from '../../state/store';
import { formatPercent } from '../format';

/**
 * Over the live views of a fixed-mask run: whose masks it trains under and from which start,
 * and per layer how far its masks agree with the source's (Jaccard index of the kept weights).
 */
export function MaskSourceNote() {
  const from = useLab((s) => s.maskFrom);
  const view = useLab((s) => s.maskFromView);
  const snapshot = useLab((s) => s.snapshot);
  const overlaps = useMemo(
    () => (view && snapshot ? layerOverlaps(view.layers, snapshot.layers) : null),
    [view, snapshot],
  );
  if (!from) return null;
  return (
    <div className="notice info" role="status" data-testid="masks-note">
      <p>
        Trains under the masks of <strong>{from.name}</strong> (saved at step{' '}
        {from.step.toLocaleString('en-US')}), kept fixed (method “Fixed mask”), starting from{' '}
        {from.reinit
          ? 'a fresh initialisation (the lottery-ticket reinit control)'
          : 'the dense start of these settings'}
        .{' '}
        <button type="button" onClick={() => useLab.getState().dropMaskSource()}>
          Back to its own method
        </button>
      </p>
      {overlaps && (
        <table className="mask-overlap" data-testid="mask-overlap">
          <caption>Overlap with the source’s masks per layer (kept weights, Jaccard)</caption>
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">Jaccard</th>
              <th scope="col" className="num">
                Both keep
              </th>
              <th scope="col" className="num">
                Source only
              </th>
              <th scope="col" className="num">
                This run only
              </th>
            </tr>
          </thead>
          <tbody>
            {overlaps.map((o, k) => (
              <tr key={k} data-testid="mask-overlap-layer">
                <th scope="row">
                  {view?.layers[k]?.name ?? `layer ${k + 1}`}
                  <OverlapMap
                    a={view?.layers[k]?.state}
                    b={snapshot?.layers[k]?.state}
                    rows={snapshot?.layers[k]?.rows ?? 0}
                    cols={snapshot?.layers[k]?.cols ?? 0}
                    label={
                      o
                        ? `${formatPercent(o.jaccard)} overlap: ${o.both} kept by both, ${o.sourceOnly} by the source only, ${o.liveOnly} by this run only`
                        : ''
                    }
                  />
                </th>
                {o ? (
                  <>
                    <td>
                      <span className="overlap-bar" aria-hidden="true">
                        <span style={{ width: `${(o.jaccard * 100).toFixed(1)}%` }} />
                      </span>{' '}
                      <span data-testid="mask-overlap-value">{formatPercent(o.jaccard)}</span>
                    </td>
                    <td className="num">{o.both.toLocaleString('en-US')}</td>
                    <td className="num">{o.sourceOnly.toLocaleString('en-US')}</td>
                    <td className="num">{o.liveOnly.toLocaleString('en-US')}</td>
                  </>
                ) : (
                  <td colSpan={4}>too large to compare here</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {overlaps && (
        <ul className="legend overlap-legend" aria-label="Overlap map colours">
          {(
            [
              ['both', 'both keep'],
              ['sourceOnly', 'source only'],
              ['liveOnly', 'this run only'],
              ['neither', 'both pruned'],
            ] as const
          ).map(([k, text]) => (
            <li key={k}>
              <span
                className="swatch"
                style={{ background: `rgb(${OVERLAP_COLOURS[k].join(',')})` }}
              />
              {text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One layer's overlap map: a pixel per weight, in the heatmap's layout (inputs down, units across). */
function OverlapMap(props: {
  a?: Uint8Array;
  b?: Uint8Array;
  rows: number;
  cols: number;
  label: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const px = useMemo(() => overlapPixels(props.a, props.b), [props.a, props.b]);
  const fits = px !== null && props.rows * props.cols === px.length / 4;
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx && px && fits) ctx.putImageData(new ImageData(px, props.cols, props.rows), 0, 0);
  }, [px, fits, props.rows, props.cols]);
  if (!fits) return null;
  // Small layers are blown up (whole pixels) so each weight can be seen; large ones fit 240×160.
  const scale = Math.max(
    1,
    Math.min(8, Math.floor(240 / props.cols), Math.floor(160 / props.rows)),
  );
  return (
    <canvas
      ref={canvas}
      className="overlap-map"
      data-testid="mask-overlap-map"
      width={props.cols}
      height={props.rows}
      style={{ width: props.cols * scale, height: props.rows * scale }}
      role="img"
      aria-label={props.label}
    />
  );
}
