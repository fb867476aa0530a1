import { modelLabel } from '../models/zoo';
import type { RunFileJson } from '../runfile/runFile';
import type { ExportFile } from './types';

/** `format` of an exported config (the run's settings, loadable as a new run). */
export const CONFIG_FILE_FORMAT = 'pruning-lab-config';

/** The config export: what defines the run, and the method settings after defaults. */
export interface ConfigFileJson {
  readonly format: typeof CONFIG_FILE_FORMAT;
  readonly version: 1;
  readonly config: RunFileJson['config'];
  readonly methodConfig: unknown;
}

const enc = new TextEncoder();

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text: a header row, then one row per record (RFC 4180 quoting, empty cells for none). */
export function toCsv(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [head, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

const csvFile = (name: string, text: string): ExportFile => ({
  name,
  mime: 'text/csv',
  bytes: enc.encode(text),
});

const jsonFile = (name: string, doc: unknown): ExportFile => ({
  name,
  mime: 'application/json',
  bytes: enc.encode(JSON.stringify(doc, null, 1) + '\n'),
});

/** The run's metrics: history, epochs and layers as CSV, and a JSON of all of them. */
export function metricsFiles(run: RunFileJson, base: string): ExportFile[] {
  const history = toCsv(
    ['step', 'epoch', 'loss', 'train_accuracy', 'density', 'cuts', 'splices', 'learning_rate'],
    run.history.map((h) => [
      h.step,
      h.epoch,
      h.loss,
      h.trainAccuracy,
      h.density,
      h.cuts,
      h.splices,
      h.learningRate,
    ]),
  );
  const epochs = toCsv(
    ['epoch', 'step', 'validation_accuracy', 'density', 'seconds'],
    run.epochs.map((e) => [e.epoch, e.step, e.validationAccuracy, e.density, e.seconds]),
  );
  const layers = toCsv(
    ['layer', 'kept', 'total', 'density', 'compression', 'a', 'b', 'mu', 'sigma'],
    [
      ...run.layers.map((l) => [
        l.name,
        l.kept,
        l.total,
        l.density,
        l.compression,
        l.a,
        l.b,
        l.mu,
        l.sigma,
      ]),
      ['total', run.kept, run.total, run.density, run.compression],
    ],
  );
  const summary = {
    model: modelLabel(run.config.model),
    dataset: run.config.dataset,
    method: run.config.method,
    seed: run.config.seed,
    testAccuracy: run.testAccuracy,
    testError: run.testError,
    denseTestAccuracy: run.denseStart.testAccuracy,
    denseSource: run.denseStart.source,
    density: run.density,
    compression: run.compression,
    kept: run.kept,
    total: run.total,
    layers: run.layers,
    epochs: run.epochs,
    history: run.history,
    timing: run.timing,
    startedAt: run.startedAt,
  };
  return [
    csvFile(`${base}.history.csv`, history),
    csvFile(`${base}.epochs.csv`, epochs),
    csvFile(`${base}.layers.csv`, layers),
    jsonFile(`${base}.metrics.json`, summary),
  ];
}

/** The run's config as JSON (the settings to run it again). */
export function configFiles(run: RunFileJson, base: string): ExportFile[] {
  const doc: ConfigFileJson = {
    format: CONFIG_FILE_FORMAT,
    version: 1,
    config: run.config,
    methodConfig: run.methodConfig,
  };
  return [jsonFile(`${base}.config.json`, doc)];
}
