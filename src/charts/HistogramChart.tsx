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
import { ALL_TICKS, HORIZONTAL_GRID, useStable } from './chartProps';
import { countLabel, histogramBars, log1pTicks, niceScale } from './series';
import { AXIS_TICK, COLOURS } from './theme';

// Made once: recharts redraws a chart whose settings change identity (chartProps.useStable).
const MARGIN = { top: 8, right: 10, bottom: 4, left: 0 };
const fixed2 = (v: number) => v.toFixed(2);
const fixed3 = (v: number) => v.toFixed(3);
/** A round tick as it is (0.025, 0.05, 0.1), without float noise. */
const roundLabel = (v: number) => String(Number(v.toPrecision(4)));
const label2 = (x: unknown) => `|w| ≈ ${fixed2(Number(x))}`;
const label3 = (x: unknown) => `|w| ≈ ${fixed3(Number(x))}`;
const countOfBar = (_v: unknown, name: unknown, item: { payload?: unknown }) => {
  const p = item.payload as { aliveCount: number; prunedCount: number };
  return [name === 'alive' ? p.aliveCount : p.prunedCount, name] as [number, string];
};

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
  const ticks = useStable(log1pTicks(maxCount));
  const yDomain = useStable([0, ticks.at(-1) ?? 1]);
  const domainMax = Math.max(h.maxAbs, th ? th.b * 1.05 : 0);
  const xDomain = useMemo(() => [0, domainMax], [domainMax]);
  // Round ticks clear of the right edge (a label centred on the edge would be cut in half).
  const xTicks = useStable(
    niceScale(0, domainMax, 6).ticks.filter((t) => t <= 0.9 * domainMax || t === 0),
  );
  const label = domainMax < 0.1 ? label3 : label2;
  return (
    <ResponsiveContainer width="100%" height={props.height}>
      <AreaChart data={data} margin={MARGIN}>
        <CartesianGrid stroke={COLOURS.grid} {...HORIZONTAL_GRID} />
        <XAxis
          dataKey="x"
          type="number"
          domain={xDomain}
          tick={AXIS_TICK}
          tickFormatter={roundLabel}
          ticks={xTicks}
          {...ALL_TICKS}
        />
        <YAxis
          tick={AXIS_TICK}
          width={40}
          ticks={ticks}
          domain={yDomain}
          tickFormatter={countLabel}
          {...ALL_TICKS}
        />
        <Tooltip formatter={countOfBar} labelFormatter={label} />
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
