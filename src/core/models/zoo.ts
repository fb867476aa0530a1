import type { Architecture, LayerSpec, ModelConfig, ModelId } from './types';
import { MODEL_IDS } from './types';

export function isModelId(id: string): id is ModelId {
  return (MODEL_IDS as readonly string[]).includes(id);
}

/** Default hidden widths of the configurable MLP (toy and tabular data). */
export const DEFAULT_MLP_HIDDEN = [16, 16] as const;

/**
 * The layer list of a model for a given input and class count.
 * LeNet-5 is Caffe's / the DNS code's: conv 20@5x5, max-pool 2, conv 50@5x5, max-pool 2, fc 500,
 * ReLU, fc 10, with no ReLU after the convolutions.
 */
export function architecture(
  model: ModelConfig,
  inputShape: readonly number[],
  numClasses: number,
): Architecture {
  const layers: LayerSpec[] = [];
  const flatInput = inputShape.length > 1;
  switch (model.id) {
    case 'lenet300':
      if (flatInput) layers.push({ kind: 'flatten' });
      layers.push(
        { kind: 'dense', name: 'ip1', units: 300, relu: true },
        { kind: 'dense', name: 'ip2', units: 100, relu: true },
        { kind: 'dense', name: 'ip3', units: numClasses, relu: false },
      );
      break;
    case 'lenet5':
      if (inputShape.length !== 3)
        throw new Error(
          `LeNet-5 needs image input [h, w, c]; this data has shape [${inputShape.join(', ')}]`,
        );
      if (inputShape[0]! < 16 || inputShape[1]! < 16)
        throw new Error(
          `LeNet-5 needs images of at least 16x16; this data is ${inputShape[0]}x${inputShape[1]}`,
        );
      layers.push(
        { kind: 'conv2d', name: 'conv1', filters: 20, kernel: 5, relu: false },
        { kind: 'maxpool', size: 2 },
        { kind: 'conv2d', name: 'conv2', filters: 50, kernel: 5, relu: false },
        { kind: 'maxpool', size: 2 },
        { kind: 'flatten' },
        { kind: 'dense', name: 'ip1', units: 500, relu: true },
        { kind: 'dense', name: 'ip2', units: numClasses, relu: false },
      );
      break;
    case 'mlp': {
      if (flatInput) layers.push({ kind: 'flatten' });
      const hidden = model.hidden ?? DEFAULT_MLP_HIDDEN;
      hidden.forEach((units, k) =>
        layers.push({ kind: 'dense', name: `fc${k + 1}`, units, relu: true }),
      );
      layers.push({
        kind: 'dense',
        name: `fc${hidden.length + 1}`,
        units: numClasses,
        relu: false,
      });
      break;
    }
  }
  return { model, inputShape, numClasses, layers };
}

/** A short label such as "mlp-16-16" for file names and tables. */
export function modelLabel(model: ModelConfig): string {
  return model.id === 'mlp' ? ['mlp', ...(model.hidden ?? DEFAULT_MLP_HIDDEN)].join('-') : model.id;
}

/**
 * Name, kind, size (weights + biases) and weight shape of each prunable layer, without building
 * tensors.
 */
export function layerInfos(
  arch: Architecture,
): { name: string; kind: 'dense' | 'conv2d'; size: number; weightShape: number[] }[] {
  const out: { name: string; kind: 'dense' | 'conv2d'; size: number; weightShape: number[] }[] = [];
  let shape = [...arch.inputShape];
  for (const s of arch.layers) {
    if (s.kind === 'flatten') shape = [shape.reduce((p, q) => p * q, 1)];
    else if (s.kind === 'maxpool')
      shape = [Math.floor(shape[0]! / s.size), Math.floor(shape[1]! / s.size), shape[2]!];
    else if (s.kind === 'dense') {
      out.push({
        name: s.name,
        kind: 'dense',
        size: shape[0]! * s.units + s.units,
        weightShape: [shape[0]!, s.units],
      });
      shape = [s.units];
    } else {
      const [h, w, c] = shape as [number, number, number];
      out.push({
        name: s.name,
        kind: 'conv2d',
        size: s.kernel * s.kernel * c * s.filters + s.filters,
        weightShape: [s.kernel, s.kernel, c, s.filters],
      });
      shape = [h - s.kernel + 1, w - s.kernel + 1, s.filters];
    }
  }
  return out;
}
