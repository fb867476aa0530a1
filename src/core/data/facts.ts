import type { BuiltinDatasetId } from './ids';

/** What a link check needs to know about a dataset without loading it. */
export interface DataFacts {
  readonly inputShape: readonly number[];
  readonly numClasses: number;
  /** Examples in the training split (after the validation carve). */
  readonly trainCount: number;
}

/**
 * Shapes and training-split sizes of the built-in sets (the loaders' defaults: image sets carve
 * DEFAULT_VALIDATION, tabular and toy sets split 60/20/20). No imports, so the page can read it
 * without the loaders; test/core/data/facts.test.ts checks it against them.
 */
export const BUILTIN_FACTS: Readonly<Record<BuiltinDatasetId, DataFacts>> = {
  mnist: { inputShape: [28, 28, 1], numClasses: 10, trainCount: 55000 },
  'fashion-mnist': { inputShape: [28, 28, 1], numClasses: 10, trainCount: 18000 },
  iris: { inputShape: [4], numClasses: 3, trainCount: 90 },
  digits: { inputShape: [64], numClasses: 10, trainCount: 1078 },
  circle: { inputShape: [2], numClasses: 2, trainCount: 600 },
  xor: { inputShape: [2], numClasses: 2, trainCount: 600 },
  gaussians: { inputShape: [2], numClasses: 3, trainCount: 600 },
  spiral: { inputShape: [2], numClasses: 2, trainCount: 600 },
};
