import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCsvBytes } from '../../src/core/data/upload/csv';
import { uploadError } from '../../src/core/data/upload/errors';
import { connectPort } from '../../src/state/port';
import { emptyRun } from '../../src/state/runReducer';
import { applyParsed } from '../../src/state/uploadDraft';
import { useLab } from '../../src/state/store';
import { connectUploadPort } from '../../src/state/uploadPort';
import type { Command } from '../../src/worker/protocol';
import type { ParsedUpload, UploadCommand, UploadSource } from '../../src/worker/upload/protocol';

const sent: Command[] = [];
const uploads: UploadCommand[] = [];
let cancels = 0;
const initial = useLab.getState();
const s = () => useLab.getState();

const csv =
  'x,y,label\n' +
  Array.from({ length: 40 }, (_, i) => `${(i * 7) % 13},${i % 5},${i % 2 ? 'a' : 'b'}`).join('\n');
let parsed: ParsedUpload;

beforeAll(async () => {
  const r = await parseCsvBytes(new TextEncoder().encode(csv), 'small.csv');
  if (!r.ok) throw new Error(r.error.message);
  const { dataset, report, warnings } = r;
  parsed = { ok: true, kind: 'csv', name: 'small.csv', dataset, report, warnings };
});

beforeEach(() => {
  sent.length = 0;
  uploads.length = 0;
  cancels = 0;
  connectPort({ send: (c) => sent.push(c) });
  connectUploadPort({ send: (c) => uploads.push(c), cancel: () => cancels++ });
  useLab.setState(initial, true);
});

const file: UploadSource = {
  kind: 'file',
  file: { name: 'small.csv', size: 3, arrayBuffer: async () => new ArrayBuffer(3) },
};

/** Starts a parse and answers it; the parse id is the one the slice sent. */
function uploadAndAnswer(outcome: ParsedUpload = parsed): number {
  s().startUpload(file);
  const cmd = uploads.at(-1)!;
  if (cmd.type !== 'parse') throw new Error('no parse sent');
  s().receiveUpload({ type: 'parsed', id: cmd.id, outcome });
  return cmd.id;
}

describe('the upload preview', () => {
  it('asks the worker to parse, with the backend for the model suggestion', () => {
    useLab.setState({
      backendReport: {
        backend: 'webgl',
        request: 'auto',
        reason: '',
        adapter: null,
        verdicts: {},
        unavailable: [],
      },
    });
    s().startUpload(file, { seed: 3 });
    expect(uploads).toEqual([
      {
        type: 'parse',
        id: expect.any(Number),
        source: file,
        choices: { seed: 3 },
        backend: 'webgl',
      },
    ]);
    expect(s().draft).toMatchObject({ name: 'small.csv', parsing: true, result: null });
  });

  it('shows the parsed preview, and drops answers to older parses', () => {
    const id = uploadAndAnswer();
    expect(s().draft).toMatchObject({ parsing: false, kind: 'csv', error: null });
    expect(s().draft!.columns).toEqual(['x', 'y', 'label']);
    s().reparse({ csv: { labelColumn: 'y' } });
    const again = uploads.at(-1)!;
    expect(again).toMatchObject({ type: 'parse', choices: { csv: { labelColumn: 'y' } } });
    // The answer to the first parse comes late: it is ignored.
    s().receiveUpload({ type: 'parsed', id, outcome: parsed });
    // The last preview stays up while the new parse runs.
    expect(s().draft).toMatchObject({
      parsing: true,
      result: parsed,
      columns: ['x', 'y', 'label'],
    });
  });

  it('keeps the choices and columns after a failed parse, so the user can fix them', () => {
    uploadAndAnswer();
    s().reparse({ csv: { labelColumn: 'x' } });
    const cmd = uploads.at(-1)!;
    if (cmd.type !== 'parse') throw new Error('no parse');
    const error = uploadError({
      code: 'too-many-classes',
      file: 'small.csv',
      count: 13,
      max: 100,
      looksContinuous: true,
    });
    s().receiveUpload({
      type: 'parsed',
      id: cmd.id,
      outcome: {
        ok: false,
        kind: 'csv',
        name: 'small.csv',
        error,
        warnings: [],
        columns: null,
      },
    });
    expect(s().draft).toMatchObject({
      parsing: false,
      result: null,
      error: { code: 'too-many-classes', message: error.message },
      kind: 'csv',
      choices: { csv: { labelColumn: 'x' } },
      columns: ['x', 'y', 'label'],
    });
  });

  it('never touches the lab when a parse fails', () => {
    useLab.setState({ run: { ...emptyRun(4), step: 120, status: 'paused' } });
    const before = { config: s().config, run: s().run, uploads: s().uploads };
    s().startUpload(file);
    s().receiveUpload({
      type: 'parsed',
      id: (uploads.at(-1) as { id: number }).id,
      outcome: {
        ok: false,
        kind: null,
        name: 'small.csv',
        error: { code: 'empty-file', file: 'small.csv', message: 'small.csv is empty.' },
        warnings: [],
        columns: null,
      },
    });
    expect({ config: s().config, run: s().run, uploads: s().uploads }).toEqual(before);
    expect(sent).toEqual([]);
    expect(s().draft!.error!.message).toBe('small.csv is empty.');
  });

  it('shows progress of its own parse only', () => {
    s().startUpload(file);
    const id = (uploads.at(-1) as { id: number }).id;
    s().receiveUpload({ type: 'progress', id: id - 1, label: 'old', done: 1, total: 2 });
    expect(s().draft!.progress).toBeNull();
    s().receiveUpload({ type: 'progress', id, label: 'Decoding', done: 3, total: 9 });
    expect(s().draft!.progress).toEqual({ label: 'Decoding', done: 3, total: 9 });
  });

  it('cancels a parse in flight by replacing the worker', () => {
    s().startUpload(file);
    s().cancelUpload();
    expect(cancels).toBe(1);
    expect(s().draft).toBeNull();
  });

  it('ends a parse the worker can no longer answer with a message', () => {
    s().startUpload(file);
    s().receiveUpload({ type: 'failed', message: 'The upload worker stopped' });
    expect(s().draft).toMatchObject({ parsing: false, error: { code: 'worker' } });
  });
});

