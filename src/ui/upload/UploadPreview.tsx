import type { CsvReport, ImageReport } from '../../core/data/upload/types';
import { useLab } from '../../state/store';
import type { UploadDraft } from '../../state/slices/upload';
import { Card } from '../Card';
import { formatInt } from '../format';
import { ClassCounts } from './ClassCounts';
import { ColumnsTable } from './ColumnsTable';
import { PreviewOptions } from './PreviewOptions';
import { SampleGrid } from './SampleGrid';
import { TrainPlan } from './TrainPlan';

/** One line on what was read: kind, examples, classes and input size. */
function headline(r: CsvReport | ImageReport): string {
  if (r.kind === 'csv') {
    const features = r.featureNames.length;
    const sep = r.delimiter === '\t' ? 'tab' : r.delimiter;
    return `${r.gzip ? 'gzip ' : ''}CSV (“${sep}”, ${r.header ? 'with header' : 'no header'}) · ${formatInt(r.rows)} rows · ${r.classes.length} classes · ${features} feature${features === 1 ? '' : 's'}`;
  }
  const [h, w] = r.inputShape;
  return `Images · ${formatInt(r.images)} images · ${r.classes.length} classes · ${w}×${h} ${r.color === 'rgb' ? 'RGB' : 'grayscale'}${r.skipped ? ` · ${r.skipped} skipped` : ''}`;
}

/** The preview of an upload: what was read, what to change, and Train. */
export function UploadPreview() {
  const draft = useLab((s) => s.draft);
  if (!draft) return null;
  return (
    <Card
      className="span-upload upload-preview"
      title={`Your data: ${draft.name}`}
      caption={
        draft.result
          ? headline(draft.result.report)
          : draft.parsing
            ? 'Reading it in a background worker; the lab keeps running.'
            : 'This file could not be used as it is. The lab keeps its current data and run.'
      }
    >
      <div data-testid="upload-preview">
        <Status draft={draft} />
        <PreviewOptions draft={draft} />
        {draft.result && <Body draft={draft} />}
        <Actions draft={draft} />
      </div>
    </Card>
  );
}

function Status({ draft }: { draft: UploadDraft }) {
  const cancel = useLab((s) => s.cancelUpload);
  const { parsing, progress, error, warnings } = draft;
  return (
    <>
      {parsing && (
        <div className="progress" role="status" data-testid="upload-progress">
          <span>{progress ? `${progress.label}…` : `Reading ${draft.name}…`}</span>
          {progress && progress.total > 0 ? (
            <progress max={progress.total} value={progress.done} aria-label="Reading the upload" />
          ) : (
            <progress aria-label="Reading the upload" />
          )}
          <button type="button" className="small" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <div className="notice error" role="alert" data-testid="upload-error">
          <strong>This upload cannot be used.</strong>
          <span>{error.message}</span>
        </div>
      )}
      {warnings.length > 0 && !parsing && (
        <div className="notice warn upload-warnings" role="alert" data-testid="upload-warnings">
          <strong>
            {warnings.length === 1 ? 'One thing to know' : `${warnings.length} things to know`}
          </strong>
          <ul>
            {warnings.map((w, i) => (
              <li key={`${w.code}:${i}`}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function Body({ draft }: { draft: UploadDraft }) {
  const r = draft.result!;
  const report = r.report;
  return (
    <div className={`upload-body ${draft.parsing ? 'is-stale' : ''}`} aria-busy={draft.parsing}>
      <div className="upload-col">
        <h3>Classes</h3>
        <ClassCounts
          classes={report.classes}
          heavy={report.imbalance.heavy}
          ratio={report.imbalance.ratio}
        />
        <TrainPlan dataset={r.dataset} report={report} />
      </div>
      <div className="upload-col wide">
        {report.kind === 'csv' ? (
          <ColumnsTable report={report} choices={draft.choices} disabled={!draft.source} />
        ) : (
          <SampleGrid report={report} />
        )}
      </div>
    </div>
  );
}

function Actions({ draft }: { draft: UploadDraft }) {
  const { trainUpload, discardUpload } = useLab.getState();
  const ready = !!draft.result && !draft.parsing;
  return (
    <div className="upload-actions">
      <button
        type="button"
        className="primary"
        data-testid="upload-train"
        disabled={!ready}
        onClick={trainUpload}
      >
        Train on this data
      </button>
      <button type="button" data-testid="upload-discard" onClick={discardUpload}>
        {draft.parsing ? 'Cancel' : ready ? 'Discard' : 'Close'}
      </button>
      {ready && (
        <span className="field-hint">
          Switches the lab to this data and starts training; the current run stays on the
          accuracy-vs-sparsity chart.
        </span>
      )}
    </div>
  );
}
