import { useMemo, useState } from 'react';
import { compareRows, denseBaseline } from '../../charts/compare/aggregate';
import { methodShort } from '../../charts/compare/methodStyle';
import { compareAnswer } from '../../charts/report/answer';
import type { MeanStd } from '../../core/report/stats';
import { formatMeanStd } from '../../core/report/stats';
import { useLab } from '../../state/store';
import { Card } from '../Card';

const pctMs = (m: MeanStd) => (m.n === 0 ? '–' : `${formatMeanStd(m, 2, 100)}%`);
const kbMs = (m: MeanStd) => (m.n === 0 ? '–' : `${formatMeanStd(m, 1, 1 / 1024)} KB`);
const countMs = (m: MeanStd) => (m.n === 0 ? '–' : formatMeanStd(m, 0));

/** Per method: the sparsest point within a tolerance of the dense accuracy, and what it buys. */
export function CompareAnswer() {
  const results = useLab((s) => s.compareResults);
  const [points, setPoints] = useState(1);
  const rows = useMemo(() => compareRows(results?.runs ?? []), [results]);
  const answers = useMemo(() => compareAnswer(rows, points / 100), [rows, points]);
  const dense = denseBaseline(rows);
  if (answers.length === 0) return null;
  return (
    <Card
      className="span-12"
      title="The answer: sparsest within reach of dense"
      caption={`Per method, the sparsest target whose mean test accuracy is within ${points} point${points === 1 ? '' : 's'} of the dense start${dense !== null ? ` (${(100 * dense).toFixed(2)}%)` : ''}; mean ± std over seeds. Bytes: the CSR int8 weight file, gzipped; MACs: sparse kernel.`}
      aside={
        <label className="inline-field">
          within{' '}
          <input
            type="number"
            min={0}
            max={50}
            step={0.1}
            value={points}
            data-testid="answer-tolerance"
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isFinite(v) && v >= 0) setPoints(v);
            }}
          />{' '}
          points
        </label>
      }
    >
      <table className="compare-table" data-testid="compare-answer">
        <thead>
          <tr>
            <th>method</th>
            <th className="num">target</th>
            <th className="num">sparsity</th>
            <th className="num">test accuracy</th>
            <th className="num">bytes</th>
            <th className="num">MACs</th>
            <th className="num">int8 accuracy</th>
            <th className="num">ECE</th>
          </tr>
        </thead>
        <tbody>
          {answers.map((a) =>
            a.found ? (
              <tr key={a.method}>
                <td>{methodShort(a.method)}</td>
                <td className="num">
                  {a.target === null ? 'own' : `${(100 * a.target).toFixed(0)}%`}
                </td>
                <td className="num">{pctMs(a.sparsity)}</td>
                <td className="num">{pctMs(a.accuracy)}</td>
                <td className="num">{kbMs(a.bytes)}</td>
                <td className="num">{countMs(a.macs)}</td>
                <td className="num">{pctMs(a.int8Accuracy)}</td>
                <td className="num">{a.ece.n === 0 ? '–' : formatMeanStd(a.ece, 4)}</td>
              </tr>
            ) : (
              <tr key={a.method}>
                <td>{methodShort(a.method)}</td>
                <td colSpan={7} className="muted">
                  no target stays within {points} point{points === 1 ? '' : 's'} of dense
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </Card>
  );
}
