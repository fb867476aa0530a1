import { describe, expect, it } from 'vitest';
import {
  formatCompression,
  formatInt,
  formatMs,
  formatPercent,
  formatRate,
  formatWeight,
} from '../../src/ui/format';
import { isTyping } from '../../src/ui/useKeyboard';

describe('formatting', () => {
  it('shows density as the issue asks ("3.7%")', () => {
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.5634)).toBe('56.3%');
    expect(formatPercent(0.0372)).toBe('3.7%');
    expect(formatPercent(0.00449)).toBe('0.45%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(NaN)).toBe('–');
  });

  it('shows compression as 1 / density', () => {
    expect(formatCompression(1)).toBe('1.0×');
    expect(formatCompression(1 / 8.26)).toBe('8.3×');
    expect(formatCompression(1 / 56.4)).toBe('56×');
    expect(formatCompression(0)).toBe('–');
  });

  it('formats counts, rates, weights and times', () => {
    expect(formatInt(266610)).toBe('266,610');
    expect(formatRate(0.349)).toBe('0.35');
    expect(formatRate(1204.2)).toBe('1,204');
    expect(formatWeight(-0.02134)).toBe('−0.0213');
    expect(formatMs(24.4)).toBe('24 ms');
    expect(formatMs(1400)).toBe('1.4 s');
  });
});

describe('keyboard', () => {
  it('leaves keys alone while the user types in a field', () => {
    expect(isTyping({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'SELECT' } as unknown as EventTarget)).toBe(true);
    expect(
      isTyping({ tagName: 'BUTTON', isContentEditable: false } as unknown as EventTarget),
    ).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
