import type { LatencyFigure } from '../../core/report/latency';

const NAMES: Record<LatencyFigure['variant'], string> = {
  dense: 'dense (W·x)',
  masked: 'masked dense ((W⊙T)·x)',
  'sparse-js': 'sparse (CSR in JavaScript)',
};

/** Median and p95 milliseconds per forward pass, each path at batch 1 and 64. */
export function LatencyTable(props: { figures: readonly LatencyFigure[] }) {
  return (
    <table className="compare-table" data-testid="report-latency">
      <thead>
        <tr>
          <th>path</th>
          <th className="num">batch</th>
          <th className="num">median ms</th>
          <th className="num">p95 ms</th>
          <th className="num">runs (warm-up) × calls</th>
        </tr>
      </thead>
      <tbody>
        {props.figures.map((f) => (
          <tr key={`${f.variant}-${f.batch}`}>
            <td>{NAMES[f.variant]}</td>
            <td className="num">{f.batch}</td>
            <td className="num">{f.medianMs.toFixed(3)}</td>
            <td className="num">{f.p95Ms.toFixed(3)}</td>
            <td className="num">
              {f.runs} ({f.warmup}) × {f.callsPerRun}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
