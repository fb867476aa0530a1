import type { UploadWarning } from '../core/data/upload/errors';
import type {
  ParsedUpload,
  UploadChoices,
  UploadEvent,
  UploadSource,
} from '../worker/upload/protocol';

// The upload being previewed, and how the worker's answers change it (pure, for the slice).

/** A problem with an upload: the parser's typed error, or `storage` / `worker` failures. */
export interface UploadProblem {
  readonly code: string;
  readonly message: string;
}

/** The upload being previewed: its source, the choices it was parsed with and the outcome. */
export interface UploadDraft {
  /** The latest parse asked for; older answers are dropped. */
  readonly id: number;
  readonly name: string;
  /** Where to parse it again from; null when its original file was not kept. */
  readonly source: UploadSource | null;
  readonly kind: 'csv' | 'images' | null;
  readonly choices: UploadChoices;
  readonly parsing: boolean;
  readonly progress: {
    readonly label: string;
    readonly done: number;
    readonly total: number;
  } | null;
  /** The preview; null while a first parse runs or after the latest one failed. */
  readonly result: ParsedUpload | null;
  readonly error: UploadProblem | null;
  /** Warnings of the latest attempt (also of a failed one: skipped entries, say). */
  readonly warnings: readonly UploadWarning[];
  /** The CSV's column names (from the preview, or read from the first row after a failure). */
  readonly columns: readonly string[] | null;
}

/** A draft waiting for its first parse. */
export function parsingDraft(
  id: number,
  name: string,
  source: UploadSource,
  choices: UploadChoices,
): UploadDraft {
  return {
    id,
    name,
    source,
    kind: null,
    choices,
    parsing: true,
    progress: null,
    result: null,
    error: null,
    warnings: [],
    columns: null,
  };
}

/** The draft after the worker answered parse `id` (answers to older parses are dropped). */
export function applyParsed(
  d: UploadDraft | null,
  id: number,
  outcome: Extract<UploadEvent, { type: 'parsed' }>['outcome'],
): UploadDraft | null {
  if (!d || id !== d.id) return d;
  const base = { ...d, parsing: false, progress: null, warnings: outcome.warnings };
  if (outcome.ok) {
    const r = outcome.report;
    const columns = r.kind === 'csv' ? r.columns.map((c) => c.name) : null;
    return { ...base, kind: outcome.kind, result: outcome, error: null, columns };
  }
  const { code, message } = outcome.error;
  return {
    ...base,
    kind: outcome.kind ?? d.kind,
    result: null,
    error: { code, message },
    columns: outcome.columns ?? d.columns,
  };
}
