import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportRun } from '../../../src/core/export';
import { encodeNpy } from '../../../src/core/export/npy';
import { shipped, withMagnitudeMask } from './fixtures';

/** Reads a float32 .npy: its header dict, shape and values (the format NumPy documents). */
function readNpy(bytes: Uint8Array): { header: string; shape: number[]; values: Float32Array } {
  expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const len = bytes[8]! | (bytes[9]! << 8);
  expect((10 + len) % 64).toBe(0);
  const header = new TextDecoder().decode(bytes.subarray(10, 10 + len));
  expect(header.endsWith('\n')).toBe(true);
  const m = /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(([\d, ]*)\), \}\s*$/.exec(
    header,
  );
  expect(m, header).not.toBeNull();
  const shape = m![1]!
    .split(',')
    .filter((s) => s.trim())
    .map(Number);
  const data = bytes.slice(10 + len);
  const values = new Float32Array(data.buffer, 0, data.length / 4);
  expect(values.length).toBe(shape.reduce((a, b) => a * b, 1));
  return { header, shape, values };
}

describe('encodeNpy', () => {
  it('writes 1-D shapes as a Python one-tuple', () => {
    const r = readNpy(encodeNpy([3], Float32Array.of(1, -0.5, 2)));
    expect(r.header).toContain("'shape': (3,)");
    expect(Array.from(r.values)).toEqual([1, -0.5, 2]);
  });
});

describe('NumPy export of LeNet-5 with masks', async () => {
  const ckpt = withMagnitudeMask(await shipped('lenet5-mnist.ckpt'), 0.8);
  const [zip] = exportRun({ checkpoint: ckpt }, 'npy');
  const files = unzipSync(zip!.bytes);
  const npy = (name: string) => readNpy(files[`${name}.npy`]!);
  const labTensor = (name: string) =>
    ckpt.tensors[ckpt.header.params.findIndex((p) => p.name === name)]!;

  it('holds weight, mask, bias and bias mask per layer, in PyTorch shapes', () => {
    expect(zip!.name).toBe('lenet5-mnist.npy.zip');
    const shapes = Object.fromEntries(
      Object.keys(files)
        .filter((f) => f.endsWith('.npy'))
        .map((f) => [f, readNpy(files[f]!).shape]),
    );
    expect(shapes).toEqual({
      'conv1.weight.npy': [20, 1, 5, 5],
      'conv1.weight_mask.npy': [20, 1, 5, 5],
      'conv1.bias.npy': [20],
      'conv1.bias_mask.npy': [20],
      'conv2.weight.npy': [50, 20, 5, 5],
      'conv2.weight_mask.npy': [50, 20, 5, 5],
      'conv2.bias.npy': [50],
      'conv2.bias_mask.npy': [50],
      'ip1.weight.npy': [500, 800],
      'ip1.weight_mask.npy': [500, 800],
      'ip1.bias.npy': [500],
      'ip1.bias_mask.npy': [500],
      'ip2.weight.npy': [10, 500],
      'ip2.weight_mask.npy': [10, 500],
      'ip2.bias.npy': [10],
      'ip2.bias_mask.npy': [10],
    });
  });

  it.each(['conv1.weight', 'conv2.weight', 'ip1.weight', 'ip2.weight', 'ip1.bias'])(
    '%s is exactly +0 wherever its mask is 0',
    (name) => {
      const w = npy(name).values;
      const mask = npy(name.replace(/\.(weight|bias)$/, '.$1_mask')).values;
      const zeroWhereCut = mask.every((m, i) => m === 1 || Object.is(w[i], 0));
      expect(zeroWhereCut).toBe(true);
      expect(mask.every((m) => m === 0 || m === 1)).toBe(true);
      const lab = labTensor(`${name.split('.')[0]}/${name.endsWith('bias') ? 'bMask' : 'wMask'}`);
      expect(mask.filter((m) => m === 0).length).toBe(lab.filter((m) => m === 0).length);
    },
  );

  it('transposes conv kernels HWIO -> OIHW', () => {
    // lab conv2 kernel [5, 5, 20, 50] at (y, x, i, o) -> PyTorch [50, 20, 5, 5] at (o, i, y, x)
    const w = labTensor('conv2/w');
    const mask = labTensor('conv2/wMask');
    const torch = npy('conv2.weight').values;
    const torchMask = npy('conv2.weight_mask').values;
    let wrong = 0;
    for (let y = 0; y < 5; y++)
      for (let x = 0; x < 5; x++)
        for (let i = 0; i < 20; i++)
          for (let o = 0; o < 50; o++) {
            const lab = ((y * 5 + x) * 20 + i) * 50 + o;
            const pt = ((o * 20 + i) * 5 + y) * 5 + x;
            if (torchMask[pt] !== mask[lab] || torch[pt] !== (mask[lab] === 0 ? 0 : w[lab]))
              wrong++;
          }
    expect(wrong).toBe(0);
  });

  it("permutes ip1's inputs from the lab's NHWC flatten to a channels-first flatten", () => {
    // lab ip1 row (y, x, c) of a [4, 4, 50] map = (y*4 + x)*50 + c; PyTorch column c*16 + y*4 + x
    const w = labTensor('ip1/w');
    const mask = labTensor('ip1/wMask');
    const torch = npy('ip1.weight').values;
    const torchMask = npy('ip1.weight_mask').values;
    let wrong = 0;
    for (let y = 0; y < 4; y++)
      for (let x = 0; x < 4; x++)
        for (let c = 0; c < 50; c++)
          for (let o = 0; o < 500; o++) {
            const lab = ((y * 4 + x) * 50 + c) * 500 + o;
            const pt = o * 800 + c * 16 + y * 4 + x;
            if (torchMask[pt] !== mask[lab] || torch[pt] !== (mask[lab] === 0 ? 0 : w[lab]))
              wrong++;
          }
    expect(wrong).toBe(0);
  });

  it('describes the modules to build in model.json', () => {
    const desc = JSON.parse(new TextDecoder().decode(files['model.json']!)) as {
      input_shape: number[];
      input_scale: number;
      modules: { type: string }[];
    };
    expect(desc.input_shape).toEqual([1, 28, 28]);
    expect(desc.input_scale).toBeCloseTo(1 / 255, 12);
    expect(desc.modules.map((m) => m.type)).toEqual([
      'Conv2d',
      'MaxPool2d',
      'Conv2d',
      'MaxPool2d',
      'Flatten',
      'Linear',
      'Linear',
    ]);
  });
});
