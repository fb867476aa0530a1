import { memo, useMemo } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Histogram } from '../core/train/snapshot';
import type { LayerThresholds } from '../core/pruning/types';
import { countLabel, histogramBars, log1pTicks } from './series';
import { AXIS_TICK, COLOURS } from './theme';

/**
 * One layer's |w| histogram (log counts) as two step areas, alive over pruned, with the cut threshold a
 * and the splice threshold b: weights crossing a get cut, pruned ones growing past b come back.
 * Methods with one threshold (a = b: the smallest |w| a magnitude method keeps) get one line.
 */
export const HistogramChart = memo(function HistogramChart(props: {
  histogram: Histogram;
  thresholds: LayerThresholds | null;
  height: number;
}) {
  const { histogram: h, thresholds: th } = props;
  const data = useMemo(() => histogramBars(h), [h]);
  const maxCount = useMemo(
    () => Math.max(1, ...data.map((d) => Math.max(d.aliveCount, d.prunedCount))),
    [data],
  );
  const ticks = log1pTicks(maxCount);
  const domainMax = Math.max(h.maxAbs, th ? th.b * 1.05 : 0);
  const fmt = (v: number) => (domainMax < 0.1 ? v.toFixed(3) : v.toFixed(2));
  return (
    <ResponsiveContainer width="100%" height={props.height}>
      <AreaChart data={data} margin={{ top: 8, right: 10, bottom: 4, left: 0 }}>
        <CartesianGrid stroke={COLOURS.grid} vertical={false} />
        <XAxis
          dataKey="x"
          type="number"
          domain={[0, domainMax]}
          tick={AXIS_TICK}
          tickFormatter={fmt}
          tickCount={5}
        />
        <YAxis
          tick={AXIS_TICK}
          width={40}
          ticks={ticks}
          domain={[0, ticks.at(-1) ?? 1]}
          tickFormatter={countLabel}
        />
        <Tooltip
          formatter={(_v, name, item) => {
            const p = item.payload as { aliveCount: number; prunedCount: number };
            return [name === 'alive' ? p.aliveCount : p.prunedCount, name];
          }}
          labelFormatter={(x) => `|w| ≈ ${fmt(Number(x))}`}
        />
        <Area
          type="step"
          dataKey="pruned"
          name="pruned"
          stroke="#9a9a9a"
          fill={COLOURS.pruned}
          fillOpacity={0.9}
          dot={false}
          isAnimationActive={false}
        />
        <Area
          type="step"
          dataKey="alive"
          name="alive"
          stroke={COLOURS.alive}
          fill={COLOURS.alive}
          fillOpacity={0.55}
          dot={false}
          isAnimationActive={false}
        />
        {th && <ReferenceLine x={th.a} stroke={COLOURS.cut} strokeWidth={2} />}
        {th && th.b !== th.a && (
          <ReferenceLine x={th.b} stroke={COLOURS.splice} strokeWidth={2} strokeDasharray="5 3" />
        )}
      </AreaChart>
    </ResponsiveContainer>
  );
});
