import { HistogramChart } from '../charts/HistogramChart';
import { useLab } from '../state/store';
import { Card } from './Card';
import { useChartData } from './chartClock';
import { CHART_INTERVAL_MS } from './CurvesPanel';

/** Per-layer |w| histograms with the cut and splice thresholds. */
export function HistogramPanel() {
  const layers = useLab((s) => s.run.info?.layers);
  return (
    <Card
      className="span-hist"
      title="Weight magnitudes"
      caption={
        <>
          |w| per layer (log counts): dark alive, grey pruned. Alive weights at or below the{' '}
          <span className="cut">cut threshold a</span> are cut; pruned ones past the{' '}
          <span className="splice">splice threshold b</span> (dashed) come back.
        </>
      }
    >
      <div className="histograms">
        {(layers ?? []).map((l, k) => (
          <HistogramFigure key={`${k}:${l.name}`} index={k} name={l.name} />
        ))}
      </div>
    </Card>
  );
}

/** One layer's histogram, refreshed on its own beat of the chart clock. */
function HistogramFigure(props: { index: number; name: string }) {
  const view = useChartData(
    useLab((s) => s.snapshot?.layers[props.index] ?? null),
    2 * CHART_INTERVAL_MS,
  );
  const th = view?.thresholds;
  return (
    <figure className="histogram">
      <figcaption>
        <strong>{props.name}</strong>
        {th && (
          <span>
            {' '}
            <span className="cut">a = {th.a.toPrecision(3)}</span>,{' '}
            <span className="splice">b = {th.b.toPrecision(3)}</span>
          </span>
        )}
      </figcaption>
      {view ? (
        <HistogramChart histogram={view.histogram} thresholds={view.thresholds} height={170} />
      ) : (
        <div className="placeholder" style={{ height: 170 }} />
      )}
    </figure>
  );
}
