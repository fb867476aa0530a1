import { useLab } from '../state/store';
import { Card } from './Card';
import { formatCompression, formatInt, formatPercent, formatRate } from './format';

/** Kept / total per layer as bars, with cuts and splices per step and the overall compression. */
export function DensityPanel() {
  const info = useLab((s) => s.run.info);
  const kept = useLab((s) => s.run.kept);
  const cuts = useLab((s) => s.run.cutsPerStep);
  const splices = useLab((s) => s.run.splicesPerStep);
  const density = useLab((s) => s.run.density);
  const hand = useLab((s) => s.run.hand ?? null);
  const layers = info?.layers ?? [];
  const keptAll = layers.reduce((s, l, k) => s + (kept[k] ?? l.total), 0);
  const totalAll = layers.reduce((s, l) => s + l.total, 0);
  return (
    <Card
      className="span-density"
      title="Density per layer"
      terms={['density', 'compression']}
      caption="Weights and biases kept of each layer's total; cuts and splices per step, latest."
    >
      <div className="overall">
        <div>
          <span className="big">{formatPercent(density)}</span> kept
        </div>
        <div>
          <span className="big">{formatCompression(density)}</span> compression
        </div>
        <div className="muted">
          {formatInt(keptAll)} of {formatInt(totalAll)} weights and biases
        </div>
        {hand && (hand.cuts > 0 || hand.splices > 0 || hand.splicedBack > 0) && (
          <div className="muted" data-testid="density-hand">
            of which by hand: {formatInt(hand.cuts)} cut, {formatInt(hand.splices)} spliced (apart
            from the method&apos;s counts); {formatInt(hand.splicedBack)} hand cuts spliced back
          </div>
        )}
      </div>
      <ul className="layers">
        {layers.map((l, k) => {
          const n = kept[k] ?? l.total;
          const d = n / l.total;
          return (
            <li key={l.name}>
              <div className="layer-head">
                <strong>{l.name}</strong>
                <span>
                  <span className="cut">{formatRate(cuts[k] ?? 0)}</span> cut ·{' '}
                  <span className="splice">{formatRate(splices[k] ?? 0)}</span> spliced /step
                </span>
              </div>
              <div className="bar" role="img" aria-label={`${l.name}: ${formatPercent(d)} kept`}>
                <div className="fill" style={{ width: `${Math.max(0.4, d * 100)}%` }} />
                <span className="bar-text">
                  <b>{formatPercent(d)}</b> · {formatInt(n)} / {formatInt(l.total)}
                </span>
              </div>
              {l.note && <div className="field-hint">{l.note}</div>}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