describe('training on an upload', () => {
  it('switches the lab to it with the suggested model and a dense pre-train, plays, and saves it', () => {
    useLab.setState({ run: { ...emptyRun(1), status: 'ready' } });
    uploadAndAnswer();
    s().trainUpload();
    const key = parsed.dataset.id;
    expect(s().uploads.map((u) => u.key)).toEqual([key]);
    expect(s().config).toMatchObject({
      source: { kind: 'upload', key },
      model: { id: 'mlp', hidden: [16, 16] },
      start: 'pretrain',
      methodConfig: {},
    });
    expect(sent.map((c) => c.type)).toEqual(['configure', 'play']);
    const cfg = sent[0]!;
    if (cfg.type === 'configure') {
      expect(cfg.run.data).toEqual({ kind: 'inline', dataset: parsed.dataset });
      expect(cfg.run.config).toMatchObject({ dataset: key, start: 'pretrain' });
    }
    expect(uploads.at(-1)).toMatchObject({
      type: 'save',
      upload: { kind: 'csv', name: 'small.csv', source: file, dataset: parsed.dataset },
    });
    expect(s().draft).toBeNull();
  });

  it('asks first when a run is in progress, then builds and plays', () => {
    useLab.setState({ run: { ...emptyRun(1), step: 50, status: 'paused' } });
    uploadAndAnswer();
    s().trainUpload();
    expect(s().confirm).toMatchObject({
      message: 'Training on small.csv starts a new run.',
      play: true,
    });
    expect(sent).toEqual([]);
    s().confirmChange();
    expect(sent.map((c) => c.type)).toEqual(['configure', 'play']);
    expect(s().config.source).toEqual({ kind: 'upload', key: parsed.dataset.id });
  });

  it('does not save again an upload opened from storage unchanged', () => {
    const summary = {
      id: parsed.dataset.id,
      kind: 'csv' as const,
      name: 'small.csv',
      title: 'small.csv',
      savedAtMs: 1,
      examples: 40,
      numClasses: 2,
      bytes: 100,
    };
    s().receiveUpload({ type: 'storage', available: true, message: null, saved: [summary] });
    s().openSaved(summary.id);
    expect(uploads.at(-1)).toEqual({ type: 'load', id: summary.id });
    const { dataset, report, warnings } = parsed;
    s().receiveUpload({
      type: 'loaded',
      upload: {
        id: summary.id,
        kind: 'csv',
        name: 'small.csv',
        dataset,
        report,
        warnings,
        choices: {},
      },
    });
    expect(s().draft).toMatchObject({
      parsing: false,
      source: { kind: 'saved', id: summary.id },
      result: { dataset },
    });
    uploads.length = 0;
    s().trainUpload();
    expect(uploads).toEqual([]);
  });
});

describe('saved uploads', () => {
  const summary = (id: string) => ({
    id,
    kind: 'csv' as const,
    name: `${id}.csv`,
    title: `${id}.csv`,
    savedAtMs: 1,
    examples: 10,
    numClasses: 2,
    bytes: 10,
  });

  it('lists what storage holds, or says why it cannot keep anything', () => {
    s().receiveUpload({ type: 'storage', available: true, message: null, saved: [summary('a')] });
    expect(s().savedUploads.map((u) => u.id)).toEqual(['a']);
    s().receiveUpload({ type: 'storage', available: false, message: 'no IndexedDB', saved: [] });
    expect(s().storage).toEqual({ available: false, message: 'no IndexedDB' });
    s().receiveUpload({ type: 'storeError', message: 'storage is full' });
    expect(s().uploadNotice).toBe('storage is full');
  });

  it('deletes one, and keeps the dataset of the run in progress in memory', () => {
    const d = parsed.dataset;
    useLab.setState({
      savedUploads: [summary('a'), summary(d.id)],
      uploads: [
        { key: 'a', title: 'a.csv', dataset: { ...d, id: 'a' } },
        { key: d.id, title: 'small.csv', dataset: d },
      ],
      config: { ...s().config, source: { kind: 'upload', key: d.id } },
    });
    s().deleteSaved('a');
    expect(uploads).toEqual([{ type: 'remove', id: 'a' }]);
    s().receiveUpload({ type: 'removed', id: 'a' });
    s().receiveUpload({ type: 'removed', id: d.id });
    expect(s().savedUploads).toEqual([]);
    expect(s().uploads.map((u) => u.key)).toEqual([d.id]);
  });

  it('ends the opening of a saved upload that storage cannot give back', () => {
    s().receiveUpload({ type: 'storage', available: true, message: null, saved: [summary('a')] });
    s().openSaved('a');
    s().receiveUpload({ type: 'storeError', message: 'The saved upload could not be opened.' });
    expect(s().draft).toMatchObject({ parsing: false, error: { code: 'storage' } });
  });
});

describe('applyParsed', () => {
  it('leaves a draft alone for another parse id, and an absent draft absent', () => {
    expect(applyParsed(null, 1, parsed)).toBeNull();
    s().startUpload(file);
    const d = s().draft!;
    expect(applyParsed(d, d.id + 1, parsed)).toBe(d);
    expect(applyParsed(d, d.id, parsed)).toMatchObject({ parsing: false, result: parsed });
  });
});
