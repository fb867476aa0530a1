import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { weightFiles } from '../../../src/core/report/bytes';
import type { ReportLayer } from '../../../src/core/report/layers';
import {
  decodeWeights,
  encodeWeights,
  relativeIndices,
  weightsToCheckpoint,
} from '../../../src/core/report/weightsFile';
import { architecture } from '../../../src/core/models/zoo';
import { gridLayers } from './helpers';

const id = {
  model: { id: 'mlp' as const, hidden: [2] },
  dataset: 't',
  inputShape: [3],
  numClasses: 2,
};

/** 3 inputs × 2 outputs: w = [[1, 0], [0, 2], [3, 0]], kept where non-zero; biases 0.5, −0.5. */
const small: ReportLayer = {
  name: 'fc1',
  kind: 'dense',
  shape: [3, 2],
  rows: 3,
  cols: 2,
  w: Float32Array.from([1, 0, 0, 2, 3, 0]),
  b: Float32Array.from([0.5, -0.5]),
  keepW: Uint8Array.from([1, 0, 0, 1, 1, 0]),
  keepB: Uint8Array.from([1, 1]),
};

const sameFloats = (a: Float32Array, b: Float32Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );

function bodyBytes(bytes: Uint8Array): number {
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  return bytes.length - 12 - len;
}

describe('weight files', () => {
  it('CSR bytes of a small matrix: counts, relative indices, values, (scales), biases', () => {
    // rows by output unit: unit 0 keeps inputs 0 and 2 (gaps 0, 1), unit 1 keeps input 1 (gap 1)
    // csr-f32: 2 u16 counts + 3 u8 gaps + 3 f32 values + 2 f32 biases = 4 + 3 + 12 + 8
    expect(bodyBytes(encodeWeights(id, [small], 'csr-f32'))).toBe(27);
    // csr-int8: 4 + 3 + 3 int8 values + 2 f32 scales + 8
    expect(bodyBytes(encodeWeights(id, [small], 'csr-int8'))).toBe(26);
    expect(bodyBytes(encodeWeights(id, [small], 'csr-int8', 'layer'))).toBe(22);
    // dense-f32: 6 + 2 float32
    expect(bodyBytes(encodeWeights(id, [small], 'dense-f32'))).toBe(32);
    const csr = encodeWeights(id, [small], 'csr-f32');
    const body = csr.subarray(csr.length - 27);
    expect(Array.from(body.subarray(0, 7))).toEqual([2, 0, 1, 0, 0, 1, 1]);
  });

  it('relative indices bridge gaps over 255 with filler entries (Deep Compression)', () => {
    expect(relativeIndices([0, 2, 3])).toEqual({ gaps: [0, 1, 0], at: [0, 2, 3] });
    expect(relativeIndices([300])).toEqual({ gaps: [255, 44], at: [255, 300] });
    expect(relativeIndices([256])).toEqual({ gaps: [255, 0], at: [255, 256] });
    expect(relativeIndices([255])).toEqual({ gaps: [255], at: [255] });
  });

  it('every encoding round-trips; float32 exactly, int8 within half a step', () => {
    for (const enc of ['dense-f32', 'csr-f32'] as const) {
      const d = decodeWeights(encodeWeights(id, [small], enc));
      expect(Array.from(d.layers[0]!.w)).toEqual([1, 0, 0, 2, 3, 0]);
      expect(Array.from(d.layers[0]!.b)).toEqual([0.5, -0.5]);
    }
    const q = decodeWeights(encodeWeights(id, [small], 'csr-int8')).layers[0]!.w;
    // channel 0: s = 3/127, so 1 → round(42.33) = 42 → 0.99213; channel 1: s = 2/127 → exact
    expect(q[0]).toBeCloseTo((42 * 3) / 127, 6);
    expect(q[3]).toBeCloseTo(2, 6);
    expect(q[4]).toBeCloseTo(3, 6);
    expect([q[1], q[2], q[5]]).toEqual([0, 0, 0]);
  });

  it('round-trips a LeNet-300-100 with long gaps, sparse rows and empty rows', () => {
    const arch = architecture({ id: 'lenet300' }, [28, 28, 1], 10);
    const layers = gridLayers(arch, (l, r, c) =>
      l === 0 ? c % 3 !== 0 && (r * 7 + c) % 301 === 0 : (r + c) % 5 === 0,
    );
    const files = weightFiles(
      { ...id, model: { id: 'lenet300' }, inputShape: [28, 28, 1], numClasses: 10 },
      layers,
    );
    for (const f of files) {
      expect(Buffer.from(gunzipSync(f.gzipped)).equals(Buffer.from(f.bytes))).toBe(true);
      const back = weightsToCheckpoint(decodeWeights(f.bytes));
      expect(back.tensors.length).toBe(6);
      if (f.encoding !== 'csr-int8')
        layers.forEach((l, k) => expect(sameFloats(back.tensors[2 * k]!, l.w)).toBe(true));
    }
    const sizes = Object.fromEntries(files.map((f) => [f.encoding, f.bytes.length]));
    expect(sizes['csr-int8']!).toBeLessThan(sizes['csr-f32']!);
    expect(sizes['csr-f32']!).toBeLessThan(sizes['dense-f32']!);
  });

  it('refuses bytes that are not a weight file or are cut short, with a message', () => {
    expect(() => decodeWeights(new Uint8Array(20))).toThrow(/not a Pruning Lab weight file/);
    const f = encodeWeights(id, [small], 'csr-f32');
    expect(() => decodeWeights(f.subarray(0, f.length - 3))).toThrow(/truncated/);
  });
});
