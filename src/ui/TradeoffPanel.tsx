import { TradeoffChart } from '../charts/TradeoffChart';
import { useLab } from '../state/store';
import { Card } from './Card';
import { CHART_INTERVAL_MS } from './CurvesPanel';
import { useChartData } from './chartClock';

/** Accuracy vs sparsity across the session's runs. */
export function TradeoffPanel() {
  const runs = useChartData(
    useLab((s) => s.sessionRuns),
    2 * CHART_INTERVAL_MS + 130,
  );
  const baseline = useLab((s) => s.run.baseline);
  return (
    <Card
      className="span-tradeoff"
      title="Accuracy vs sparsity"
      caption="Every run of this session: lines follow validation accuracy as weights are pruned; diamonds mark test accuracy at the end."
    >
      <TradeoffChart runs={runs} baseline={baseline} height={300} />
    </Card>
  );
}
