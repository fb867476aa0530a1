import { useState } from 'react';
import type { ExportFormat } from '../../core/export/types';
import { useLab } from '../../state/store';
import type { ChartTarget } from './chartFiles';
import { chartFileName, findCharts, pngOf, svgText } from './chartFiles';
import { downloadBytes, downloadFiles } from './download';

const FORMATS: readonly { id: ExportFormat | 'runfile'; label: string; zip: string }[] = [
  { id: 'onnx', label: 'ONNX model (.onnx)', zip: 'onnx.zip' },
  { id: 'tfjs', label: 'TensorFlow.js (model.json + weights)', zip: 'tfjs.zip' },
  { id: 'npy', label: 'NumPy arrays (.npy zip, PyTorch layout)', zip: 'npy.zip' },
  { id: 'csv', label: 'Metrics (CSV)', zip: 'metrics.zip' },
  { id: 'config', label: 'Config (JSON)', zip: 'config.zip' },
  { id: 'runfile', label: 'Run file (JSON + .ckpt, zip)', zip: 'run.zip' },
];

/**
 * Export menu of a saved run (`runKey`) or of the run on screen (null): model formats, metrics,
 * config and the run file; with `charts`, every chart on screen as SVG (where it is one) and PNG.
 */
export function ExportMenu(props: { runKey: string | null; charts?: boolean; label?: string }) {
  const busy = useLab((s) => s.busy);
  const [charts, setCharts] = useState<ChartTarget[]>([]);
  const stem = 'pruning-lab';
  const run = async (id: ExportFormat | 'runfile', zip: string) => {
    const files = await useLab.getState().exportFiles(props.runKey, id);
    if (!files) return;
    const base = files[0]?.name.replace(/\.[^.]*$/, '') ?? stem;
    downloadFiles(files, id === 'runfile' ? `${base}.zip` : `${base}-${zip}`);
  };
  const chart = async (t: ChartTarget, ext: 'svg' | 'png') => {
    try {
      if (ext === 'svg' && t.svg)
        downloadBytes(
          chartFileName(stem, t, 'svg'),
          'image/svg+xml',
          new Blob([svgText(t.svg)], { type: 'image/svg+xml' }),
        );
      else downloadBytes(chartFileName(stem, t, 'png'), 'image/png', await pngOf(t));
    } catch (e) {
      useLab.getState().setRunsMessage({
        kind: 'error',
        text: `The chart could not be saved: ${(e as Error).message}`,
      });
    }
  };
  return (
    <details
      className="export-menu"
      data-testid={props.runKey ? `export-${props.runKey}` : 'export-menu'}
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open && props.charts) setCharts(findCharts());
      }}
    >
      <summary>{props.label ?? 'Export'}</summary>
      <div className="export-items" role="menu">
        {FORMATS.map((f) => (
          <button
            key={f.id}
            type="button"
            role="menuitem"
            data-testid={`export-${f.id}`}
            disabled={busy !== null}
            onClick={() => void run(f.id, f.zip)}
          >
            {busy === f.id ? `${f.label} …` : f.label}
          </button>
        ))}
        {props.charts && charts.length > 0 && <div className="export-head">Charts on screen</div>}
        {props.charts &&
          charts.map((t, k) => (
            <div key={k} className="export-chart" data-kind={t.canvas ? 'canvas' : 'svg'}>
              <span>{t.title}</span>
              {t.svg && (
                <button
                  type="button"
                  role="menuitem"
                  data-testid={`chart-svg-${k}`}
                  onClick={() => void chart(t, 'svg')}
                >
                  SVG
                </button>
              )}
              <button
                type="button"
                role="menuitem"
                data-testid={`chart-png-${k}`}
                onClick={() => void chart(t, 'png')}
              >
                PNG
              </button>
            </div>
          ))}
      </div>
    </details>
  );
}
