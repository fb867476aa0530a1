import type { BackendName } from '../../backend';
import type { ModelConfig } from '../../models/types';
import type { Dataset } from '../types';
import type { ClassCount, DropReason, UploadError, UploadWarning } from './errors';

/** A file the parser may read: a browser `File`/`Blob` fits. `size` is checked before any read. */
export interface BlobLike {
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** An uploaded file with its name (a browser `File` fits). */
export interface UploadFile extends BlobLike {
  readonly name: string;
}

/** One file of a dropped folder; `path` is relative, e.g. `pets/cat/001.png` (webkitRelativePath). */
export interface FolderFile {
  readonly path: string;
  readonly file: BlobLike;
}

/** The outcome of a parse: a dataset and its preview, or a fatal error. Never thrown. */
export type UploadResult<R> =
  | {
      readonly ok: true;
      readonly dataset: Dataset;
      readonly report: R;
      readonly warnings: readonly UploadWarning[];
    }
  | {
      readonly ok: false;
      readonly error: UploadError;
      readonly warnings: readonly UploadWarning[];
    };

/** Seeded stratified train/validation/test split (fractions of all examples). */
export interface SplitOptions {
  /** Seed of the split (default 1). */
  readonly seed?: number;
  /** Fraction of examples for validation, in [0, 0.45] (default 0.2). */
  readonly validationFraction?: number;
  /** Fraction of examples for test, in [0, 0.45] (default 0.2). */
  readonly testFraction?: number;
  /** Dataset id (default: `upload-<name>-<content hash>`). */
  readonly id?: string;
  /** Dataset title (default: the file name). */
  readonly title?: string;
}

export interface SplitSizes {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

export type Delimiter = ',' | ';' | '\t' | '|';
/** How a CSV column is used; `auto` decides from the values (see `csvColumns.ts`). */
export type ColumnRole = 'auto' | 'numeric' | 'categorical' | 'ignore';

/** CSV/TSV parse options: plain data, so they can be posted to a worker and stored. */
export interface CsvOptions extends SplitOptions {
  /** Field separator (default: detected among , ; tab |). */
  readonly delimiter?: Delimiter | 'auto';
  /** Whether the first row names the columns (default: detected). */
  readonly header?: boolean | 'auto';
  /** Label column: a header name or a 0-based index (default: the last column). */
  readonly labelColumn?: string | number;
  /** Per-column role by header name (or `column N`, 1-based, without a header). */
  readonly columns?: Readonly<Record<string, ColumnRole>>;
  /** Most one-hot categories per categorical column (default 20); more drops the column. */
  readonly maxCategories?: number;
  /** Most classes in the label column (default 100, at most 255). */
  readonly maxClasses?: number;
  /** Largest accepted file, also once un-gzipped (default 50 MB). */
  readonly maxBytes?: number;
}

/** A range and train-split statistics of a numeric column (raw units). */
export interface NumericSummary {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly std: number;
}

/** One column of the uploaded CSV and what became of it. */
export interface ColumnReport {
  readonly name: string;
  /** 0-based position in the file. */
  readonly index: number;
  readonly role: 'label' | 'numeric' | 'categorical' | 'dropped';
  readonly missing: number;
  readonly numeric?: NumericSummary;
  /** Training-split categories with their counts, in one-hot order (natural sort). */
  readonly categories?: readonly ClassCount[];
  readonly dropReason?: DropReason;
  /** The missing share (`mostly-missing`) or the category count (`too-many-categories`). */
  readonly dropDetail?: number;
  /** Encoded features [start, end) in the model input. */
  readonly features?: readonly [number, number];
}

/** A model the lab suggests for an upload, and why. */
export interface ModelSuggestion {
  readonly model: ModelConfig;
  readonly reason: string;
}

/** The imbalance of the classes: largest over smallest count. */
export interface Imbalance {
  readonly ratio: number;
  readonly heavy: boolean;
}

/** The preview of a CSV upload. */
export interface CsvReport {
  readonly kind: 'csv';
  readonly file: string;
  /** Data rows in the file (after the header, without blank lines). */
  readonly totalRows: number;
  /** Rows used (rows without a label are left out). */
  readonly rows: number;
  readonly delimiter: Delimiter;
  readonly header: boolean;
  /** `sklearn` when the first row was scikit-learn's `n, d, class names…` line. */
  readonly layout: 'plain' | 'sklearn';
  readonly gzip: boolean;
  readonly label: { readonly column: string; readonly index: number };
  readonly classes: readonly ClassCount[];
  readonly imbalance: Imbalance;
  readonly columns: readonly ColumnReport[];
  /** Names of the encoded model inputs, e.g. `petal_width` or `color=red`. */
  readonly featureNames: readonly string[];
  readonly missing: number;
  readonly split: SplitSizes;
  readonly suggestedModel: ModelSuggestion;
}

/** Caps of an image upload; the defaults follow issue #5. */
export interface ImageCaps {
  /** Largest zip, or largest folder in total (default 100 MB). */
  readonly maxBytes?: number;
  /** Largest total declared uncompressed size of a zip (default 1 GB). */
  readonly maxUncompressedBytes?: number;
  /** Largest single image file (default 32 MB); larger ones are skipped. */
  readonly maxEntryBytes?: number;
  /** Largest image in pixels (default 25 M); larger ones are skipped. */
  readonly maxImagePixels?: number;
  /** Most images (default 20,000). */
  readonly maxImages?: number;
  /** Most classes (default 100). */
  readonly maxClasses?: number;
  /** Fewest images per class (default 2). */
  readonly minPerClass?: number;
  /** Largest decoded dataset in bytes (default 256 MB). */
  readonly maxDatasetBytes?: number;
}

/** Image upload options: plain data, so they can be posted to a worker and stored. */
export interface ImageOptions extends SplitOptions, ImageCaps {
  /** Output height and width (default 28 x 28; each in [4, 256]). */
  readonly height?: number;
  readonly width?: number;
  /** `auto` (default): grayscale when every image is gray, else RGB. */
  readonly color?: 'auto' | 'grayscale' | 'rgb';
  /** The backend the lab runs on, for the model suggestion (a GPU one suggests LeNet-5). */
  readonly backend?: BackendName;
  /** Sample images per class in the preview (default 8). */
  readonly samplesPerClass?: number;
}

/** Decoded pixels of one image, row-major, `channels` interleaved bytes per pixel. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. */
  readonly channels: 1 | 2 | 3 | 4;
  readonly pixels: Uint8Array;
}

/** Turns an image file's bytes into pixels; rejects on bytes it cannot decode. */
export type ImageDecoder = (bytes: Uint8Array, name: string) => Promise<DecodedImage>;

/** What an image parse needs besides its options (not serialisable, so kept apart). */
export interface ImageEnv {
  /** Default: the browser decoder where it exists, else the built-in PNG decoder. */
  readonly decoder?: ImageDecoder;
  /** Called as images are decoded. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Per-image decode time limit (default 10 s); a decode that takes longer is skipped. */
  readonly decodeTimeoutMs?: number;
}

/** A few resized images of one class for the preview grid (each height*width*channels bytes). */
export interface ClassSamples {
  readonly className: string;
  readonly classIndex: number;
  readonly images: readonly Uint8Array[];
}

/** The preview of an image upload. */
export interface ImageReport {
  readonly kind: 'images';
  readonly file: string;
  readonly images: number;
  readonly classes: readonly ClassCount[];
  readonly imbalance: Imbalance;
  /** [height, width, channels] of the model input. */
  readonly inputShape: readonly [number, number, number];
  readonly color: 'grayscale' | 'rgb';
  readonly samples: readonly ClassSamples[];
  /** Source sizes, most common first (up to 20). */
  readonly sizes: readonly { width: number; height: number; count: number }[];
  /** How many different source sizes there were. */
  readonly distinctSizes: number;
  /** Source channel counts, most common first. */
  readonly channels: readonly { channels: number; count: number }[];
  /** Images whose size differed from the target. */
  readonly resized: number;
  /** Entries left out, with why (all of them; the warnings list the first few). */
  readonly skipped: number;
  readonly split: SplitSizes;
  readonly suggestedModel: ModelSuggestion;
}
