import { useState } from 'react';
import { pickImport, readFiles } from '../../state/runs/importFiles';
import { useLab } from '../../state/store';

/** Drop or choose a run file (.json + .ckpt, or a zip of both) or an exported config. */
export function ImportRun() {
  const [over, setOver] = useState(false);
  const busy = useLab((s) => s.busy === 'import');
  const take = async (list: readonly File[]) => {
    const s = useLab.getState();
    try {
      const files = pickImport(await readFiles(list));
      await s.importRun(files);
    } catch (e) {
      s.setRunsMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <div
      className={over ? 'run-import is-over' : 'run-import'}
      data-testid="run-import"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void take([...e.dataTransfer.files]);
      }}
    >
      <label>
        <span>
          {busy
            ? 'Checking the file…'
            : 'Import a run: drop its .json and .ckpt (or a zip of both), or an exported config, here, or '}
        </span>
        {!busy && <span className="link">choose files</span>}
        <input
          type="file"
          multiple
          accept=".json,.ckpt,.zip,application/json,application/zip"
          data-testid="run-import-input"

          onChange={(e) => {
            const list = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            void take(list);
          }}
        />
      </label>
    </div>
  );
}
