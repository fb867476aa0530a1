import type { Checkpoint } from '../models/checkpoint';
import { modelLabel } from '../models/zoo';
import { exportModel } from './params';
import type { ExportFile } from './types';

const KERNEL_INIT = {
  class_name: 'VarianceScaling',
  config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null },
};
const NO_EXTRAS = {
  kernel_regularizer: null,
  bias_regularizer: null,
  activity_regularizer: null,
  kernel_constraint: null,
  bias_constraint: null,
};

/**
 * A TensorFlow.js layers model (model.json + one weights file) of the checkpoint: the lab's own
 * layout (NHWC images, pixels 0..255 rescaled by 1/255 inside; features otherwise), masked weights.
 */
export function tfjsModel(ckpt: Checkpoint, base: string): ExportFile[] {
  const m = exportModel(ckpt);
  const inputShape = [null, ...m.arch.inputShape];
  const layers: unknown[] = [];
  let first = true;
  const withInput = (config: Record<string, unknown>) => {
    if (!first) return config;
    first = false;
    return { ...config, batch_input_shape: inputShape, dtype: 'float32' };
  };
  if (m.inputScale !== 1)
    layers.push({
      class_name: 'Rescaling',
      config: withInput({ scale: m.inputScale, offset: 0, name: 'rescale', trainable: false }),
    });
  let k = 0;
  let pools = 0;
  for (const spec of m.arch.layers) {
    if (spec.kind === 'flatten') {
      layers.push({
        class_name: 'Flatten',
        config: withInput({ name: 'flatten', trainable: true }),
      });
    } else if (spec.kind === 'maxpool') {
      const s = [spec.size, spec.size];
      layers.push({
        class_name: 'MaxPooling2D',
        config: withInput({
          pool_size: s,
          strides: s,
          padding: 'valid',
          data_format: 'channels_last',
          name: `pool${++pools}`,
          trainable: true,
        }),
      });
    } else {
      const layer = m.layers[k++]!;
      const common = {
        activation: spec.relu ? 'relu' : 'linear',
        use_bias: true,
        kernel_initializer: KERNEL_INIT,
        bias_initializer: { class_name: 'Zeros', config: {} },
        ...NO_EXTRAS,
        name: layer.name,
        trainable: true,
      };
      layers.push(
        spec.kind === 'dense'
          ? { class_name: 'Dense', config: withInput({ units: spec.units, ...common }) }
          : {
              class_name: 'Conv2D',
              config: withInput({
                filters: spec.filters,
                kernel_size: [spec.kernel, spec.kernel],
                strides: [1, 1],
                padding: 'valid',
                data_format: 'channels_last',
                dilation_rate: [1, 1],
                ...common,
              }),
            },
      );
    }
  }
  const weightsName = `${base}.weights.bin`;
  const specs = m.layers.flatMap((l) => [
    { name: `${l.name}/kernel`, shape: [...l.shape], dtype: 'float32' },
    { name: `${l.name}/bias`, shape: [l.b.length], dtype: 'float32' },
  ]);
  const total = m.layers.reduce((s, l) => s + l.w.length + l.b.length, 0);
  const bin = new Uint8Array(total * 4);
  const view = new DataView(bin.buffer);
  let off = 0;
  for (const l of m.layers)
    for (const arr of [l.w, l.b])
      for (let i = 0; i < arr.length; i++, off += 4) view.setFloat32(off, arr[i]!, true);
  const h = ckpt.header;
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'pruning-lab',
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: `${modelLabel(h.model)}_${h.dataset}`.replace(/[^A-Za-z0-9_]/g, '_'),
        layers,
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: [weightsName], weights: specs }],
    userDefinedMetadata: {
      model: modelLabel(h.model),
      dataset: h.dataset,
      input: m.image ? 'raw pixel values 0..255, NHWC' : 'features as the lab feeds them',
    },
  };
  return [
    {
      name: `${base}.model.json`,
      mime: 'application/json',
      bytes: new TextEncoder().encode(JSON.stringify(modelJson, null, 1) + '\n'),
    },
    { name: weightsName, mime: 'application/octet-stream', bytes: bin },
  ];
}
