import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RunReport } from '../../core/report/types';
import { ChartLegend } from '../ChartLegend';
import { HORIZONTAL_GRID, percent2, tooltipNumber } from '../chartProps';
import { niceScale } from '../series';
import { AXIS_TICK, COLOURS, OKABE_ITO } from '../theme';
import { severitySeries } from './reportData';

const KIND_COLOURS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen] as const;

/**
 * Accuracy against corruption severity (0: clean, 1–3: mild to severe), one colour per corruption:
 * pruned solid, dense start dashed.
 */
export const SeverityChart = memo(function SeverityChart(props: {
  report: RunReport;
  height: number;
}) {
  const series = useMemo(() => severitySeries(props.report), [props.report]);
  const all = series.flatMap((s) => s.points.flatMap((p) => [p.pruned, p.dense ?? p.pruned]));
  const y = niceScale(Math.max(0, Math.floor(Math.min(...all) / 10) * 10), 100, 6);
  return (
    <>
      <ChartLegend
        items={[
          ...series.map((s, k) => ({ label: s.kind, colour: KIND_COLOURS[k % 3]! })),
          { label: 'dense start (dashed)', colour: COLOURS.baseline, dashed: true },
        ]}
      />
      <ResponsiveContainer width="100%" height={props.height}>
        <LineChart margin={{ top: 8, right: 16, bottom: 18, left: 0 }}>
          <CartesianGrid stroke={COLOURS.grid} {...HORIZONTAL_GRID} />
          <XAxis
            dataKey="level"
            type="number"
            domain={[0, 3]}
            ticks={[0, 1, 2, 3]}
            tick={AXIS_TICK}
            label={{
              value: 'severity (0 = clean)',
              position: 'insideBottom',
              offset: -12,
              fontSize: 13,
            }}
          />
          <YAxis
            type="number"
            domain={y.domain}
            ticks={y.ticks}
            tick={AXIS_TICK}
            width={52}
            unit="%"
          />
          <Tooltip
            formatter={tooltipNumber(percent2)}
            labelFormatter={(l) => `severity ${String(l)}`}
          />
          {series.flatMap((s, k) => [
            <Line
              key={`${s.kind}-pruned`}
              data={s.points}
              dataKey="pruned"
              name={`${s.kind}, pruned`}
              stroke={KIND_COLOURS[k % 3]}
              strokeWidth={2.5}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />,
            props.report.dense ? (
              <Line
                key={`${s.kind}-dense`}
                data={s.points}
                dataKey="dense"
                name={`${s.kind}, dense start`}
                stroke={KIND_COLOURS[k % 3]}
                strokeDasharray="6 4"
                strokeWidth={1.5}
                dot={false}
                isAnimationActive={false}
              />
            ) : null,
          ])}
        </LineChart>
      </ResponsiveContainer>
    </>
  );
});
