import { useEffect } from 'react';
import { ReliabilityChart } from '../../charts/report/ReliabilityChart';
import { SeverityChart } from '../../charts/report/SeverityChart';
import { useLab } from '../../state/store';
import { Card } from '../Card';
import { download } from '../compare/exportResults';
import { downloadBytes } from '../runs/download';
import { FiguresTable } from './FiguresTable';
import { LatencyTable } from './LatencyTable';

/**
 * What pruning buys, for the live run: size, MACs, bytes of real weight files, int8, calibration
 * (and on request corruption and latency), dense start and pruned side by side. The worker computes
 * it; the view asks once the run has ended, or whenever a button is pressed.
 */
export function ReportView() {
  const run = { id: useLab((s) => s.run.id), status: useLab((s) => s.run.status) };
  const req = useLab((s) => s.report);
  const requestLive = useLab((s) => s.requestReport);
  const requestSaved = useLab((s) => s.requestSavedReport);
  // A saved run on screen: its report, from its saved weights and masks.
  const viewing = useLab((s) => s.viewing);
  const ended = run.status === 'done';
  useEffect(() => {
    if (viewing) {
      if (!req || req.saved?.key !== viewing.key) void requestSaved(viewing.key, false);
    } else if (ended && (!req || req.saved || req.runId !== run.id)) requestLive(false);
  }, [ended, req, run.id, requestLive, requestSaved, viewing]);
  const request = (full: boolean) =>
    viewing ? void requestSaved(viewing.key, full) : requestLive(full);
  const busy = req?.status === 'running';
  const r = req?.report ?? null;
  const stale =
    req && (viewing ? req.saved?.key !== viewing.key : req.saved || req.runId !== run.id);
  const whose = req?.saved
    ? `Saved run ${req.saved.name}, from its weights saved at step`
    : `${stale ? 'An earlier run' : 'This run'} at step`;
  const stamp = r ? `${r.model}-${r.dataset}` : 'run';
  return (
    <>
      <Card
        className="span-12"
        title="Report: what pruning buys"
        caption={
          req
            ? `${whose} ${req.step}${req.full ? ', full report' : ''}. Test split of the data; the weight files are written and read back in the worker.`
            : ended
              ? 'Preparing the report of the run that just ended.'
              : 'The report of the live run appears once it ends (of a saved run, once it is opened); press a button for one now.'
        }
        aside={
          <div className="compare-export">
            <button
              type="button"
              data-testid="report-make"
              disabled={busy || run.status === 'loading'}
              onClick={() => request(false)}
            >
              Make report
            </button>
            <button
              type="button"
              data-testid="report-full"
              disabled={busy || run.status === 'loading'}
              onClick={() => request(true)}
            >
              Full report (corruption, latency)
            </button>
            <button
              type="button"
              data-testid="report-download"
              disabled={!r}
              onClick={() =>
                r &&
                download(
                  `${stamp}.report.json`,
                  JSON.stringify(r, null, 1) + '\n',
                  'application/json',
                )
              }
            >
              Report JSON
            </button>
            <button
              type="button"
              data-testid="report-int8"
              disabled={!req?.int8Gzip}
              onClick={() =>
                req?.int8Gzip &&
                downloadBytes(`${stamp}.csr-int8.bin.gz`, 'application/gzip', req.int8Gzip)
              }
            >
              int8 weights (.gz)
            </button>
          </div>
        }
      >
        {busy && (
          <p className="muted" role="status" data-testid="report-progress">
            {req.label ?? 'Working'}…
          </p>
        )}
        {req?.saved && (
          <p className="muted" data-testid="report-saved">
            Saved run {req.saved.name}
            {stale ? ' (not the run on screen)' : ''}: computed from its saved weights and masks.{' '}
            {viewing && (
              <button type="button" onClick={() => useLab.getState().leaveSavedRun()}>
                Back to the live run
              </button>
            )}
          </p>
        )}
        {req?.status === 'error' && (
          <p className="notice" role="alert" data-testid="report-error">
            The report could not be made: {req.error}
          </p>
        )}
        {r && <FiguresTable report={r} />}
        {r && r.notes.length > 0 && (
          <ul className="report-notes" data-testid="report-notes">
            {r.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </Card>
      {r && (
        <Card
          className="span-report-half"
          title="Reliability diagram"
          caption={`Accuracy against confidence in 15 equal-width bins; under the diagonal is over-confident. ECE pruned ${r.pruned.calibration.ece.toFixed(4)}${r.dense ? `, dense start ${r.dense.calibration.ece.toFixed(4)}` : ''}.`}
        >
          <ReliabilityChart pruned={r.pruned} dense={r.dense} height={280} />
        </Card>
      )}
      {r?.corruption && (
        <Card
          className="span-report-half"
          title="Accuracy under corruption"
          caption="Seeded corruptions of the test split at three severities; solid pruned, dashed the dense start."
        >
          <SeverityChart report={r} height={280} />
        </Card>
      )}
      {r?.latency && (
        <Card
          className="span-12"
          title="Latency"
          caption={`One forward pass on ${r.backend}, after the warm-up runs. Timings vary from run to run; compare within one report.`}
        >
          <LatencyTable figures={r.latency} />
        </Card>
      )}
    </>
  );
}
