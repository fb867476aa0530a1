import { useEffect, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { useLab } from '../../state/store';
import type { UploadSource } from '../../worker/upload/protocol';
import type { PickResult } from './dropFiles';
import { sourceFromFolderPick, takeDrop } from './dropFiles';
import { SavedUploads } from './SavedUploads';
import './upload.css';

/** The samples one click away (files under public/datasets/). */
const EXAMPLES: readonly { id: string; label: string; path: string; name: string }[] = [
  { id: 'iris', label: 'Iris CSV', path: 'csv/iris.csv', name: 'iris.csv' },
  { id: 'digits', label: 'Digits 8×8 CSV', path: 'csv/digits-8x8.csv', name: 'digits-8x8.csv' },
  {
    id: 'images',
    label: 'Fashion images (zip)',
    path: 'images/fashion-mnist-3class-sample.zip',
    name: 'fashion-mnist-3class-sample.zip',
  },
];

/** Bring your own data: a file, a folder (picked or dropped), or an example; and the saved ones. */
export function UploadPanel() {
  const startUpload = useLab((s) => s.startUpload);
  const setNotice = useLab((s) => s.setUploadNotice);
  const notice = useLab((s) => s.uploadNotice);
  const storage = useLab((s) => s.storage);
  const [dragging, setDragging] = useState(false);
  const folderInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Not in React's typings: the attribute that makes a file input pick a whole folder.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);
  useEffect(() => {
    // Files dropped beside the panel would make the browser open them in place of the lab (and
    // lose the run): take them as an upload too.
    const files = (e: globalThis.DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const over = (e: globalThis.DragEvent) => {
      if (files(e)) e.preventDefault();
    };
    const drop = (e: globalThis.DragEvent) => {
      if (!files(e) || e.defaultPrevented || !e.dataTransfer) return;
      e.preventDefault();
      takeDrop(e.dataTransfer, startUpload, setNotice);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [startUpload, setNotice]);
  const use = (r: PickResult) => (r.ok ? startUpload(r.source) : setNotice(r.message));
  const pickFile = (files: FileList | null) => {
    const file = files?.[0];
    if (file) startUpload({ kind: 'file', file } satisfies UploadSource);
  };
  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setDragging(false);
    takeDrop(e.dataTransfer, startUpload, setNotice);
  };
  return (
    <section
      className={`group upload-panel ${dragging ? 'is-dragging' : ''}`}
      aria-label="Your data"
      data-testid="upload-panel"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        if (!dragging) setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <h2>Your data</h2>
      <div className="dropzone">
        <p>Drop a CSV/TSV, a zip of class folders, or a folder here</p>
        <div className="pick-buttons">
          <label className="button-like">
            Choose file…
            <input
              type="file"
              className="visually-hidden"
              data-testid="upload-input"
              accept=".csv,.tsv,.txt,.zip"
              onChange={(e) => {
                pickFile(e.target.files);
                e.target.value = ''; // the same file can be picked again
              }}
            />
          </label>
          <label className="button-like">
            Choose folder…
            <input
              ref={folderInput}
              type="file"
              multiple
              className="visually-hidden"
              data-testid="upload-folder-input"
              onChange={(e) => {
                use(sourceFromFolderPick([...(e.target.files ?? [])]));
                e.target.value = '';
              }}
            />
          </label>
        </div>
      </div>
      <div className="examples">
        <span className="field-label">Examples</span>
        {EXAMPLES.map((x) => (
          <button
            key={x.id}
            type="button"
            className="small"
            data-testid={`upload-example-${x.id}`}
            onClick={() => startUpload({ kind: 'example', path: x.path, name: x.name })}
          >
            {x.label}
          </button>
        ))}
      </div>
      {notice && (
        <div className="notice error compact" role="alert" data-testid="upload-notice">
          <span>{notice}</span>
          <button type="button" className="small" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      {storage.available === false && storage.message && (
        <div className="notice warn compact" role="alert" data-testid="upload-storage">
          {storage.message}
        </div>
      )}
      <SavedUploads />
      <p className="field-hint">
        Files are read in this browser and never sent anywhere. Images: one sub-folder per class
        (cat/001.png).
      </p>
    </section>
  );
}
