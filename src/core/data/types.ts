/** One split of a dataset: `count` examples, features row-major, one class index per example. */
export interface DataSplit {
  readonly count: number;
  /** count × featureSize values. Uint8 for images (multiply by `Dataset.xScale`), Float32 otherwise. */
  readonly x: Uint8Array | Float32Array;
  /** Class index per example. */
  readonly y: Uint8Array;
}

/** A dataset ready for training: train / validation / test splits and what the model needs to know. */
export interface Dataset {
  readonly id: string;
  readonly title: string;
  /** Shape of one example: [h, w, c] for images, [d] for tabular and toy data. */
  readonly inputShape: readonly number[];
  readonly featureSize: number;
  readonly numClasses: number;
  readonly classNames: readonly string[];
  /** Factor applied to stored x values when a batch is built (1/255 for uint8 images). */
  readonly xScale: number;
  readonly train: DataSplit;
  readonly validation: DataSplit;
  readonly test: DataSplit;
  readonly license?: string;
  readonly attribution?: string;
}

/** Progress of loading a dataset, for progress bars. */
export interface LoadProgress {
  /** The file being read. */
  readonly file: string;
  /** Fraction of all the dataset's bytes read so far, in [0, 1]. */
  readonly fraction: number;
}

/** What the manifest knows of a file's size, so a source can report progress as a fraction. */
export interface ExpectedSize {
  /** Size of the file as stored (gzip-compressed for `.gz`). */
  readonly bytes: number;
  /** Size once inflated, when the file is gzip. */
  readonly rawBytes?: number;
}

/** Reads a file of the built-in data folder (`public/datasets/…`) as bytes; fetch in the browser, fs in Node. */
export type ByteSource = (
  relativePath: string,
  progress?: { readonly expected: ExpectedSize; readonly onFraction: (fraction: number) => void },
) => Promise<Uint8Array>;

/** Number of examples of each class. */
export function labelHistogram(y: Uint8Array, numClasses: number): number[] {
  const h = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < y.length; i++) h[y[i]!] = (h[y[i]!] ?? 0) + 1;
  return h;
}
