import { AccuracyChart } from '../charts/AccuracyChart';
import { CutsChart } from '../charts/CutsChart';
import { LossChart } from '../charts/LossChart';
import { useMemo } from 'react';
import { thin } from '../charts/series';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../state/store';
import { Card } from './Card';
import { useChartData } from './chartClock';
import { formatInt } from './format';
import { useInView } from './useInView';

/** Charts redraw at most this often (metrics arrive up to ten times a second). */
export const CHART_INTERVAL_MS = 1000;
/** Points drawn per line (the store keeps up to SERIES_CAP). */
export const CHART_POINTS = 200;

/**
 * The training series thinned for drawing, refreshed every `ms` (each chart on its own beat; less
 * often while the chart is out of view).
 */
function useTrain(ms: number, visible: boolean) {
  const idle = useLab((s) => s.run.status !== 'running');
  const train = useChartData(
    useLab((s) => s.run.train),
    ms,
    idle,
    visible,
  );
  return useMemo(() => thin(train, CHART_POINTS), [train]);
}

/** Loss; accuracy and density; cuts and splices: all over steps. */
export function CurvesPanel() {
  return (
    <>
      <AccuracyCard />
      <LossCard />
      <CutsCard />
    </>
  );
}

function AccuracyCard() {
  const [ref, visible] = useInView<HTMLElement>();
  const idle = useLab((s) => s.run.status !== 'running');
  const series = useChartData(
    useLab(useShallow((s) => ({ train: s.run.train, validation: s.run.validation }))),
    CHART_INTERVAL_MS,
    idle,
    visible,
  );
  const train = useMemo(() => thin(series.train, CHART_POINTS), [series.train]);
  const validation = series.validation;
  const baseline = useLab((s) => s.run.baseline);
  const limit = useLab((s) => s.run.info?.validationLimit ?? 1000);
  const projector = useLab((s) => s.projector);
  return (
    <Card
      ref={ref}
      className="span-curve card-accuracy"
      title="Accuracy and density"
      caption={`Training-batch and validation accuracy (${formatInt(limit)} fixed examples), and the share of weights kept; dashed: the dense start.`}
    >
      <AccuracyChart
        train={train}
        validation={validation}
        baseline={baseline}
        height={projector ? 420 : 230}
      />
    </Card>
  );
}

function LossCard() {
  const [ref, visible] = useInView<HTMLElement>();
  const train = useTrain(CHART_INTERVAL_MS + 70, visible);
  return (
    <Card
      ref={ref}
      className="span-curve"
      title="Loss"
      caption="Training cross-entropy, averaged between points."
    >
      <LossChart data={train} height={230} />
    </Card>
  );
}

function CutsCard() {
  const [ref, visible] = useInView<HTMLElement>();
  const train = useTrain(CHART_INTERVAL_MS + 140, visible);
  const regrow = useLab(
    (s) => s.methods.find((m) => m.id === (s.applied ?? s.config).method)?.canRegrow ?? true,
  );
  return (
    <Card
      ref={ref}
      className="span-curve"
      title={regrow ? 'Cuts and splices' : 'Cuts'}
      terms={regrow ? ['cut', 'splice', 'iterStop'] : ['cut']}
      caption={
        regrow
          ? 'Connections cut and spliced back per step (log scale): this method keeps revising its masks.'
          : 'Connections cut per step (log scale); this method never brings a cut one back.'
      }
    >
      <CutsChart data={train} height={230} splices={regrow} />
    </Card>
  );
}
