import type { XMetric } from '../../charts/compare/tradeoffData';
import { X_METRICS } from '../../charts/compare/tradeoffData';

const NAMES: Record<XMetric, string> = {
  sparsity: 'sparsity',
  compression: 'compression',
  macs: 'MACs',
  bytes: 'bytes',
  latency: 'latency',
};

/** Chooses what the trade-off chart's x-axis shows. */
export function XAxisSwitch(props: { value: XMetric; onChange: (m: XMetric) => void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label="x-axis">
      {X_METRICS.map((m) => (
        <button
          key={m}
          type="button"
          role="radio"
          aria-checked={props.value === m}
          className={props.value === m ? 'is-active' : ''}
          data-testid={`x-axis-${m}`}
          onClick={() => props.onChange(m)}
        >
          {NAMES[m]}
        </button>
      ))}
    </div>
  );
}
