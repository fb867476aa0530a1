import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/core/data/types';
import { exportRun, ONNX_OPSET } from '../../../src/core/export';
import { backend } from '../../helpers/tf';
import {
  accuracy,
  labLogits,
  loadMnist,
  maxAbsDiff,
  rawPixels,
  shipped,
  withMagnitudeMask,
} from './fixtures';

let data: Dataset;
beforeAll(async () => {
  await backend('wasm'); // the CLI's default backend; its conv is fast enough for 2,000 images
  data = await loadMnist();
});

/** Logits of the exported ONNX model in onnxruntime for test examples [0, count). */
async function ortLogits(
  bytes: Uint8Array,
  dims: number[],
  x: Float32Array,
): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const out = await session.run({ input: new ort.Tensor('float32', x, dims) });
    const logits = out['logits']!;
    expect(logits.dims).toEqual([dims[0], 10]);
    return logits.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe.each([
  ['lenet300-mnist.ckpt', (n: number) => [n, 784]],
  ['lenet5-mnist.ckpt', (n: number) => [n, 1, 28, 28]],
])('ONNX export of %s with a magnitude mask', (file, dims) => {
  it("gives the lab's logits (max |Δ| < 1e-4) and test accuracy (±0.1 point) on 2,000 images", async () => {
    const ckpt = withMagnitudeMask(await shipped(file), 0.7);
    const [onnxFile] = exportRun({ checkpoint: ckpt }, 'onnx');
    const n = 2000;
    const ours = await ortLogits(onnxFile!.bytes, dims(n), rawPixels(data, n));
    const lab = await labLogits(ckpt, data, n);
    expect(maxAbsDiff(ours, lab)).toBeLessThan(1e-4);
    const labels = data.test.y.subarray(0, n);
    const accLab = accuracy(lab, 10, labels);
    expect(accLab).toBeGreaterThan(0.5); // the mask left a working model
    expect(Math.abs(accuracy(ours, 10, labels) - accLab)).toBeLessThanOrEqual(0.001);
  });
});

describe('ONNX file', () => {
  it('states its opset and keeps pruned weights exactly zero', async () => {
    const ckpt = withMagnitudeMask(await shipped('lenet5-mnist.ckpt'), 0.9);
    const [f] = exportRun({ checkpoint: ckpt }, 'onnx');
    expect(f!.name).toBe('lenet5-mnist.onnx');
    const { onnx } = (await import('onnx-proto')).default;
    const model = onnx.ModelProto.decode(f!.bytes);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET]]);
    const graph = model.graph!;
    const init = new Map((graph.initializer ?? []).map((t) => [t.name, t]));
    const w = init.get('ip1.weight')!;
    expect((w.dims ?? []).map(Number)).toEqual([500, 800]);
    const raw = w.rawData!;
    const values = new Float32Array(
      raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength),
    );
    // ip1's mask in the lab's [800, 500] (NHWC rows) layout: its zero count survives the permutation
    const mask = ckpt.tensors[ckpt.header.params.findIndex((p) => p.name === 'ip1/wMask')]!;
    const zerosMask = mask.filter((m) => m === 0).length;
    expect(values.filter((v) => Object.is(v, 0)).length).toBe(zerosMask);
    expect((graph.node ?? []).map((nd) => nd.opType)).toEqual([
      'Mul',
      'Conv',
      'MaxPool',
      'Conv',
      'MaxPool',
      'Flatten',
      'Gemm',
      'Relu',
      'Gemm',
    ]);
  });
});
