import './runs.css';
import { useEffect, useState } from 'react';
import { savedChartId } from '../../state/slices/runs';
import type { SavedRun } from '../../state/runs/types';
import { useLab } from '../../state/store';
import { Card } from '../Card';
import { formatPercent } from '../format';
import { ExportMenu } from './ExportMenu';
import { ImportRun } from './ImportRun';
import { RunsMessage } from './RunsMessage';

function when(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

function statusText(r: SavedRun): string {
  if (r.result) return 'finished';
  if (r.status === 'running') return 'stopped (tab closed)';
  if (r.status === 'error') return 'failed';
  return r.step > 0 ? 'paused' : r.origin === 'import' ? 'config only' : 'not trained';
}

/** The Runs list: every saved run, to reopen, continue, chart, export or delete; and imports. */
export function RunsView() {
  const runs = useLab((s) => s.savedRuns);
  const storage = useLab((s) => s.runsStorage);
  useEffect(() => void useLab.getState().refreshRuns(), []);
  return (
    <Card
      className="span-12"
      title="Saved runs"
      caption="Every run of the lab is kept in this browser as it trains (settings and metrics as they arrive, weights and masks every 30 s and at the end)."
    >
      {storage && (
        <div className="notice error" role="alert" data-testid="runs-storage">
          {storage}
        </div>
      )}
      <RunsMessage />
      <ImportRun />
      {runs === null ? (
        <p>Reading saved runs…</p>
      ) : runs.length === 0 ? (
        <p data-testid="runs-empty">
          No saved runs yet: train a run in the Live tab and it appears here.
        </p>
      ) : (
        <table className="runs-table" data-testid="runs-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Saved</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Steps
              </th>
              <th scope="col" className="num">
                Test acc.
              </th>
              <th scope="col" className="num">
                Kept
              </th>
              <th scope="col">Weights</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <RunRow key={r.key} run={r} />
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function RunRow({ run: r }: { run: SavedRun }) {
  const charted = useLab((s) => s.sessionRuns.some((x) => x.id === savedChartId(r.key)));
  const [confirm, setConfirm] = useState(false);
  const s = useLab.getState();
  return (
    <tr data-testid="saved-run" data-key={r.key}>
      <th scope="row" className="run-name">
        {r.name}
        {r.continuedFrom && <div className="sub">continued from {r.continuedFrom.name}</div>}
      </th>
      <td>{when(r.updatedAtMs)}</td>
      <td>{statusText(r)}</td>
      <td className="num">{r.step.toLocaleString('en-US')}</td>
      <td className="num">{r.result ? formatPercent(r.result.testAccuracy) : '–'}</td>
      <td className="num">{formatPercent(r.result?.density ?? r.density)}</td>
      <td>{r.checkpoint ? `step ${r.checkpoint.step.toLocaleString('en-US')}` : 'none yet'}</td>
      <td className="run-actions">
        <button type="button" data-testid="run-open" onClick={() => void s.openSavedRun(r.key)}>
          Open
        </button>
        {r.checkpoint && (
          <button
            type="button"
            data-testid="run-report"
            title="Open it and show its report (size, MACs, bytes, int8, calibration)"
            onClick={() => void s.reportSavedRun(r.key)}
          >
            Report
          </button>
        )}
        {!r.checkpoint && r.config && (
          <button type="button" data-testid="run-settings" onClick={() => s.applySettingsOf(r.key)}>
            Use its settings
          </button>
        )}
        <button
          type="button"
          data-testid="run-continue"
          disabled={!r.checkpoint || !r.config}
          title="A new run from its weights and masks with its settings; optimizer and method state restart"
          onClick={() => void s.continueSavedRun(r.key)}
        >
          Continue
        </button>
        {r.runConfig.method !== 'none' && (
          <>
            <button
              type="button"
              data-testid="run-masks-fresh"
              disabled={!r.checkpoint || !r.config}
              title="A new run under this run's masks, kept fixed, on a fresh initialisation"
              onClick={() => void s.trainWithMasks(r.key, true)}
            >
              Its masks, fresh init
            </button>
            <button
              type="button"
              data-testid="run-masks-dense"
              disabled={!r.checkpoint || !r.config}
              title="A new run under this run's masks, kept fixed, on the dense start of its settings"
              onClick={() => void s.trainWithMasks(r.key, false)}
            >
              Its masks, dense start
            </button>
          </>
        )}
        <button
          type="button"
          aria-pressed={charted}
          data-testid="run-chart"
          onClick={() => void s.toggleTradeoff(r.key)}
        >
          {charted ? 'Off the chart' : 'On the chart'}
        </button>
        {r.checkpoint && <ExportMenu runKey={r.key} />}
        {confirm ? (
          <button
            type="button"
            className="danger"
            data-testid="run-delete-confirm"
            onClick={() => void s.deleteSavedRun(r.key)}
          >
            Delete for good
          </button>
        ) : (
          <button type="button" data-testid="run-delete" onClick={() => setConfirm(true)}>
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
