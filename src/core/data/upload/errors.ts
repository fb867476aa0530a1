/**
 * What can go wrong with an upload. An `UploadError` is fatal: nothing is built and the lab keeps
 * the dataset it had. An `UploadWarning` is reported while the parse goes on (skipped entries,
 * dropped columns, missing values, imbalance). Every one names the file and, where it can, the row
 * (1-based line of the file) or the zip/folder entry, and carries a human `message` saying what to do.
 */

import { errorMessage, warningMessage } from './messages';

/** Examples of a class, for counts in reports and warnings. */
export interface ClassCount {
  readonly name: string;
  readonly count: number;
}

/** Why a zip or folder entry was left out. */
export type SkipReason =
  | 'not-an-image'
  | 'unsafe-path'
  | 'outside-class-folder'
  | 'system-file'
  | 'too-large'
  | 'unsupported'
  | 'corrupt-image';

/** Why a CSV column was left out of the features. */
export type DropReason =
  'ignored' | 'empty' | 'mostly-missing' | 'constant' | 'row-index' | 'too-many-categories';

/** A fatal error without its message. */
export type ErrorDetail =
  | { code: 'bad-option'; option: string; reason: string }
  | { code: 'too-large'; file: string; bytes: number; maxBytes: number; inflated: boolean }
  | { code: 'read-failed'; file: string; reason: string }
  | { code: 'empty-file'; file: string }
  | { code: 'not-text'; file: string; offset: number }
  | { code: 'header-only'; file: string }
  | { code: 'single-column'; file: string }
  | { code: 'malformed-quotes'; file: string; row: number }
  | {
      code: 'ragged-rows';
      file: string;
      expected: number;
      rows: readonly { row: number; fields: number }[];
      count: number;
    }
  | { code: 'duplicate-header'; file: string; name: string; columns: readonly number[] }
  | { code: 'unknown-label-column'; file: string; column: string; available: readonly string[] }
  | { code: 'non-numeric-value'; file: string; row: number; column: string; value: string }
  | { code: 'non-finite-value'; file: string; row: number; column: string; value: string }
  | { code: 'too-few-classes'; file: string; classes: readonly string[] }
  | { code: 'too-many-classes'; file: string; count: number; max: number; looksContinuous: boolean }
  | {
      code: 'class-too-small';
      file: string;
      className: string;
      count: number;
      min: number;
      where: readonly string[];
    }
  | { code: 'no-features'; file: string }
  | { code: 'too-few-examples'; file: string; count: number }
  | { code: 'not-a-zip'; file: string }
  | { code: 'corrupt-zip'; file: string; reason: string }
  | {
      code: 'zip-bomb';
      file: string;
      entry?: string;
      kind: 'declared' | 'actual';
      bytes: number;
      maxBytes: number;
    }
  | { code: 'too-many-images'; file: string; count: number; max: number }
  | { code: 'no-images'; file: string }
  | { code: 'dataset-too-large'; file: string; bytes: number; maxBytes: number }
  | { code: 'internal'; file: string; reason: string };

/** A warning without its message. */
export type WarningDetail =
  | {
      code: 'missing-values';
      file: string;
      columns: readonly { column: string; count: number }[];
      total: number;
    }
  | { code: 'missing-labels'; file: string; rows: readonly number[]; count: number }
  | {
      code: 'columns-dropped';
      file: string;
      reason: DropReason;
      columns: readonly { column: string; detail?: number }[];
    }
  | { code: 'unseen-categories'; file: string; column: string; count: number }
  | {
      code: 'imbalanced';
      file: string;
      largest: ClassCount;
      smallest: ClassCount;
      ratio: number;
    }
  | {
      code: 'skipped-entries';
      file: string;
      reason: SkipReason;
      entries: readonly { path: string; detail?: string }[];
      count: number;
    }
  | {
      code: 'mixed-sizes';
      file: string;
      /** The most common sizes (up to 20). */
      sizes: readonly { width: number; height: number; count: number }[];
      distinct: number;
      target: readonly [number, number];
    }
  | {
      code: 'mixed-channels';
      file: string;
      channels: readonly { channels: number; count: number }[];
      color: 'grayscale' | 'rgb';
    };

/** A fatal upload problem: a discriminated union on `code`. */
export type UploadError = ErrorDetail & { readonly message: string };
/** A reported, non-fatal upload problem: a discriminated union on `code`. */
export type UploadWarning = WarningDetail & { readonly message: string };
export type UploadErrorCode = UploadError['code'];
export type UploadWarningCode = UploadWarning['code'];

/** Builds a fatal error with its message. */
export function uploadError(e: ErrorDetail): UploadError {
  return { ...e, message: errorMessage(e) };
}

/** Builds a warning with its message. */
export function uploadWarning(w: WarningDetail): UploadWarning {
  return { ...w, message: warningMessage(w) };
}

/** Thrown inside a parser to abort with a typed error; public entry points turn it into a result. */
export class UploadAbort extends Error {
  constructor(readonly error: UploadError) {
    super(error.message);
  }
}

/** Aborts the parse with a typed error. */
export function fail(e: ErrorDetail): never {
  throw new UploadAbort(uploadError(e));
}
