import { useMemo } from 'react';
import { layerOverlaps } from '../../state/runs/maskOverlap';
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
                <th scope="row">{view?.layers[k]?.name ?? `layer ${k + 1}`}</th>
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
    </div>
  );
}
