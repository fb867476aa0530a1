import { useMemo } from 'react';
import { compareRows } from '../../charts/compare/aggregate';
import { methodColour, methodShort } from '../../charts/compare/methodStyle';
import { compareActive } from '../../state/slices/compare';
import { useLab } from '../../state/store';
import { Card } from '../Card';
import { formatPercent } from '../format';
import { formatDuration } from './CompareProgress';
import { download, sweepCsvText, sweepJson } from './exportResults';

/** A file name stamp: 2026-11-23-17-40. */
const stamp = () => new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');

const signed = (x: number) => `${x > 0 ? '−' : x < 0 ? '+' : '±'}${(100 * Math.abs(x)).toFixed(2)}`;

/** One row per compare run: what it reached, against the dense start, and what it cost. */
export function CompareTable() {
  const results = useLab((s) => s.compareResults);
  const compare = useLab((s) => s.compare);
  const clear = useLab((s) => s.clearCompareResults);
  const rows = useMemo(() => compareRows(results?.runs ?? []), [results]);
  const runs = results?.runs ?? [];
  const command = compare && compare.setup === results?.setup ? compare.command : null;
  return (
    <Card
      className="span-12"
      title="Compare results"
      caption={
        results
          ? `${rows.length} result${rows.length === 1 ? '' : 's'} · ${results.title}. Test accuracy on the whole test set; change in points from the dense start; wall time of the run (DNS calibration apart).`
          : 'Queue a compare: each run adds a row here and a point on the chart.'
      }
      aside={
        <div className="compare-export">
          <button
            type="button"
            data-testid="export-json"
            disabled={runs.length === 0}
            onClick={() =>
              download(`sweep-${stamp()}.json`, sweepJson(runs, command), 'application/json')
            }
          >
            Export JSON
          </button>
          <button
            type="button"
            data-testid="export-csv"
            disabled={runs.length === 0}
            onClick={() => download(`sweep-${stamp()}.csv`, sweepCsvText(runs), 'text/csv')}
          >
            Export CSV
          </button>
          <button
            type="button"
            disabled={runs.length === 0 || compareActive(compare)}
            onClick={clear}
          >
            Clear
          </button>
        </div>
      }
    >
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="compare-table" data-testid="compare-table">
            <thead>
              <tr>
                <th>Method</th>
                <th className="num">Target</th>
                <th className="num">Seed</th>
                <th className="num">Sparsity reached</th>
                <th className="num">Test accuracy</th>
                <th className="num" title="test accuracy − dense start, in percentage points">
                  vs dense (pts)
                </th>
                <th className="num">Epochs</th>
                <th className="num">Wall time</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} data-method={r.method}>
                  <td>
                    <span className="dot" style={{ background: methodColour(r.method) }} />
                    {methodShort(r.method)}
                    {r.levels !== null && <span className="muted"> · {r.levels} levels</span>}
                  </td>
                  <td className="num">{r.target === null ? '–' : formatPercent(r.target)}</td>
                  <td className="num">{r.seed}</td>
                  <td className="num">{formatPercent(1 - r.density)}</td>
                  <td className="num">{(100 * r.testAccuracy).toFixed(2)}%</td>
                  <td className={`num ${r.drop !== null && r.drop > 0.01 ? 'bad' : ''}`}>
                    {r.drop === null ? '–' : signed(r.drop)}
                  </td>
                  <td className="num">{r.epochs.toFixed(2)}</td>
                  <td className="num">
                    {formatDuration(r.seconds)}
                    {r.calibrationSeconds !== null && r.calibrationSeconds >= 0.05 && (
                      <span className="muted">
                        {' '}
                        + {formatDuration(r.calibrationSeconds)} calib.
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {command && (
        <p className="field-hint cli">
          The same sweep from the command line: <code>{command}</code>
        </p>
      )}
    </Card>
  );
}
