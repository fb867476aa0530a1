import { memo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { NetworkFigures } from '../../core/report/types';
import { ChartLegend } from '../ChartLegend';
import { percent2, tooltipNumber } from '../chartProps';
import { AXIS_TICK, COLOURS, OKABE_ITO } from '../theme';
import { reliabilitySeries } from './reportData';

const DIAGONAL = [
  { confidence: 0, accuracy: 0 },
  { confidence: 100, accuracy: 100 },
];

/**
 * Reliability diagram (Guo et al. 2017, Fig. 1): accuracy against mean confidence of each of the
 * 15 equal-width bins; points under the diagonal are over-confident. Dense start and pruned.
 */
export const ReliabilityChart = memo(function ReliabilityChart(props: {
  pruned: NetworkFigures;
  dense: NetworkFigures | null;
  height: number;
}) {
  const pruned = reliabilitySeries(props.pruned);
  const dense = props.dense ? reliabilitySeries(props.dense) : [];
  return (
    <>
      <ChartLegend
        items={[
          { label: 'pruned', colour: OKABE_ITO.vermillion },
          ...(props.dense ? [{ label: 'dense start', colour: OKABE_ITO.blue }] : []),
          { label: 'perfect calibration', colour: COLOURS.baseline, dashed: true },
        ]}
      />
      <ResponsiveContainer width="100%" height={props.height}>
        <ComposedChart margin={{ top: 8, right: 16, bottom: 18, left: 0 }}>
          <CartesianGrid stroke={COLOURS.grid} />
          <XAxis
            dataKey="confidence"
            type="number"
            domain={[0, 100]}
            ticks={[0, 20, 40, 60, 80, 100]}
            tick={AXIS_TICK}
            unit="%"
            label={{
              value: 'confidence (mean of the bin)',
              position: 'insideBottom',
              offset: -12,
              fontSize: 13,
            }}
          />
          <YAxis
            dataKey="accuracy"
            type="number"
            domain={[0, 100]}
            ticks={[0, 20, 40, 60, 80, 100]}
            tick={AXIS_TICK}
            width={52}
            unit="%"
          />
          <Tooltip formatter={tooltipNumber(percent2)} />
          <Line
            data={DIAGONAL}
            dataKey="accuracy"
            stroke={COLOURS.baseline}
            strokeDasharray="6 4"
            dot={false}
            isAnimationActive={false}
            legendType="none"
          />
          {props.dense && (
            <Scatter
              name="dense start"
              data={dense}
              fill={OKABE_ITO.blue}
              line={{ stroke: OKABE_ITO.blue }}
              isAnimationActive={false}
            />
          )}
          <Scatter
            name="pruned"
            data={pruned}
            fill={OKABE_ITO.vermillion}
            line={{ stroke: OKABE_ITO.vermillion }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </>
  );
});
