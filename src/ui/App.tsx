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
import { LiveView } from './LiveView';
import { LessonPanel } from './LessonPanel';
import { Notices } from './Notices';
import { StepExplain } from './StepExplain';
import { ReceptiveFieldPanel } from './ReceptiveFieldPanel';
import { ReportView } from './report/ReportView';
import { TimeScrubber } from './TimeScrubber';
import { TopBar } from './TopBar';
import { TradeoffPanel } from './TradeoffPanel';
import { UploadPreview } from './upload/UploadPreview';
import { RunsView } from './runs/RunsView';
import { SavedRunBar } from './runs/SavedRunBar';
import { useKeyboard } from './useKeyboard';
import { useDisplay } from './useDisplay';

/** The lab: settings on the left; the live run, compare mode or layer sensitivity on the right. */
export function App() {
  useKeyboard();
  useDisplay();
  return (
    <ErrorBoundary where="Pruning Lab">
      <TopBar />
      <TimeScrubber />
      <Notices />
      <div className="layout">
        <Controls />
        <main className="views">
          <LessonPanel />
          <ViewTabs />
          <UploadPreview />
          <TabPanel tab="live">
            <SavedRunBar />
            <StepExplain />
            <LiveView id="heatmap">
              <HeatmapPanel />
            </LiveView>
            <LiveView id="density">
              <DensityPanel />
            </LiveView>
            <LiveView id="boundary">
              <DecisionBoundaryPanel />
            </LiveView>
            <LiveView id="curves">
              <CurvesPanel />
            </LiveView>
            <LiveView id="histogram">
              <HistogramPanel />
            </LiveView>
            <LiveView id="receptive">
              <ReceptiveFieldPanel />
            </LiveView>
            <LiveView id="tradeoff">
              <TradeoffPanel />
            </LiveView>
          </TabPanel>
          <TabPanel tab="compare">
            <CompareView />
          </TabPanel>
          <TabPanel tab="sensitivity">
            <SensitivityPanel />
          </TabPanel>
          <TabPanel tab="report">
            <ReportView />
          </TabPanel>
          <TabPanel tab="runs">
            <RunsView />
          </TabPanel>
        </main>
      </div>
      <HoverCard />
      <ConfirmDialog />
    </ErrorBoundary>
  );
}
