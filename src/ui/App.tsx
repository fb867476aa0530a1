import { Controls } from './Controls';
import { ConfirmDialog } from './ConfirmDialog';
import { CurvesPanel } from './CurvesPanel';
import { DensityPanel } from './DensityPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { HeatmapPanel } from './HeatmapPanel';
import { HistogramPanel } from './HistogramPanel';
import { HoverCard } from './HoverCard';
import { Notices } from './Notices';
import { ReceptiveFieldPanel } from './ReceptiveFieldPanel';
import { TopBar } from './TopBar';
import { TradeoffPanel } from './TradeoffPanel';
import { useKeyboard } from './useKeyboard';

/** The live lab: settings on the left, the run's views on the right. */
export function App() {
  useKeyboard();
  return (
    <ErrorBoundary where="Pruning Lab">
      <TopBar />
      <Notices />
      <div className="layout">
        <Controls />
        <main className="views">
          <HeatmapPanel />
          <DensityPanel />
          <CurvesPanel />
          <HistogramPanel />
          <ReceptiveFieldPanel />
          <TradeoffPanel />
        </main>
      </div>
      <HoverCard />
      <ConfirmDialog />
    </ErrorBoundary>
  );
}
