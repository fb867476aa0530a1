import type { BackendName } from '../../core/backend';
import type { Dataset } from '../../core/data/types';
import type { UploadError, UploadWarning } from '../../core/data/upload/errors';
import type { SavedUploadSummary } from '../../core/data/upload/persist';
import type {
  BlobLike,
  ColumnRole,
  CsvReport,
  Delimiter,
  ImageReport,
  UploadFile,
} from '../../core/data/upload/types';

// Messages between the page and the upload worker: parsing and IndexedDB both run there, so the
// page never reads, parses or structured-clones an upload on its own thread.

/** Where an upload comes from. Files travel as handles (`File` clones without its bytes). */
export type UploadSource =
  /** A CSV/TSV/TXT (optionally gzip) or a zip of class folders: the worker tells them apart. */
  | { readonly kind: 'file'; readonly file: UploadFile }
  /** The files of a picked or dropped folder, one sub-folder per class. */
  | {
      readonly kind: 'folder';
      readonly name: string;
      readonly files: readonly { readonly path: string; readonly file: BlobLike }[];
    }
  /** A sample shipped under `public/datasets/` (fetched from the app's own origin). */
  | { readonly kind: 'example'; readonly path: string; readonly name: string }
  /** The original file kept with a saved upload, parsed again with other options. */
  | { readonly kind: 'saved'; readonly id: string; readonly name: string };

/** The options the preview lets the user change (plain data). */
export interface CsvChoices {
  readonly labelColumn?: string;
  readonly delimiter?: Delimiter | 'auto';
  readonly header?: boolean | 'auto';
  readonly columns?: Readonly<Record<string, ColumnRole>>;
}

export interface ImageChoices {
  /** Side of the square input, in pixels. */
  readonly size?: number;
  readonly color?: 'auto' | 'grayscale' | 'rgb';
}

export interface UploadChoices {
  readonly csv?: CsvChoices;
  readonly image?: ImageChoices;
  readonly seed?: number;
}

/** A successful parse as it reaches the page (arrays moved, not copied). */
export interface ParsedUpload {
  readonly ok: true;
  readonly kind: 'csv' | 'images';
  readonly name: string;
  readonly dataset: Dataset;
  readonly report: CsvReport | ImageReport;
  readonly warnings: readonly UploadWarning[];
}

/** A failed parse: the typed error, what was reported before it, and the CSV's columns if known. */
export interface FailedUpload {
  readonly ok: false;
  /** What the source turned out to be, null when it could not even be opened. */
  readonly kind: 'csv' | 'images' | null;
  readonly name: string;
  readonly error: UploadError;
  readonly warnings: readonly UploadWarning[];
  /** Column names of a CSV that could be read this far, so another label column can be picked. */
  readonly columns: readonly string[] | null;
}

export type ParseOutcome = ParsedUpload | FailedUpload;

/** A parsed upload to keep, with the source it came from (the worker stores its bytes too). */
export interface SaveRequest {
  readonly kind: 'csv' | 'images';
  readonly name: string;
  readonly dataset: Dataset;
  readonly report: CsvReport | ImageReport;
  readonly warnings: readonly UploadWarning[];
  readonly source: UploadSource;
  readonly choices: UploadChoices;
}

export type UploadCommand =
  | { readonly type: 'init'; readonly baseUrl: string }
  | {
      readonly type: 'parse';
      readonly id: number;
      readonly source: UploadSource;
      readonly choices: UploadChoices;
      /** The lab's backend, for the model suggestion (a GPU backend suggests LeNet-5). */
      readonly backend: BackendName | null;
    }
  | { readonly type: 'save'; readonly upload: SaveRequest }
  | { readonly type: 'load'; readonly id: string }
  | { readonly type: 'remove'; readonly id: string };

/** A saved upload loaded back: its dataset and preview, and whether its original file was kept. */
export interface LoadedUpload {
  readonly id: string;
  readonly kind: 'csv' | 'images';
  readonly name: string;
  readonly dataset: Dataset;
  readonly report: CsvReport | ImageReport;
  readonly warnings: readonly UploadWarning[];
  readonly choices: UploadChoices | null;
}

export type UploadEvent =
  /** Whether uploads can be kept (IndexedDB), and the saved ones. */
  | {
      readonly type: 'storage';
      readonly available: boolean;
      readonly message: string | null;
      readonly saved: readonly SavedUploadSummary[];
    }
  | {
      readonly type: 'progress';
      readonly id: number;
      readonly label: string;
      readonly done: number;
      readonly total: number;
    }
  | { readonly type: 'parsed'; readonly id: number; readonly outcome: ParseOutcome }
  | { readonly type: 'saved'; readonly summary: SavedUploadSummary }
  | { readonly type: 'list'; readonly saved: readonly SavedUploadSummary[] }
  | { readonly type: 'loaded'; readonly upload: LoadedUpload }
  | { readonly type: 'removed'; readonly id: string }
  /** Storage failed (full, unavailable, damaged record): the upload still works this session. */
  | { readonly type: 'storeError'; readonly message: string }
  /** The worker itself failed (it could not load, or a bug): nothing in flight will answer. */
  | { readonly type: 'failed'; readonly message: string };
