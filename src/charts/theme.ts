/** Okabe & Ito (2008): eight colours that stay apart for the common colour-vision deficiencies. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** The light and the dark theme (styles.css defines both; `html[data-theme]` picks one). */
export type ThemeName = 'light' | 'dark';

/**
 * Ink that follows the theme: black on the light page, near-white on the dark one. SVG attributes
 * take CSS variables; the fallback is what a chart exported as a standalone SVG file shows.
 */
export const INK = 'var(--chart-ink, #000000)';

/** One colour per meaning, shared by the heatmaps, the charts and their legends. */
export const COLOURS = {
  loss: INK,
  trainAccuracy: OKABE_ITO.orange,
  validationAccuracy: OKABE_ITO.blue,
  density: OKABE_ITO.bluishGreen,
  cut: OKABE_ITO.vermillion,
  splice: OKABE_ITO.blue,
  baseline: 'var(--chart-baseline, #6b6b6b)',
  alive: 'var(--chart-alive, #2a2a2a)',
  pruned: 'var(--chart-pruned, #c9c9c9)',
  grid: 'var(--chart-grid, #e4e4e4)',
  axis: 'var(--chart-axis, #333333)',
} as const;

/** Colours of the runs kept in the session chart, in order (yellow is left out: too light on white). */
export const RUN_COLOURS = [
  INK,
  OKABE_ITO.orange,
  OKABE_ITO.blue,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.vermillion,
] as const;

/** Axis text large enough for a projector. */
export const AXIS_TICK = { fontSize: 13, fill: COLOURS.axis } as const;
