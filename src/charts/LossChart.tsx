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
import { STEP_AXIS, stepLabel, tooltipNumber } from './chartProps';
import { fewDots, niceScale } from './series';
import { AXIS_TICK, COLOURS } from './theme';

/** Training loss over steps (mean over the steps between two points). */
export const LossChart = memo(function LossChart(props: {
  data: readonly TrainPoint[];
  height: number;
}) {
  const y = niceScale(
    0,
    Math.max(1e-3, ...props.data.map((p) => (Number.isFinite(p.loss) ? p.loss : 0))),
    5,
  );
  return (
    <ResponsiveContainer width="100%" height={props.height}>
      <LineChart
        data={props.data as TrainPoint[]}
        margin={{ top: 8, right: 12, bottom: 4, left: 0 }}
      >
        <CartesianGrid stroke={COLOURS.grid} vertical={false} />
        <XAxis {...STEP_AXIS} />
        <YAxis
          tick={AXIS_TICK}
          width={48}
          domain={y.domain}
          ticks={y.ticks}
          tickFormatter={(v: number) => String(v)}
        />
        <Tooltip formatter={tooltipNumber((v) => v.toFixed(4))} labelFormatter={stepLabel} />
        <Line
          type="linear"
          dataKey="loss"
          name="loss"
          stroke={COLOURS.loss}
          strokeWidth={2}
          dot={fewDots(props.data.length, COLOURS.loss)}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
});
