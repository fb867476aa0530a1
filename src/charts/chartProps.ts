import { useRef } from 'react';
import { stepTicks } from './series';
import { AXIS_TICK } from './theme';

/**
 * `value` itself while it has not changed, as judged by its JSON (small props: domains, ticks, dot
 * styles). Recharts stores every axis and series setting it is given and recomputes its charts
 * when one changes identity, so a new but equal array each render costs a redraw of its own.
 */
export function useStable<T>(value: T): T {
  const ref = useRef<{ key: string; value: T } | null>(null);
  const key = JSON.stringify(value);
  if (ref.current?.key !== key) ref.current = { key, value };
  return ref.current.value;
}

/**
 * Axis props of the live charts: every tick the chart is given (we choose them: about five), so
 * recharts does not measure each new label in the DOM, a forced layout that made redraws long.
 */
export const ALL_TICKS = { interval: 0 } as const;

/**
 * `<CartesianGrid>` props of a grid with horizontal lines only: recharts works out the vertical
 * lines' positions even when it does not draw them (measuring the x labels in the DOM); this
 * gives it none to work out.
 */
export const HORIZONTAL_GRID = { vertical: false, verticalCoordinatesGenerator: () => [] } as const;

/** Margins of the charts over steps with one y axis (Loss, Cuts), made once. */
export const CURVE_MARGIN = { top: 8, right: 12, bottom: 4, left: 0 };

/** The x axis of the charts over training steps: spread into `<XAxis>`. */
export const STEP_AXIS = {
  dataKey: 'step',
  type: 'number',
  domain: ['dataMin', 'dataMax'],
  tick: AXIS_TICK,
  allowDecimals: false,
  ...ALL_TICKS,
} as const;

/** Round ticks for the step axis over the steps of `series` (stable while they stay round). */
export function useStepTicks(...series: readonly (readonly { step: number }[])[]): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    if (s.length > 0) {
      lo = Math.min(lo, s[0]!.step);
      hi = Math.max(hi, s.at(-1)!.step);
    }
  return useStable(stepTicks(lo, hi));
}

/** Tooltip heading of the charts over training steps. */
export const stepLabel = (l: unknown): string => `step ${l}`;

/** A tooltip formatter: numbers through `format`, anything else as text. */
export const tooltipNumber =
  (format: (v: number) => string) =>
  (v: unknown): string =>
    typeof v === 'number' ? format(v) : String(v);

/** Percent with two decimals (values already in percent). */
export const percent2 = (v: number): string => `${v.toFixed(2)}%`;

/** `tooltipNumber(percent2)`, made once (a new formatter each render is a changed setting). */
export const percent2Tooltip = tooltipNumber(percent2);
