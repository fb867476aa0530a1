import type { BackendName } from '../../core/backend';
import { uploadError } from '../../core/data/upload/errors';
import type { SavedUpload, StoreResult, UploadStore } from '../../core/data/upload/persist';
import { openUploadStore } from '../../core/data/upload/persist';
import { uploadTransferables } from '../../core/data/upload/transfer';
import type { ImageDecoder } from '../../core/data/upload/types';
import { assertNever } from '../protocol';
import type { SourceReaders } from './files';
import { keptSource, sourceLabel } from './files';
import { choicesFrom, csvOptions, imageOptions } from './options';
import { parseSource } from './parseSource';
import type {
  ParseOutcome,
  SaveRequest,
  UploadChoices,
  UploadCommand,
  UploadEvent,
  UploadSource,
} from './protocol';

export interface UploadServiceEnv {
  post(ev: UploadEvent, transfer?: Transferable[]): void;
  /** A sample file under `public/datasets/` (fetch in the worker, fs in tests). */
  example(path: string): Promise<Uint8Array>;
  /** Where uploads are kept; undefined where the browser has no IndexedDB. */
  readonly indexedDB: IDBFactory | undefined;
  readonly dbName?: string;
  /** Image decoder (default: the browser's codecs in a worker, the PNG decoder in Node). */
  readonly decoder?: ImageDecoder;
  readonly now?: () => number;
}

const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The upload worker's state: parses one source at a time (a newer request skips the queued
 * ones), keeps uploads in IndexedDB, and posts every result as a typed event. Nothing here throws
 * to the caller: a failure becomes a typed `UploadError` or a storage message.
 */
export class UploadService {
  private store: Promise<StoreResult<UploadStore>> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private latest = 0;
  private readonly examples = new Map<string, Promise<Uint8Array>>();
  private readonly readers: SourceReaders = {
    example: (path) => this.example(path),
    record: (id) => this.record(id),
  };

  constructor(private readonly env: UploadServiceEnv) {}

  handle(cmd: UploadCommand): void {
    switch (cmd.type) {
      case 'init':
        void this.announce();
        return;
      case 'parse': {
        this.latest = Math.max(this.latest, cmd.id);
        const run = () =>
          cmd.id < this.latest
            ? undefined
            : this.parse(cmd.id, cmd.source, cmd.choices, cmd.backend);
        this.queue = this.queue
          .then(run)
          .catch((e: unknown) => this.internal(cmd.id, cmd.source, e));
        return;
      }
      case 'save':
        void this.save(cmd.upload);
        return;
      case 'load':
        void this.load(cmd.id);
        return;
      case 'remove':
        void this.remove(cmd.id);
        return;
      default:
        assertNever(cmd);
    }
  }

  private openStore(): Promise<StoreResult<UploadStore>> {
    this.store ??= openUploadStore(this.env.indexedDB, this.env.dbName);
    return this.store;
  }

  /** Tells the page whether uploads can be kept, and which are. */
  private async announce(): Promise<void> {
    const s = await this.openStore();
    const list = s.ok ? await s.value.list() : null;
    this.env.post({
      type: 'storage',
      available: s.ok,
      message: !s.ok ? s.error.message : list && !list.ok ? list.error.message : null,
      saved: list?.ok ? list.value : [],
    });
  }

  private example(path: string): Promise<Uint8Array> {
    let p = this.examples.get(path);
    if (!p) {
      p = this.env.example(path);
      this.examples.set(path, p);
      p.catch(() => this.examples.delete(path));
    }
    return p;
  }

  private async record(id: string): Promise<SavedUpload> {
    const s = await this.openStore();
    if (!s.ok) throw new Error(s.error.message);
    const r = await s.value.load(id);
    if (!r.ok) throw new Error(r.error.message);
    if (!r.value) throw new Error('it is no longer saved in this browser');
    return r.value;
  }

  private async parse(
    id: number,
    source: UploadSource,
    choices: UploadChoices,
    backend: BackendName | null,
  ): Promise<void> {
    const onProgress = (label: string, done: number, total: number) =>
      this.env.post({ type: 'progress', id, label, done, total });
    const env = {
      readers: this.readers,
      onProgress,
      ...(this.env.decoder ? { decoder: this.env.decoder } : {}),
    };
    this.post(id, await parseSource(source, choices, backend, env));
  }

  /** A bug outside the parsers still ends as a typed error (the parsers never throw). */
  private internal(id: number, source: UploadSource, e: unknown): void {
    const name = sourceLabel(source);
    const error = uploadError({ code: 'internal', file: name, reason: why(e) });
    this.post(id, { ok: false, kind: null, name, error, warnings: [], columns: null });
  }

  private post(id: number, outcome: ParseOutcome): void {
    const transfer = outcome.ok ? uploadTransferables(outcome.dataset, outcome.report) : [];
    this.env.post({ type: 'parsed', id, outcome }, transfer);
  }

  /** A storage result, or a message to the page when storage failed. */
  private async stored<T>(f: (s: UploadStore) => Promise<StoreResult<T>>): Promise<T | null> {
    const s = await this.openStore();
    const r = s.ok ? await f(s.value) : s;
    if (r.ok) return r.value;
    this.env.post({ type: 'storeError', message: r.error.message });
    return null;
  }

  private async save(req: SaveRequest): Promise<void> {
    const kept = await keptSource(req.source, this.readers);
    const options = req.kind === 'csv' ? csvOptions(req.choices) : imageOptions(req.choices);
    const record: SavedUpload = {
      id: req.dataset.id,
      kind: req.kind,
      name: req.name,
      savedAtMs: (this.env.now ?? Date.now)(),
      dataset: req.dataset,
      report: req.report,
      warnings: req.warnings,
      ...(kept ? { source: { ...kept, options } } : {}),
    };
    const summary = await this.stored((s) => s.save(record));
    if (!summary) return;
    this.env.post({ type: 'saved', summary });
    await this.list();
  }

  private async list(): Promise<void> {
    const saved = await this.stored((s) => s.list());
    if (saved) this.env.post({ type: 'list', saved });
  }

  private async load(id: string): Promise<void> {
    let rec: SavedUpload;
    try {
      rec = await this.record(id);
    } catch (e) {
      this.env.post({
        type: 'storeError',
        message: `The saved upload could not be opened: ${why(e)}. Upload the file again.`,
      });
      return;
    }
    const upload = {
      id: rec.id,
      kind: rec.kind,
      name: rec.name,
      dataset: rec.dataset,
      report: rec.report,
      warnings: rec.warnings,
      choices: rec.source ? choicesFrom(rec.kind, rec.source.options) : null,
    };
    this.env.post({ type: 'loaded', upload }, uploadTransferables(rec.dataset, rec.report));
  }

  private async remove(id: string): Promise<void> {
    // Resolves to undefined once removed, null when storage failed (already reported).
    if ((await this.stored((s) => s.remove(id))) === null) return;
    this.env.post({ type: 'removed', id });
    await this.list();
  }
}
