import { describe, expect, it } from 'vitest';
import {
  CHART_GAP_MS,
  chartDue,
  chartGap,
  LONG_TASK_GAP_FACTOR,
  LONG_TASK_MEMORY_MS,
} from '../../src/ui/chartClock';

describe('the chart clock under load', () => {
  it('keeps the plain gap on an idle page', () => {
    expect(chartGap(10_000, null)).toBe(CHART_GAP_MS);
  });

  it('spaces chart updates by ten times the latest long task, while it is recent', () => {
    expect(chartGap(10_000, { end: 9_500, ms: 120 })).toBe(LONG_TASK_GAP_FACTOR * 120);
    // Forgotten once it is older than the memory: an idle page is back to the plain gap.
    expect(chartGap(10_000, { end: 10_000 - LONG_TASK_MEMORY_MS - 1, ms: 120 })).toBe(CHART_GAP_MS);
  });

  it('never holds the charts back longer than the memory', () => {
    expect(chartGap(10_000, { end: 9_900, ms: 2_000 })).toBe(LONG_TASK_MEMORY_MS);
  });
});

describe('when a chart redraws', () => {
  it('waits its interval while in view, and shows the latest values at once when idle', () => {
    expect(chartDue(false, true, 5_000, 1_000)).toBe(6_000);
    expect(chartDue(true, true, 5_000, 1_000)).toBe(0);
  });

  it('does not redraw out of view while training, but does once the run stops', () => {
    expect(chartDue(false, false, 5_000, 1_000)).toBe(Infinity);
    expect(chartDue(true, false, 5_000, 1_000)).toBe(0);
  });
});
