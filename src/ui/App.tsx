import { CompareView } from './compare/CompareView';
import { SensitivityPanel } from './compare/SensitivityPanel';
import { TabPanel, ViewTabs } from './compare/ViewTabs';
import { Controls } from './Controls';
import { ConfirmDialog } from './ConfirmDialog';
import { CurvesPanel } from './CurvesPanel';
import { DecisionBoundaryPanel } from './DecisionBoundaryPanel';
import { DensityPanel } from './DensityPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { HeatmapPanel } from './HeatmapPanel';
import { HistogramPanel } from './HistogramPanel';
import { HoverCard } from './HoverCard';
import { Notices } from './Notices';
import { ReceptiveFieldPanel } from './ReceptiveFieldPanel';
import { TopBar } from './TopBar';
import { TradeoffPanel } from './TradeoffPanel';
import { UploadPreview } from './upload/UploadPreview';
import { useKeyboard } from './useKeyboard';

/** The lab: settings on the left; the live run, compare mode or layer sensitivity on the right. */
export function App() {
  useKeyboard();
  return (
    <ErrorBoundary where="Pruning Lab">
      <TopBar />
      <Notices />
      <div className="layout">
        <Controls />
        <main className="views">
          <ViewTabs />
          <UploadPreview />
          <TabPanel tab="live">
            <HeatmapPanel />
            <DensityPanel />
            <DecisionBoundaryPanel />
            <CurvesPanel />
            <HistogramPanel />
            <ReceptiveFieldPanel />
            <TradeoffPanel />
          </TabPanel>
          <TabPanel tab="compare">
            <CompareView />
          </TabPanel>
          <TabPanel tab="sensitivity">
            <SensitivityPanel />
          </TabPanel>
        </main>
      </div>
      <HoverCard />
      <ConfirmDialog />
    </ErrorBoundary>
  );
}
