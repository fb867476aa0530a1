/**
 * Ids of the datasets that ship with the lab. No imports: the page reads them without pulling in
 * the loaders and parsers of builtin.ts.
 */
export const BUILTIN_DATASETS = [
  'mnist',
  'fashion-mnist',
  'iris',
  'digits',
  'circle',
  'xor',
  'gaussians',
  'spiral',
] as const;
export type BuiltinDatasetId = (typeof BUILTIN_DATASETS)[number];

/** Whether `id` names a dataset that ships with the lab. */
export function isBuiltinDataset(id: string): id is BuiltinDatasetId {
  return (BUILTIN_DATASETS as readonly string[]).includes(id);
}
