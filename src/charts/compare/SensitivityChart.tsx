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
import type { SensitivityResult } from '../../core/train/sensitivity';
import { ChartLegend } from '../ChartLegend';
import { HORIZONTAL_GRID, percent2, tooltipNumber } from '../chartProps';
import { niceScale } from '../series';
import { AXIS_TICK, COLOURS, OKABE_ITO } from '../theme';

/** One colour per layer, in order (Okabe & Ito, then darker tones). */
export const LAYER_COLOURS = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
  '#8c564b',
] as const;

/** Per-layer sensitivity as data for the chart: accuracy (percent) at each sparsity (percent). */
export function sensitivitySeries(r: SensitivityResult) {
  return r.curves.map((c, k) => ({
    layer: c.layer,
    colour: LAYER_COLOURS[k % LAYER_COLOURS.length]!,
    points: c.sparsity.map((s, i) => ({
      sparsity: Math.round(100 * s),
      accuracy: 100 * c.accuracy[i]!,
    })),
  }));
}

/**
 * Distiller's sensitivity fan: accuracy as one layer at a time is pruned to 0..95% by |w| (no
 * retraining), one curve per layer, and the network as it is for reference. A layer whose curve
 * falls early is the one to prune least.
 */
export const SensitivityChart = memo(function SensitivityChart(props: {
  result: SensitivityResult;
  height: number;
}) {
  const series = useMemo(() => sensitivitySeries(props.result), [props.result]);
  const base = 100 * props.result.baseline.accuracy;
  const lo = Math.min(base, ...series.flatMap((s) => s.points.map((p) => p.accuracy)));
  const y = niceScale(Math.max(0, Math.floor(lo / 5) * 5), 100, 6);
  return (
    <>
      <ChartLegend
        items={[
          ...series.map((s) => ({ label: s.layer, colour: s.colour })),
          { label: `as it is ${base.toFixed(2)}%`, colour: COLOURS.baseline, dashed: true },
        ]}
      />
      <ResponsiveContainer width="100%" height={props.height}>
        <LineChart margin={{ top: 8, right: 16, bottom: 18, left: 0 }}>
          <CartesianGrid stroke={COLOURS.grid} {...HORIZONTAL_GRID} />
          <XAxis
            dataKey="sparsity"
            type="number"
            domain={[0, 95]}
            ticks={[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95]}
            tick={AXIS_TICK}
            unit="%"
            label={{
              value: 'sparsity of that one layer (pruned by |w|, no retraining)',
              position: 'insideBottom',
              offset: -12,
              fontSize: 13,
            }}
          />
          <YAxis
            type="number"
            domain={y.domain}
            ticks={y.ticks}
            allowDataOverflow
            tick={AXIS_TICK}
            width={52}
            unit="%"
          />
          <Tooltip
            formatter={tooltipNumber(percent2)}
            labelFormatter={(l) => `layer pruned to ${String(l)}%`}
          />
          <ReferenceLine y={base} stroke={COLOURS.baseline} strokeDasharray="6 4" />
          {series.map((s) => (
            <Line
              key={s.layer}
              className="sensitivity-curve"
              data={s.points}
              dataKey="accuracy"
              name={s.layer}
              stroke={s.colour}
              strokeWidth={2.5}
              dot={{ r: 2.5, fill: s.colour }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </>
  );
});
