import { useState } from 'react';
import { useLab } from '../state/store';
import type { RunNotice } from '../worker/protocol';

/**
 * What the run did about a fault, as a non-modal notice: paused after a divergence (with a lower
 * learning rate to try), or moved to another backend after the device was lost.
 */
export function FaultNotice() {
  const notice = useLab((s) => s.run.notice);
  const change = useLab((s) => s.change);
  const [dismissed, setDismissed] = useState<RunNotice | null>(null);
  if (!notice || notice === dismissed) return null;
  const diverged = notice.kind === 'diverged';
  const lr = notice.suggestedLr;
  return (
    <div
      className={`notice ${diverged ? 'warn' : 'info'}`}
      role="status"
      data-testid="run-notice"
      data-kind={notice.kind}
    >
      <strong>{diverged ? 'Run paused.' : 'Backend changed.'}</strong> {notice.message}
      {diverged && lr !== undefined && (
        <button type="button" onClick={() => change({ lr })} data-testid="use-lower-lr">
          Use learning rate {lr}
        </button>
      )}
      <button type="button" onClick={() => setDismissed(notice)}>
        Dismiss
      </button>
    </div>
  );
}
