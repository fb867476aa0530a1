import { AboutData } from './AboutData';
import { DataModelControls } from './controls/DataModelControls';
import { MethodControls } from './controls/MethodControls';
import { StartControls } from './controls/StartControls';
import { TrainingControls } from './controls/TrainingControls';
import { ErrorBoundary } from './ErrorBoundary';
import { UploadPanel } from './upload/UploadPanel';
import { useShown } from './controls/useShown';

/** The settings sidebar. */
export function Controls() {
  const shown = useShown();
  return (
    <aside className="controls" aria-label="Settings">
      <ErrorBoundary where="The settings">
        <DataModelControls />
        {shown('upload') && <UploadPanel />}
        <MethodControls />
        <StartControls />
        <TrainingControls />
        <section className="group keys" aria-label="Keyboard shortcuts">
          <h2>Keyboard</h2>
          <p>
            <kbd>Space</kbd> play / pause · <kbd>S</kbd> one step · <kbd>R</kbd> reset
          </p>
        </section>
        <AboutData />
      </ErrorBoundary>
    </aside>
  );
}
