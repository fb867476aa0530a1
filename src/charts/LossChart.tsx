import { memo } from 'react';
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
import { fewDots, niceScale } from './series';
import { AXIS_TICK, COLOURS } from './theme';

const LOSS_TOOLTIP = tooltipNumber((v) => v.toFixed(4));

/** Training loss over steps (mean over the steps between two points). */
export const LossChart = memo(function LossChart(props: {
  data: readonly TrainPoint[];
  height: number;
}) {
  const y = useStable(
    niceScale(
      0,
      Math.max(1e-3, ...props.data.map((p) => (Number.isFinite(p.loss) ? p.loss : 0))),
      5,
    ),
  );
  const dot = useStable(fewDots(props.data.length, COLOURS.loss));
  const xTicks = useStepTicks(props.data);
  return (
    <ResponsiveContainer width="100%" height={props.height}>
      <LineChart data={props.data as TrainPoint[]} margin={CURVE_MARGIN}>
        <CartesianGrid stroke={COLOURS.grid} {...HORIZONTAL_GRID} />
        <XAxis {...STEP_AXIS} ticks={xTicks} />
        <YAxis
          tick={AXIS_TICK}
          width={48}
          domain={y.domain}
          ticks={y.ticks}
          tickFormatter={String}
          {...ALL_TICKS}
        />
        <Tooltip formatter={LOSS_TOOLTIP} labelFormatter={stepLabel} />
        <Line
          type="linear"
          dataKey="loss"
          name="loss"
          stroke={COLOURS.loss}
          strokeWidth={2}
          dot={dot}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
});
