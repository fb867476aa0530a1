import { useEffect, useRef } from 'react';
import { useLab } from '../state/store';

/** Asks before a change that would throw away the run in progress. */
export function ConfirmDialog() {
  const confirm = useLab((s) => s.confirm);
  const { confirmChange, cancelChange } = useLab.getState();
  const ok = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirm) ok.current?.focus();
  }, [confirm]);
  if (!confirm) return null;
  return (
    <div className="overlay" onKeyDown={(e) => e.key === 'Escape' && cancelChange()}>
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title">
        <h2 id="confirm-title">Start a new run?</h2>
        <p>{confirm.message} The current run stays on the accuracy-vs-sparsity chart.</p>
        <div className="dialog-buttons">
          <button type="button" onClick={cancelChange}>
            Keep training
          </button>
          <button
            type="button"
            className="primary"
            ref={ok}
            onClick={confirmChange}
            data-testid="confirm"
          >
            Start a new run
          </button>
        </div>
      </div>
    </div>
  );
}
