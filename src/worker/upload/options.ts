import type { CsvOptions, ImageOptions } from '../../core/data/upload/types';
import type { CsvChoices, ImageChoices, UploadChoices } from './protocol';

/** Parser options for a CSV from the preview's choices (undefined fields keep the defaults). */
export function csvOptions(c: UploadChoices): CsvOptions {
  const o = c.csv ?? {};
  return {
    ...(c.seed !== undefined ? { seed: c.seed } : {}),
    ...(o.labelColumn !== undefined ? { labelColumn: o.labelColumn } : {}),
    ...(o.delimiter !== undefined ? { delimiter: o.delimiter } : {}),
    ...(o.header !== undefined ? { header: o.header } : {}),
    ...(o.columns && Object.keys(o.columns).length > 0 ? { columns: { ...o.columns } } : {}),
  };
}

/**
 * Parser options for images from the preview's choices. The backend is left out on purpose: it
 * would change the dataset id (a hash of the options); the worker redoes the suggestion for it.
 */
export function imageOptions(c: UploadChoices): ImageOptions {
  const o = c.image ?? {};
  return {
    ...(c.seed !== undefined ? { seed: c.seed } : {}),
    ...(o.size !== undefined ? { height: o.size, width: o.size } : {}),
    ...(o.color !== undefined ? { color: o.color } : {}),
  };
}

/** The choices that gave stored parser options (the inverse of the two functions above). */
export function choicesFrom(
  kind: 'csv' | 'images',
  options: CsvOptions | ImageOptions,
): UploadChoices {
  const seed = options.seed !== undefined ? { seed: options.seed } : {};
  if (kind === 'csv') {
    const o = options as CsvOptions;
    const csv: CsvChoices = {
      ...(typeof o.labelColumn === 'string' ? { labelColumn: o.labelColumn } : {}),
      ...(o.delimiter !== undefined ? { delimiter: o.delimiter } : {}),
      ...(o.header !== undefined ? { header: o.header } : {}),
      ...(o.columns ? { columns: { ...o.columns } } : {}),
    };
    return { ...seed, csv };
  }
  const o = options as ImageOptions;
  const image: ImageChoices = {
    ...(o.height !== undefined ? { size: o.height } : {}),
    ...(o.color !== undefined ? { color: o.color } : {}),
  };
  return { ...seed, image };
}
