import { memo, useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SessionRun } from '../../state/types';
import { ALL_TICKS, HORIZONTAL_GRID } from '../chartProps';
import { ChartLegend } from '../ChartLegend';
import { AXIS_TICK, COLOURS } from '../theme';
import type { MethodCurve } from './aggregate';
import { PointTooltip } from './PointTooltip';
import type { ChartPoint } from './tradeoffData';
import type { XMetric } from './tradeoffData';
import { curveSeries, frontSeries, liveSeries, tradeoffAxes, X_LABELS } from './tradeoffData';

const compact = (v: number) => (v >= 1e6 ? `${v / 1e6}M` : v >= 1e3 ? `${v / 1e3}k` : String(v));

/** Tick text of each x metric. */
const X_TICK: Record<XMetric, (v: number) => string> = {
  sparsity: (v) => `${v}%`,
  compression: (v) => `${v}×`,
  macs: compact,
  bytes: (v) => `${v} KB`,
  latency: (v) => `${v} ms`,
};

/** Colour of the Pareto front drawn behind the curves. */
export const FRONT_COLOUR = '#8a8a8a';

/** A method's mean point: filled on the method's own front, hollow where it is beaten. */
function MeanDot(props: { cx?: number; cy?: number; fill?: string; payload?: ChartPoint }) {
  const { cx, cy, fill, payload } = props;
  if (cx === undefined || cy === undefined) return null;
  const onFront = payload?.point.onFront ?? true;
  return (
    <circle
      cx={cx}
      cy={cy}
      r={5}
      fill={onFront ? fill : '#fff'}
      stroke={fill}
      strokeWidth={2}
      className={onFront ? 'mean-dot on-front' : 'mean-dot'}
    />
  );
}

/** A live run's validation measurement: lighter the earlier it was taken. */
function MeasureDot(props: {
  cx?: number;
  cy?: number;
  fill?: string;
  payload?: { age?: number };
}) {
  const { cx, cy, fill } = props;
  if (cx === undefined || cy === undefined) return null;
  return (
    <circle
      cx={cx}
      cy={cy}
      r={3.5}
      fill={fill}
      fillOpacity={0.3 + 0.7 * (props.payload?.age ?? 1)}
      className="measure-dot"
    />
  );
}

/**
 * Accuracy against density (log axis, reversed so pruning goes right): every compared method as
 * its mean over seeds with the seeds' range (band and error bars), the Pareto front over all
 * methods as a staircase, the dense baseline, and the live runs of the session as their validation
 * measurements, not joined (between two the run was not evaluated: a line would invent states it
 * never passed through), lighter the earlier, with a diamond at the test accuracy they ended with.
 */
export const TradeoffCompareChart = memo(function TradeoffCompareChart(props: {
  curves: readonly MethodCurve[];
  live: readonly SessionRun[];
  baseline: number | null;
  baselineLabel: string;
  height: number;
  /** What the x-axis shows (default: density). */
  xMetric?: XMetric;
}) {
  const metric = props.xMetric ?? 'sparsity';
  const curves = useMemo(
    () => props.curves.map((c) => curveSeries(c, metric)),
    [props.curves, metric],
  );
  const live = useMemo(() => props.live.map((r) => liveSeries(r, metric)), [props.live, metric]);
  const front = useMemo(() => frontSeries(curves), [curves]);
  const axes = tradeoffAxes(curves, live, props.baseline, metric);
  const ticks = axes.densityTicks;
  return (
    <>
      <ChartLegend
        items={[
          ...curves.map((c) => ({ label: c.label, colour: c.colour })),
          ...(front.length > 1 ? [{ label: 'Pareto front', colour: FRONT_COLOUR }] : []),
          ...(props.baseline !== null
            ? [{ label: props.baselineLabel, colour: COLOURS.baseline, dashed: true }]
            : []),
          ...live.map((s) => ({ label: s.run.label, colour: s.run.colour, marker: true })),
        ]}
      />
      <ResponsiveContainer width="100%" height={props.height}>
        <ComposedChart margin={{ top: 8, right: 16, bottom: 18, left: 0 }}>
          <CartesianGrid stroke={COLOURS.grid} {...HORIZONTAL_GRID} />
          <XAxis
            dataKey="x"
            type="number"
            scale="log"
            reversed={metric !== 'compression'}
            domain={
              metric === 'sparsity' ? [ticks.at(-1) ?? 1, 100] : [ticks[0] ?? 1, ticks.at(-1) ?? 10]
            }
            ticks={ticks}
            allowDataOverflow
            tick={AXIS_TICK}
            tickFormatter={X_TICK[metric]}
            {...ALL_TICKS}
            label={{
              value: X_LABELS[metric],
              position: 'insideBottom',
              offset: -12,
              fontSize: 13,
            }}
          />
          <YAxis
            dataKey="accuracy"
            type="number"
            domain={axes.y.domain}
            ticks={axes.y.ticks}
            allowDataOverflow
            tick={AXIS_TICK}
            width={52}
            unit="%"
            {...ALL_TICKS}
          />
          <Tooltip shared={false} content={<PointTooltip />} isAnimationActive={false} />
          {props.baseline !== null && (
            <ReferenceLine
              y={100 * props.baseline}
              stroke={COLOURS.baseline}
              strokeDasharray="6 4"
              label={{
                value: `${props.baselineLabel} ${(100 * props.baseline).toFixed(2)}%`,
                position: 'insideBottomLeft',
                fontSize: 12,
                fill: COLOURS.baseline,
              }}
            />
          )}
          {front.length > 1 && (
            <Line
              className="pareto-front"
              data={front}
              dataKey="accuracy"
              type="stepBefore"
              stroke={FRONT_COLOUR}
              strokeOpacity={0.4}
              strokeWidth={7}
              strokeLinejoin="round"
              dot={false}
              activeDot={false}
              legendType="none"
              tooltipType="none"
              isAnimationActive={false}
            />
          )}
          {curves.map((c) =>
            c.points.length > 1 ? (
              <Area
                key={`band-${c.method}`}
                data={c.points}
                dataKey="band"
                stroke="none"
                fill={c.colour}
                fillOpacity={0.14}
                activeDot={false}
                tooltipType="none"
                isAnimationActive={false}
              />
            ) : null,
          )}
          {curves.map((c) => (
            <Line
              key={`mean-${c.method}`}
              data={c.points}
              dataKey="accuracy"
              stroke={c.colour}
              strokeWidth={2.5}
              dot={false}
              activeDot={false}
              tooltipType="none"
              isAnimationActive={false}
            />
          ))}
          {curves.map((c) => (
            <Scatter
              key={`points-${c.method}`}
              className={`method-points method-${c.method}`}
              data={c.points}
              dataKey="accuracy"
              name={c.label}
              fill={c.colour}
              shape={<MeanDot />}
              isAnimationActive={false}
            >
              <ErrorBar dataKey="accuracyErr" direction="y" width={6} stroke={c.colour} />
              <ErrorBar dataKey="densityErr" direction="x" width={6} stroke={c.colour} />
            </Scatter>
          ))}
          {live.map((s) => (
            <Scatter
              key={`live-${s.run.id}`}
              className="live-trajectory"
              data={s.path}
              dataKey="accuracy"
              name={s.run.label}
              fill={s.run.colour}
              shape={<MeasureDot />}
              isAnimationActive={false}
            />
          ))}
          {live.map((s) => (
            <Scatter
              key={`end-${s.run.id}`}
              className="live-end"
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
