import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TrainPoint } from '../state/types';
import type { ValidationPoint } from '../worker/protocol';
import { ChartLegend } from './ChartLegend';
import {
  ALL_TICKS,
  HORIZONTAL_GRID,
  percent2Tooltip,
  STEP_AXIS,
  stepLabel,
  useStable,
  useStepTicks,
} from './chartProps';
import { accuracyDomain, fewDots, niceScale } from './series';
import { AXIS_TICK, COLOURS } from './theme';

const MARGIN = { top: 8, right: 4, bottom: 4, left: 0 };
const PERCENT_DOMAIN = [0, 100];

/**
 * Train and validation accuracy (left axis, zoomed to where they are) and overall density (right
 * axis, 0–100%) over steps, with the dense baseline as a reference line.
 */
export const AccuracyChart = memo(function AccuracyChart(props: {
  train: readonly TrainPoint[];
  validation: readonly ValidationPoint[];
  baseline: number | null;
  height: number;
}) {
  const val = useMemo(
    () => props.validation.map((p) => ({ step: p.step, validationAccuracy: 100 * p.accuracy })),
    [props.validation],
  );
  const accuracyRange = useMemo(
    () =>
      accuracyDomain([
        ...val.map((p) => p.validationAccuracy),
        ...props.train.slice(-200).map((p) => p.trainAccuracy),
        ...(props.baseline !== null ? [100 * props.baseline] : []),
      ]),
    [val, props.train, props.baseline],
  );
  const acc = useStable(niceScale(accuracyRange[0], accuracyRange[1], 6));
  const trainDot = useStable(fewDots(props.train.length, COLOURS.trainAccuracy));
  const valDot = useStable(fewDots(val.length, COLOURS.validationAccuracy));
  const densityDot = useStable(fewDots(props.train.length, COLOURS.density));
  const xTicks = useStepTicks(props.train, val);
  return (
    <>
      <ChartLegend
        items={[
          { label: 'validation acc.', colour: COLOURS.validationAccuracy },
          { label: 'train acc.', colour: COLOURS.trainAccuracy },
          { label: 'density (right axis)', colour: COLOURS.density },
          ...(props.baseline !== null
            ? [
                {
                  label: `dense start ${(100 * props.baseline).toFixed(1)}%`,
                  colour: COLOURS.baseline,
                  dashed: true,
                },
              ]
            : []),
        ]}
      />
      <ResponsiveContainer width="100%" height={props.height}>
        <LineChart margin={MARGIN}>
          <CartesianGrid stroke={COLOURS.grid} {...HORIZONTAL_GRID} />
          <XAxis {...STEP_AXIS} ticks={xTicks} allowDuplicatedCategory={false} />
          <YAxis
            yAxisId="acc"
            tick={AXIS_TICK}
            width={52}
            domain={acc.domain}
            ticks={acc.ticks}
            allowDataOverflow
            unit="%"
            {...ALL_TICKS}
          />
          <YAxis
            yAxisId="density"
            orientation="right"
            tick={AXIS_TICK}
            width={48}
            domain={PERCENT_DOMAIN}
            unit="%"
          />
          <Tooltip formatter={percent2Tooltip} labelFormatter={stepLabel} />
          {props.baseline !== null && (
            <ReferenceLine
              yAxisId="acc"
              y={100 * props.baseline}
              stroke={COLOURS.baseline}
              strokeDasharray="6 4"
            />
          )}
          <Line
            yAxisId="acc"
            data={props.train as TrainPoint[]}
            dataKey="trainAccuracy"
            name="train acc."
            stroke={COLOURS.trainAccuracy}
            strokeWidth={1.5}
            dot={trainDot}
            isAnimationActive={false}
          />
          <Line
            yAxisId="acc"
            data={val}
            dataKey="validationAccuracy"
            name="validation acc."
            stroke={COLOURS.validationAccuracy}
            strokeWidth={2.5}
            dot={valDot}
            isAnimationActive={false}
          />
          <Line
            yAxisId="density"
            data={props.train as TrainPoint[]}
            dataKey="density"
            name="density"
            stroke={COLOURS.density}
            strokeWidth={2.5}
            strokeDasharray="2 0"
            dot={densityDot}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </>
  );
});
