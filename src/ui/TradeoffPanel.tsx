import { useMemo, useState } from 'react';
import { compareRows, denseBaseline, methodCurves } from '../charts/compare/aggregate';
import { TradeoffCompareChart } from '../charts/compare/TradeoffCompareChart';
import type { XMetric } from '../charts/compare/tradeoffData';
import { XAxisSwitch } from './report/XAxisSwitch';
import { useLab } from '../state/store';
import { Card } from './Card';
import { CHART_INTERVAL_MS } from './CurvesPanel';
import { useChartData } from './chartClock';
import { useInView } from './useInView';

/**
 * Accuracy vs sparsity: the compared methods (mean and range over seeds, Pareto front) and every
 * live run of the session.
 */
export function TradeoffPanel(props: { height?: number; className?: string }) {
  const [ref, visible] = useInView<HTMLElement>();
  const idle = useLab((s) => s.run.status !== 'running');
  const runs = useChartData(
    useLab((s) => s.sessionRuns),
    2 * CHART_INTERVAL_MS + 130,
    idle,
    visible,
  );
  const results = useLab((s) => s.compareResults);
  const liveBaseline = useLab((s) => s.run.baseline);
  const { curves, baseline } = useMemo(() => {
    const rows = compareRows(results?.runs ?? []);
    return { curves: methodCurves(rows), baseline: denseBaseline(rows) };
  }, [results]);
  const compared = curves.length > 0;
  const [xMetric, setXMetric] = useState<XMetric>('sparsity');
  return (
    <Card
      ref={ref}
      className={props.className ?? 'span-tradeoff'}
      title="Accuracy vs sparsity"
      terms={['density', 'compression']}
      aside={<XAxisSwitch value={xMetric} onChange={setXMetric} />}
      caption={
        <>
          {compared && (
            <>
              Compared methods: test accuracy, mean over seeds with its range (band, bars); hollow:
              beaten by a sparser point of the same method; grey staircase: the Pareto front.{' '}
            </>
          )}
          {xMetric !== 'sparsity' && xMetric !== 'compression' && (
            <>
              MACs, bytes and latency are measured when a compare run ends (not for live runs, nor
              IMP&apos;s intermediate levels).{' '}
            </>
          )}
          Live runs: validation measurements (lighter = earlier; not joined, as nothing was measured
          between them) and a diamond at the final test accuracy.
        </>
      }
    >
      <TradeoffCompareChart
        curves={curves}
        live={runs}
        baseline={compared ? baseline : liveBaseline}
        baselineLabel={compared ? 'dense start (test)' : 'dense baseline (test)'}
        height={props.height ?? 300}
        xMetric={xMetric}
      />
    </Card>
  );
}
