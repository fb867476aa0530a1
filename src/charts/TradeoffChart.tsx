import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SessionRun } from '../state/types';
import { ChartLegend } from './ChartLegend';
import { accuracyDomain, densityTicks, niceScale } from './series';
import { AXIS_TICK, COLOURS } from './theme';

/**
 * Accuracy against density (log axis, reversed so pruning goes right) for every run of the
 * session: the trajectory on the validation subsample and the end point on the test set.
 */
export const TradeoffChart = memo(function TradeoffChart(props: {
  runs: readonly SessionRun[];
  baseline: number | null;
  height: number;
}) {
  const series = useMemo(
    () =>
      props.runs.map((r) => ({
        run: r,
        path: r.trajectory.map((p) => ({ density: 100 * p.density, accuracy: 100 * p.accuracy })),
        end: r.end ? [{ density: 100 * r.end.density, accuracy: 100 * r.end.accuracy }] : [],
      })),
    [props.runs],
  );
  const all = series.flatMap((s) => [...s.path, ...s.end]);
  const minDensity = Math.max(0.05, Math.min(100, ...all.map((p) => p.density)));
  const ticks = densityTicks(minDensity);
  const range = accuracyDomain([
    ...all.map((p) => p.accuracy),
    ...(props.baseline !== null ? [100 * props.baseline] : []),
  ]);
  const y = niceScale(range[0], range[1], 6);
  return (
    <>
      <ChartLegend
        items={[
          ...props.runs.map((r) => ({ label: r.label, colour: r.colour })),
          ...(props.baseline !== null
            ? [{ label: 'dense baseline (test)', colour: COLOURS.baseline, dashed: true }]
            : []),
        ]}
      />
      <ResponsiveContainer width="100%" height={props.height}>
        <ComposedChart margin={{ top: 8, right: 16, bottom: 18, left: 0 }}>
          <CartesianGrid stroke={COLOURS.grid} vertical={false} />
          <XAxis
            dataKey="density"
            type="number"
            scale="log"
            reversed
            domain={[ticks.at(-1) ?? 1, 100]}
            ticks={ticks}
            allowDataOverflow
            tick={AXIS_TICK}
            tickFormatter={(v: number) => `${v}%`}
            label={{
              value: 'density (weights kept, log scale) → more pruned',
              position: 'insideBottom',
              offset: -12,
              fontSize: 13,
            }}
          />
          <YAxis
            dataKey="accuracy"
            type="number"
            domain={y.domain}
            ticks={y.ticks}
            allowDataOverflow
            tick={AXIS_TICK}
            width={52}
            unit="%"
          />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${v.toFixed(2)}%` : String(v))} />
          {props.baseline !== null && (
            <ReferenceLine
              y={100 * props.baseline}
              stroke={COLOURS.baseline}
              strokeDasharray="6 4"
              label={{
                value: `dense baseline ${(100 * props.baseline).toFixed(2)}%`,
                position: 'insideBottomLeft',
                fontSize: 12,
                fill: COLOURS.baseline,
              }}
            />
          )}
          {series.map((s) => (
            <Line
              key={`p${s.run.id}`}
              data={s.path}
              dataKey="accuracy"
              name={s.run.label}
              stroke={s.run.colour}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
          {series.map((s) => (
            <Scatter
              key={`e${s.run.id}`}
              data={s.end}
              dataKey="accuracy"
              name={`${s.run.label} (test)`}
              fill={s.run.colour}
              shape="diamond"
              legendType="none"
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </>
  );
});
