import { useLab } from '../../state/store';

/** The saved-runs message (an error or a word on what an action did), with Dismiss. */
export function RunsMessage() {
  const message = useLab((s) => s.runsMessage);
  if (!message) return null;
  return (
    <div
      className={`notice ${message.kind}`}
      role={message.kind === 'error' ? 'alert' : 'status'}
      data-testid="runs-message"
    >
      {message.text}
      <button type="button" onClick={() => useLab.getState().setRunsMessage(null)}>
        Dismiss
      </button>
    </div>
  );
}
