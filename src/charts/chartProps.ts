import { AXIS_TICK } from './theme';

/** The x axis of the charts over training steps: spread into `<XAxis>`. */
export const STEP_AXIS = {
  dataKey: 'step',
  type: 'number',
  domain: ['dataMin', 'dataMax'],
  tick: AXIS_TICK,
  allowDecimals: false,
} as const;

/** Tooltip heading of the charts over training steps. */
export const stepLabel = (l: unknown): string => `step ${l}`;

/** A tooltip formatter: numbers through `format`, anything else as text. */
export const tooltipNumber =
  (format: (v: number) => string) =>
  (v: unknown): string =>
    typeof v === 'number' ? format(v) : String(v);

/** Percent with two decimals (values already in percent). */
export const percent2 = (v: number): string => `${v.toFixed(2)}%`;
