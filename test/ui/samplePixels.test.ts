import { describe, expect, it } from 'vitest';
import { sampleStrip } from '../../src/ui/upload/samplePixels';

describe('sampleStrip', () => {
  it('lays gray images side by side with a gap, as RGBA', () => {
    const a = Uint8Array.from([0, 50, 100, 150]);
    const b = Uint8Array.from([200, 210, 220, 230]);
    const s = sampleStrip([a, b], 2, 2, 1, 1, [255, 255, 255]);
    expect([s.width, s.height]).toEqual([5, 2]);
    const px = (x: number, y: number) => [...s.rgba.subarray((y * 5 + x) * 4, (y * 5 + x) * 4 + 4)];
    expect(px(1, 0)).toEqual([50, 50, 50, 255]);
    expect(px(2, 1)).toEqual([255, 255, 255, 255]); // the gap
    expect(px(3, 1)).toEqual([220, 220, 220, 255]);
  });

  it('keeps colour images in colour', () => {
    const rgb = Uint8Array.from([10, 20, 30]);
    const s = sampleStrip([rgb], 1, 1, 3);
    expect([...s.rgba]).toEqual([10, 20, 30, 255]);
  });

  it('draws an empty class as one blank pixel column', () => {
    expect(sampleStrip([], 4, 4, 1).width).toBe(1);
  });
});
