import { INK, OKABE_ITO } from '../theme';

/**
 * One colour per method, the same in every view (Okabe & Ito first, then darker tones that stay
 * apart from them); DNS gets vermillion, the colour of cuts.
 */
const METHOD_COLOURS: Record<string, string> = {
  dns: OKABE_ITO.vermillion,
  imp: OKABE_ITO.blue,
  lth: OKABE_ITO.skyBlue,
  oneshot: OKABE_ITO.reddishPurple,
  agp: OKABE_ITO.bluishGreen,
  movement: OKABE_ITO.orange,
  set: '#8c564b',
  rigl: '#6a3d9a',
  nm: '#7a7a00',
  structured: '#4d4d4d',
  none: INK,
};

/** The colour of a method's curve. */
export function methodColour(method: string): string {
  return METHOD_COLOURS[method] ?? '#777777';
}

const SHORT: Record<string, string> = {
  dns: 'DNS',
  imp: 'IMP',
  lth: 'Lottery ticket',
  oneshot: 'One-shot',
  agp: 'AGP',
  movement: 'Movement',
  set: 'SET',
  rigl: 'RigL',
  nm: 'N:M',
  structured: 'Structured',
  none: 'Dense',
};

/** A short name for legends and tables. */
export function methodShort(method: string): string {
  return SHORT[method] ?? method;
}
