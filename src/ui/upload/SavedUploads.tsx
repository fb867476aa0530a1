import { useState } from 'react';
import { formatBytes } from '../../core/data/upload/messages';
import type { SavedUploadSummary } from '../../core/data/upload/persist';
import { useLab } from '../../state/store';
import { formatInt } from '../format';

/** "Your datasets": uploads kept in this browser, to open again or delete. */
export function SavedUploads() {
  const saved = useLab((s) => s.savedUploads);
  const available = useLab((s) => s.storage.available);
  if (available === false || saved.length === 0) return null;
  return (
    <div className="saved-uploads">
      <span className="field-label">Your datasets</span>
      <ul data-testid="saved-uploads">
        {saved.map((u) => (
          <SavedItem key={u.id} u={u} />
        ))}
      </ul>
    </div>
  );
}

function SavedItem({ u }: { u: SavedUploadSummary }) {
  const { openSaved, deleteSaved } = useLab.getState();
  const active = useLab((s) => s.config.source.kind === 'upload' && s.config.source.key === u.id);
  const [asking, setAsking] = useState(false);
  const what = u.kind === 'csv' ? 'rows' : 'images';
  return (
    <li data-testid="saved-upload" data-id={u.id}>
      <div className="saved-name" title={u.title}>
        {u.title}
        {active && <span className="tag">in use</span>}
      </div>
      <div className="field-hint">
        {formatInt(u.examples)} {what} · {u.numClasses} classes · {formatBytes(u.bytes)} ·{' '}
        {new Date(u.savedAtMs).toLocaleDateString()}
      </div>
      {asking ? (
        <div className="saved-actions" role="group" aria-label={`Delete ${u.title}?`}>
          <span>Delete it from this browser?</span>
          <button
            type="button"
            className="small danger"
            data-testid="saved-delete-confirm"
            onClick={() => {
              setAsking(false);
              deleteSaved(u.id);
            }}
          >
            Delete
          </button>
          <button type="button" className="small" onClick={() => setAsking(false)}>
            Keep
          </button>
        </div>
      ) : (
        <div className="saved-actions">
          <button
            type="button"
            className="small"
            data-testid="saved-open"
            onClick={() => openSaved(u.id)}
          >
            Open
          </button>
          <button
            type="button"
            className="small"
            data-testid="saved-delete"
            onClick={() => setAsking(true)}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
