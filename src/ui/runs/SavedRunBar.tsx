import { useLab } from '../../state/store';
import { ExportMenu } from './ExportMenu';
import { MaskSourceNote } from './MaskSourceNote';
import { RunsMessage } from './RunsMessage';

/**
 * Above the live views: which run is on screen (a saved one, or the live one continued from a
 * saved one, with a word on what restarts) and the export menu for it.
 */
export function SavedRunBar() {
  const viewing = useLab((s) => s.viewing);
  const resume = useLab((s) => s.resumeFrom);
  const storage = useLab((s) => s.runsStorage);
  const { leaveSavedRun, continueSavedRun } = useLab.getState();
  return (
    <div className="saved-bar span-12" data-testid="saved-run-bar">
      {viewing ? (
        <div className="notice info" role="status" data-testid="viewing-saved">
          Saved run <strong>{viewing.name}</strong>: curves as recorded, heatmaps from its last
          saved weights.
          <button type="button" onClick={() => void continueSavedRun(viewing.key)}>
            Continue training
          </button>
          <button type="button" onClick={leaveSavedRun}>
            Back to the live run
          </button>
        </div>
      ) : (
        resume && (
          <div className="notice info" role="status" data-testid="continued-note">
            Continued from <strong>{resume.name}</strong> (step{' '}
            {resume.step.toLocaleString('en-US')}
            ): its weights and masks carry over; the optimizer and the method&apos;s state
            (schedules, momentum, counters) start afresh, and steps count from 0.
          </div>
        )
      )}
      {!viewing && <MaskSourceNote />}
      {storage && (
        <div className="notice warn" role="status" data-testid="runs-storage-live">
          {storage}
        </div>
      )}
      <RunsMessage />
      <ExportMenu
        runKey={null}
        charts
        label={viewing ? 'Export this saved run' : 'Export this run'}
      />
    </div>
  );
}
