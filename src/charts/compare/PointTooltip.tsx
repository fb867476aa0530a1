import type { ChartPoint } from './tradeoffData';

const f2 = (v: number) => `${v.toFixed(2)}%`;

/** What hovering a point of the accuracy-vs-density chart says (recharts passes the props). */
export function PointTooltip(props: {
  active?: boolean;
  payload?: readonly { name?: unknown; payload?: unknown }[];
}) {
  const item = props.active ? props.payload?.[0] : undefined;
  const p = item?.payload as
    (Partial<ChartPoint> & { density: number; accuracy: number }) | undefined;
  if (!item || !p || typeof p.density !== 'number') return null;
  const pt = p.point;
  return (
    <div className="chart-tip" role="tooltip">
      <strong>{String(item.name ?? '')}</strong>
      {pt && (
        <div>
          {pt.target === null ? 'its own sparsity' : `target ${f2(100 * pt.target)} sparse`} ·{' '}
          {pt.seeds} seed{pt.seeds === 1 ? '' : 's'}
        </div>
      )}
      <div>
        test accuracy {f2(p.accuracy)}
        {p.band && p.band[1] > p.band[0] && (
          <span className="muted">
            {' '}
            ({f2(p.band[0])}–{f2(p.band[1])})
          </span>
        )}
      </div>
      <div>
        {f2(p.density)} of weights kept ({f2(100 - p.density)} sparse)
      </div>
      {pt && !pt.onFront && (
        <div className="muted">beaten by a sparser point of the same method</div>
      )}
    </div>
  );
}
