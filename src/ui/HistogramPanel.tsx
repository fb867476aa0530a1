import type { ReactNode } from 'react';
import { HistogramChart } from '../charts/HistogramChart';
import type { LayerThresholds } from '../core/pruning/types';
import { useLab } from '../state/store';
import type { MethodInfo } from '../worker/protocol';
import { Card } from './Card';
import { useChartData } from './chartClock';
import { useInView } from './useInView';
import { CHART_INTERVAL_MS } from './CurvesPanel';
import { histogramAlt } from './altText';
import { formatWeight } from './format';

/** What the lines on the histograms mean for the run's method. */
function caption(m: MethodInfo | undefined): ReactNode {
  const base = '|w| per layer (log counts): dark alive, grey pruned.';
  if (!m || m.sparsity === 'none') return `${base} The dense baseline prunes nothing.`;
  if (m.sparsity === 'threshold')
    return (
      <>
        {base} Alive weights at or below the <span className="cut">cut threshold a</span> are cut;
        pruned ones past the <span className="splice">splice threshold b</span> (dashed) come back.
        Before the first step the lines show where the first cut will fall.
      </>
    );
  return (
    <>
      {base} Where a method ranks by |w|, the <span className="cut">line</span> is the smallest |w|
      it keeps (the k-th largest of the layer): the alive weights just right of it go next
      {m.canRegrow ? ', and regrown ones start at zero' : ''}. Methods that rank by another score,
      or prune by pattern, draw no line.
    </>
  );
}

/** Per-layer |w| histograms with the method's thresholds. */
export function HistogramPanel() {
  const layers = useLab((s) => s.run.info?.layers);
  const method = useLab((s) => s.methods.find((m) => m.id === (s.applied ?? s.config).method));
  return (
    <Card
      className="span-hist"
      title="Weight magnitudes"
      terms={['saliency', 'thresholds', 'hysteresis']}
      caption={caption(method)}
    >
      <div className="histograms">
        {(layers ?? []).map((l, k) => (
          <HistogramFigure key={`${k}:${l.name}`} index={k} name={l.name} />
        ))}
      </div>
    </Card>
  );
}

/** The numbers beside a layer's name: a and b, or the one magnitude threshold. */
function ThresholdLabel(props: { th: LayerThresholds }) {
  const { th } = props;
  if (th.a === th.b)
    return (
      <span className="cut" title="the smallest |w| kept in this layer">
        {' '}
        keeps |w| ≥ {formatWeight(th.a)}
      </span>
    );
  return (
    <span>
      {' '}
      <span className="cut">a = {th.a.toPrecision(3)}</span>,{' '}
      <span className="splice">b = {th.b.toPrecision(3)}</span>
    </span>
  );
}

/** One layer's histogram, refreshed on its own beat of the chart clock (at once when idle). */
function HistogramFigure(props: { index: number; name: string }) {
  const [ref, visible] = useInView<HTMLElement>();
  const idle = useLab((s) => s.run.status !== 'running');
  const view = useChartData(
    useLab((s) => s.snapshot?.layers[props.index] ?? null),
    2 * CHART_INTERVAL_MS,
    idle,
    visible,
  );
  const th = view?.thresholds;
  return (
    <figure ref={ref} className="histogram" data-testid="histogram">
      <figcaption>
        <strong>{props.name}</strong>
        {th && <ThresholdLabel th={th} />}
      </figcaption>
      {view ? (
        <div role="img" aria-label={histogramAlt(props.name, view.histogram, view.thresholds)}>
          <HistogramChart histogram={view.histogram} thresholds={view.thresholds} height={170} />
        </div>
      ) : (
        <div className="placeholder" style={{ height: 170 }} />
      )}
    </figure>
  );
}
