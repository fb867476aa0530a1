import type { RunReport } from '../../core/report/types';
import { FIGURE_ROWS, figureAt, formatFigure } from '../../charts/report/reportData';

/**
 * Dense start and pruned side by side. Each row carries its JSON path and raw values as data
 * attributes, so a test can check the screen against the report JSON.
 */
export function FiguresTable(props: { report: RunReport }) {
  const { pruned, dense } = props.report;
  return (
    <table className="compare-table report-figures" data-testid="report-figures">
      <thead>
        <tr>
          <th>figure</th>
          <th className="num">dense start</th>
          <th className="num">pruned</th>
        </tr>
      </thead>
      <tbody>
        {FIGURE_ROWS.map((row) => {
          const p = figureAt(pruned, row.path);
          const d = dense ? figureAt(dense, row.path) : null;
          return (
            <tr
              key={row.key}
              data-testid={`figure-${row.key}`}
              data-path={row.path}
              data-pruned={p ?? ''}
              data-dense={d ?? ''}
            >
              <td>{row.label}</td>
              <td className="num">{formatFigure(d, row.format)}</td>
              <td className="num">{formatFigure(p, row.format)}</td>
            </tr>
          );
        })}
        <tr>
          <td>MACs, 2:4 sparse tensor cores</td>
          <td className="num">–</td>
          <td className="num">
            {pruned.compute.macs.twoFour === null
              ? 'not 2:4'
              : formatFigure(pruned.compute.macs.twoFour, 'count')}
          </td>
        </tr>
        <tr>
          <td>weight files read back: same predictions</td>
          <td className="num">
            {dense
              ? dense.loader.map((l) => formatFigure(l.agreement, 'percent')).join(' / ')
              : '–'}
          </td>
          <td className="num">
            {pruned.loader.map((l) => formatFigure(l.agreement, 'percent')).join(' / ')}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
