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
import {
  ALL_TICKS,
  CURVE_MARGIN,
  HORIZONTAL_GRID,
  STEP_AXIS,
  stepLabel,
  tooltipNumber,
  useStable,
  useStepTicks,
} from './chartProps';
import { countLabel, expm1_10, fewDots, log1p10, log1pTicks } from './series';
import { AXIS_TICK, COLOURS } from './theme';

const COUNT_TOOLTIP = tooltipNumber((v) => expm1_10(v).toPrecision(3));

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
  const ticks = useStable(
    log1pTicks(Math.max(1, ...props.data.map((p) => Math.max(p.cutsPerStep, p.splicesPerStep)))),
  );
  const domain = useStable([0, ticks.at(-1) ?? 1]);
  const cutDot = useStable(fewDots(data.length, COLOURS.cut));
  const xTicks = useStepTicks(data);
  const spliceDot = useStable(fewDots(data.length, COLOURS.splice));
  return (
    <>
      <ChartLegend
        items={[
          { label: 'cuts / step', colour: COLOURS.cut },
          ...(props.splices ? [{ label: 'splices / step', colour: COLOURS.splice }] : []),
        ]}
      />
      <ResponsiveContainer width="100%" height={props.height}>
        <LineChart data={data} margin={CURVE_MARGIN}>
          <CartesianGrid stroke={COLOURS.grid} {...HORIZONTAL_GRID} />
          <XAxis {...STEP_AXIS} ticks={xTicks} />
          <YAxis
            tick={AXIS_TICK}
            width={44}
            ticks={ticks}
            domain={domain}
            tickFormatter={countLabel}
            {...ALL_TICKS}
          />
          <Tooltip formatter={COUNT_TOOLTIP} labelFormatter={stepLabel} />
          <Line
            type="linear"
            dataKey="cuts"
            name="cuts / step"
            stroke={COLOURS.cut}
            strokeWidth={2}
            dot={cutDot}
            isAnimationActive={false}
          />
          {props.splices && (
            <Line
              type="linear"
              dataKey="splices"
              name="splices / step"
              stroke={COLOURS.splice}
              strokeWidth={2}
              dot={spliceDot}
              isAnimationActive={false}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </>
  );
});
