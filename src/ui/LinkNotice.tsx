import { useLab } from '../state/store';

/** Most dropped keys the notice lists one by one. */
const LISTED = 12;

/**
 * What the opening link could not apply, in one non-modal notice: every dropped key with its
 * reason, the message about an upload this browser lacks, and the hint of a link opened for
 * stepping. Keys and values come from the address, so they are only ever React text.
 */
export function LinkNotice() {
  const dropped = useLab((s) => s.linkDropped);
  const dataMessage = useLab((s) => s.linkDataMessage);
  const stepHint = useLab(
    (s) => s.openMode === 'step' && s.run.step === 0 && s.run.status === 'ready',
  );
  const dismiss = useLab((s) => s.dismissLinkNotice);
  const rest = dropped.length - LISTED;
  return (
    <>
      {dataMessage && (
        <div className="notice warn" role="status" data-testid="link-data-message">
          <span>{dataMessage}</span>
        </div>
      )}
      {dropped.length > 0 && (
        <div className="notice warn link-notice" role="status" data-testid="link-notice">
          <strong>
            {dropped.length === 1
              ? 'One setting of this link was left out:'
              : `${dropped.length} settings of this link were left out:`}
          </strong>
          <ul>
            {dropped.slice(0, LISTED).map((d, i) => (
              <li key={i}>
                <code>{d.key}</code> {d.reason}
              </li>
            ))}
            {rest > 0 && <li>and {rest} more</li>}
          </ul>
          <span>The rest of the link was applied.</span>
          <button type="button" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
      {stepHint && (
        <div className="notice info" role="status" data-testid="link-step-hint">
          This link opens paused for stepping: press <b>Step</b> (<kbd>S</kbd>) to train one batch
          at a time.
        </div>
      )}
    </>
  );
}
