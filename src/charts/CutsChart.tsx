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
import type { TrainPoint } from '../state/types';
import { ChartLegend } from './ChartLegend';
import { STEP_AXIS, stepLabel, tooltipNumber } from './chartProps';
import { countLabel, expm1_10, fewDots, log1p10, log1pTicks } from './series';
import { AXIS_TICK, COLOURS } from './theme';

/** Cuts and splices per step over steps, on a log scale that keeps zero. */
export const CutsChart = memo(function CutsChart(props: {
  data: readonly TrainPoint[];
  height: number;
  /** Draw splices (methods whose cut weights can come back). */
  splices: boolean;
}) {
  const data = useMemo(
    () =>
      props.data
        .filter((p) => p.phase === 'train')
        .map((p) => ({
          step: p.step,
          cuts: log1p10(p.cutsPerStep),
          splices: log1p10(p.splicesPerStep),
        })),
    [props.data],
  );
  const ticks = useMemo(
    () =>
      log1pTicks(Math.max(1, ...props.data.map((p) => Math.max(p.cutsPerStep, p.splicesPerStep)))),
    [props.data],
  );
  return (
    <>
      <ChartLegend
        items={[
          { label: 'cuts / step', colour: COLOURS.cut },
          ...(props.splices ? [{ label: 'splices / step', colour: COLOURS.splice }] : []),
        ]}
      />
      <ResponsiveContainer width="100%" height={props.height}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={COLOURS.grid} vertical={false} />
          <XAxis {...STEP_AXIS} />
          <YAxis
            tick={AXIS_TICK}
            width={44}
            ticks={ticks}
            domain={[0, ticks.at(-1) ?? 1]}
            tickFormatter={countLabel}
          />
          <Tooltip
            formatter={tooltipNumber((v) => expm1_10(v).toPrecision(3))}
            labelFormatter={stepLabel}
          />
          <Line
            type="linear"
            dataKey="cuts"
            name="cuts / step"
            stroke={COLOURS.cut}
            strokeWidth={2}
            dot={fewDots(data.length, COLOURS.cut)}
            isAnimationActive={false}
          />
          {props.splices && (
            <Line
              type="linear"
              dataKey="splices"
              name="splices / step"
              stroke={COLOURS.splice}
              strokeWidth={2}
              dot={fewDots(data.length, COLOURS.splice)}
              isAnimationActive={false}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </>
  );
});
