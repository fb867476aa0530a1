/** Layers of a model architecture, in order. Prunable layers (dense, conv2d) hold weights. */
export type LayerSpec =
  | {
      readonly kind: 'dense';
      readonly name: string;
      readonly units: number;
      readonly relu: boolean;
    }
  | {
      readonly kind: 'conv2d';
      readonly name: string;
      readonly filters: number;
      readonly kernel: number;
      readonly relu: boolean;
    }
  | { readonly kind: 'maxpool'; readonly size: number }
  | { readonly kind: 'flatten' };

/** A model the lab can build: built-in ids, with hidden sizes for the configurable MLP. */
export interface ModelConfig {
  readonly id: ModelId;
  /** Hidden layer widths for `mlp` (ignored by the LeNets). */
  readonly hidden?: readonly number[];
}

export const MODEL_IDS = ['lenet300', 'lenet5', 'mlp'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** A resolved architecture: layer list plus input and output sizes. */
export interface Architecture {
  readonly model: ModelConfig;
  readonly inputShape: readonly number[];
  readonly numClasses: number;
  readonly layers: readonly LayerSpec[];
}
