import { useId, useRef, useState } from 'react';
import { linkOf, shareUrl } from '../state/link/build';
import type { ControlId, OpenMode } from '../state/link/schema';
import { CONTROL_IDS } from '../state/link/schema';
import { useLab } from '../state/store';

/** What each hideable control is called on the Share panel. */
const CONTROL_LABELS: Record<ControlId, string> = {
  dataset: 'Dataset',
  model: 'Model',
  hidden: 'Hidden widths',
  upload: 'Upload',
  method: 'Method',
  settings: 'Method settings',
  start: 'Start from',
  pretrain: 'Pre-train epochs',
  epochs: 'Epochs',
  lr: 'Learning rate',
  batch: 'Batch size',
  seed: 'Seed',
  optimizer: 'Optimizer',
  speed: 'Speed',
  backend: 'Backend',
};

const OPEN_LABELS: Record<OpenMode, string> = {
  paused: 'Paused at step 0',
  step: 'Paused, ready to step',
  play: 'Playing',
};

/**
 * Builds a link from the current settings, with the controls to hide and how it opens, and
 * copies it; the link stays in a text field to copy by hand where the clipboard is refused.
 */
export function SharePanel() {
  const config = useLab((s) => s.config);
  const backend = useLab((s) => s.backend);
  const speed = useLab((s) => s.speed);
  const tab = useLab((s) => s.tab);
  const views = useLab((s) => s.views);
  const lesson = useLab((s) => s.lesson);
  const close = useLab((s) => s.setShareOpen);
  const [hide, setHide] = useState<readonly ControlId[]>(() => useLab.getState().hiddenControls);
  const [open, setOpen] = useState<OpenMode>('paused');
  const [copied, setCopied] = useState<'yes' | 'refused' | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const setup = { config, backend, speed, tab, views, hide, open, lesson };
  const url = shareUrl(location, linkOf(setup));
  const toggle = (id: ControlId, on: boolean) => {
    setCopied(null);
    setHide((h) =>
      on ? CONTROL_IDS.filter((c) => c === id || h.includes(c)) : h.filter((c) => c !== id),
    );
  };
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('refused');
      field.current?.focus();
      field.current?.select();
    }
  };
  return (
    <section className="share-panel" aria-labelledby={titleId} data-testid="share-panel">
      <header>
        <h2 id={titleId}>Share this setup</h2>
        <button type="button" onClick={() => close(false)} aria-label="Close the Share panel">
          Close
        </button>
      </header>
      <p className="field-hint">
        The link carries the setup: data, model, method and its settings, start, budget, batch and
        seed, so it trains the same from the same initial weights and batches. It does not carry the
        trained weights.
      </p>
      <fieldset>
        <legend>Opens</legend>
        {(Object.keys(OPEN_LABELS) as OpenMode[]).map((m) => (
          <label key={m} className="radio">
            <input
              type="radio"
              name="share-open"
              value={m}
              data-testid={`share-open-${m}`}
              checked={open === m}
              onChange={() => {
                setOpen(m);
                setCopied(null);
              }}
            />
            {OPEN_LABELS[m]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Hide these controls</legend>
        <div className="share-hide">
          {CONTROL_IDS.map((id) => (
            <label key={id} className="check">
              <input
                type="checkbox"
                data-testid={`share-hide-${id}`}
                checked={hide.includes(id)}
                onChange={(e) => toggle(id, e.target.checked)}
              />
              {CONTROL_LABELS[id]}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field">
        <span className="field-label">Link</span>
        <input
          ref={field}
          type="text"
          readOnly
          value={url}
          data-testid="share-url"
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      <div className="share-actions">
        <button
          type="button"
          className="primary"
          data-testid="share-copy"
          onClick={() => void copy()}
        >
          Copy link
        </button>
        <span role="status" data-testid="share-status">
          {copied === 'yes' && 'Copied.'}
          {copied === 'refused' &&
            'This browser did not let the page copy: the link is selected above, copy it with Ctrl+C (⌘C).'}
        </span>
      </div>
    </section>
  );
}
