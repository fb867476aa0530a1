// onnx-proto is CommonJS (module.exports = root): a default import works in Node ESM and in Vite.
import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';
import type { Checkpoint } from '../models/checkpoint';
import { modelLabel } from '../models/zoo';
import type { ExportModel } from './params';
import { exportModel, torchLayout } from './params';
import type { ExportFile } from './types';

/** ONNX operator set the export targets (default domain); every op used exists unchanged there. */
export const ONNX_OPSET = 13;
/** ONNX IR version of the file (IR 7 goes with opset 13). */
const IR_VERSION = 7;

const O = onnxProto.onnx;
const FLOAT = O.TensorProto.DataType.FLOAT;

function tensor(name: string, dims: readonly number[], data: Float32Array): onnx.ITensorProto {
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i]!, true); // raw_data is LE
  return { name, dims: [...dims], dataType: FLOAT, rawData: bytes };
}

function ints(name: string, v: readonly number[]): onnx.IAttributeProto {
  return { name, type: O.AttributeProto.AttributeType.INTS, ints: [...v] };
}

function int(name: string, v: number): onnx.IAttributeProto {
  return { name, type: O.AttributeProto.AttributeType.INT, i: v };
}

function valueInfo(name: string, dims: (number | string)[], doc: string): onnx.IValueInfoProto {
  return {
    name,
    docString: doc,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: {
          dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })),
        },
      },
    },
  };
}

/** The graph's input: [N, C, H, W] pixels for conv models, [N, features] otherwise. */
function inputDims(m: ExportModel): number[] {
  const s = m.arch.inputShape;
  if (m.convolutional) return [s[2]!, s[0]!, s[1]!];
  return [s.reduce((p, q) => p * q, 1)];
}

/** Nodes and initializers of the forward pass (the lab's `Network.forward`, channels-first). */
function graphBody(m: ExportModel) {
  const nodes: onnx.INodeProto[] = [];
  const inits: onnx.ITensorProto[] = [];
  let x = 'input';
  let n = 0;
  const next = (op: string) => `${op.toLowerCase()}_${n++}`;
  const node = (op: string, inputs: string[], attrs: onnx.IAttributeProto[] = []) => {
    const out = next(op);
    nodes.push({ opType: op, name: out, input: inputs, output: [out], attribute: attrs });
    return out;
  };
  if (m.inputScale !== 1) {
    // the lab feeds x · (1/255); the graph takes raw pixel values 0..255
    inits.push(tensor('input_scale', [], Float32Array.of(m.inputScale)));
    x = node('Mul', [x, 'input_scale']);
  }
  let k = 0;
  for (const spec of m.arch.layers) {
    if (spec.kind === 'flatten') {
      if (m.convolutional) x = node('Flatten', [x], [int('axis', 1)]);
      continue; // MLP inputs arrive flat already
    }
    if (spec.kind === 'maxpool') {
      const s = [spec.size, spec.size];
      x = node('MaxPool', [x], [ints('kernel_shape', s), ints('strides', s)]);
      continue;
    }
    const layer = m.layers[k++]!;
    const w = torchLayout(layer, layer.w);
    inits.push(tensor(`${layer.name}.weight`, w.shape, w.data));
    inits.push(tensor(`${layer.name}.bias`, [layer.b.length], layer.b));
    const io = [x, `${layer.name}.weight`, `${layer.name}.bias`];
    x =
      spec.kind === 'dense'
        ? node('Gemm', io, [int('transB', 1)])
        : node('Conv', io, [ints('kernel_shape', [spec.kernel, spec.kernel])]);
    if (spec.relu) x = node('Relu', [x]);
  }
  // rename the last output to `logits`
  nodes[nodes.length - 1]!.output = ['logits'];
  return { nodes, inits };
}

/** An ONNX model of the checkpoint: masked float32 initializers, opset `ONNX_OPSET`. */
export function onnxModel(ckpt: Checkpoint, base: string): ExportFile {
  const m = exportModel(ckpt);
  const { nodes, inits } = graphBody(m);
  const h = ckpt.header;
  const inputDoc = m.image
    ? `raw pixel values 0..255 (float32), ${m.convolutional ? 'channels-first [N, C, H, W]' : 'row-major (h, w, c) flattened'}; the graph multiplies by 1/255 as the lab does`
    : 'features as the lab feeds them (standardised with the training split mean and std for tabular and toy data)';
  const model: onnx.IModelProto = {
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'pruning-lab',
    producerVersion: '1',
    docString: `${modelLabel(h.model)} trained on ${h.dataset}; pruned weights are exact zeros`,
    graph: {
      name: `${modelLabel(h.model)}_${h.dataset}`.replace(/[^A-Za-z0-9_]/g, '_'),
      node: nodes,
      initializer: inits,
      input: [valueInfo('input', ['N', ...inputDims(m)], inputDoc)],
      output: [valueInfo('logits', ['N', m.arch.numClasses], 'class logits (softmax not applied)')],
    },
    metadataProps: [
      { key: 'model', value: modelLabel(h.model) },
      { key: 'dataset', value: h.dataset },
      { key: 'input_scale', value: String(m.inputScale) },
    ],
  };
  const bytes = O.ModelProto.encode(O.ModelProto.create(model)).finish();
  return { name: `${base}.onnx`, mime: 'application/octet-stream', bytes: new Uint8Array(bytes) };
}
