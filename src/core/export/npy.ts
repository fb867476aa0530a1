import { zipSync } from 'fflate';
import type { Checkpoint } from '../models/checkpoint';
import { modelLabel } from '../models/zoo';
import type { ExportModel } from './params';
import { exportModel, torchLayout } from './params';
import type { ExportFile } from './types';

/**
 * One little-endian float32 `.npy` (format 1.0): magic, version, header length, a Python dict
 * literal padded with spaces to a multiple of 64 bytes, then the C-order data.
 */
export function encodeNpy(shape: readonly number[], data: Float32Array): Uint8Array {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]); // \x93NUMPY v1.0
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const start = 10 + header.length;
  for (let i = 0; i < data.length; i++) view.setFloat32(start + 4 * i, data[i]!, true);
  return out;
}

/** What `model.json` in the zip says: the PyTorch modules to build, in order. */
function torchDescription(m: ExportModel, ckpt: Checkpoint) {
  const s = m.arch.inputShape;
  let k = 0;
  const modules = m.arch.layers.map((spec) => {
    if (spec.kind === 'flatten') return { type: 'Flatten' };
    if (spec.kind === 'maxpool') return { type: 'MaxPool2d', kernel_size: spec.size };
    const l = m.layers[k++]!;
    const layer =
      spec.kind === 'dense'
        ? { type: 'Linear', name: l.name, in_features: l.shape[0], out_features: spec.units }
        : {
            type: 'Conv2d',
            name: l.name,
            in_channels: l.shape[2],
            out_channels: spec.filters,
            kernel_size: spec.kernel,
          };
    return { ...layer, relu: spec.relu };
  });
  return {
    model: modelLabel(ckpt.header.model),
    dataset: ckpt.header.dataset,
    input_shape: m.convolutional ? [s[2], s[0], s[1]] : [s.reduce((p, q) => p * q, 1)],
    input_scale: m.inputScale,
    layout: 'PyTorch: Linear [out, in], Conv2d OIHW, channels-first flatten',
    modules,
  };
}

/** A zip of `.npy` files in PyTorch layout: `<layer>.weight`, `.weight_mask`, `.bias`, `.bias_mask`. */
export function npyZip(ckpt: Checkpoint, base: string): ExportFile {
  const m = exportModel(ckpt);
  const files: Record<string, Uint8Array> = {};
  for (const l of m.layers) {
    const w = torchLayout(l, l.w);
    const wm = torchLayout(l, l.wMask);
    files[`${l.name}.weight.npy`] = encodeNpy(w.shape, w.data);
    files[`${l.name}.weight_mask.npy`] = encodeNpy(wm.shape, wm.data);
    files[`${l.name}.bias.npy`] = encodeNpy([l.b.length], l.b);
    files[`${l.name}.bias_mask.npy`] = encodeNpy([l.bMask.length], l.bMask);
  }
  files['model.json'] = new TextEncoder().encode(
    JSON.stringify(torchDescription(m, ckpt), null, 1) + '\n',
  );
  // no timestamps from the clock: the same checkpoint gives the same bytes
  const bytes = zipSync(files, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
  return { name: `${base}.npy.zip`, mime: 'application/zip', bytes };
}
