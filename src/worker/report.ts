import * as tf from '@tensorflow/tfjs';
import { parseRunConfig } from '../core/config';
import type { Dataset } from '../core/data/types';
import type { Checkpoint } from '../core/models/checkpoint';
import { readCheckpoint, saveCheckpoint } from '../core/models/checkpoint';
import type { Network } from '../core/models/network';
import { buildReport } from '../core/report/report';
import { shapeMismatch } from '../core/runfile/runFile';
import { checkpointName } from '../core/train/session';
import type { RunSpec } from './protocol';
import type { ReportCommand, ReportEvent } from './reportProtocol';
import { yieldToEvents } from './yieldToEvents';

/** What the worker knows when the page asks for a report. */
export interface ReportContext {
  /** The live run's network (null before a run is built). */
  readonly net: Network | null;
  readonly data: Dataset | null;
  /** Its dense start, when the run began from one. */
  readonly dense: Checkpoint | null;
  readonly post: (ev: ReportEvent, transfer?: Transferable[]) => void;
}

/** Builds the live run's report in the worker (the network is copied first, so training may go on). */
export async function reportOnRun(cmd: ReportCommand, ctx: ReportContext): Promise<void> {
  const { net, data } = ctx;
  if (!net || !data) {
    ctx.post({ type: 'reportError', id: cmd.id, message: 'no run to report on yet' });
    return;
  }
  await reportCheckpoint(
    cmd,
    async () => ({
      pruned: readCheckpoint(await saveCheckpoint(net, { dataset: data.id, withMasks: true })),
      dense: ctx.dense,
      data,
      notes: [],
    }),
    ctx.post,
  );
}

/** What a saved run's report needs besides its checkpoint bytes. */
export interface SavedReportContext {
  /** The data set a checkpoint names (its header's dataset id), test split included. */
  readonly data: (datasetId: string) => Promise<Dataset>;
  /** The shipped dense checkpoint of a model and data set, or why there is none. */
  readonly shipped: (file: string) => Promise<{ ckpt: Checkpoint } | { missing: string }>;
  readonly post: (ev: ReportEvent, transfer?: Transferable[]) => void;
}

/**
 * Builds a saved run's report from its checkpoint bytes (weights with masks), with the shipped
 * dense checkpoint of its model and data set beside it when there is one (a saved run keeps no
 * dense-start file of its own).
 */
export async function reportOnSaved(
  cmd: ReportCommand,
  bytes: Uint8Array,
  ctx: SavedReportContext,
): Promise<void> {
  await reportCheckpoint(
    cmd,
    async () => {
      const pruned = readCheckpoint(bytes);
      const bad = shapeMismatch(pruned);
      if (bad) throw new Error(`the saved weights cannot be read: ${bad}`);
      if (!pruned.header.withMasks) throw new Error('the saved weights have no masks');
      const data = await ctx.data(pruned.header.dataset);
      const file = checkpointName(pruned.header.model, pruned.header.dataset);
      const r = await ctx.shipped(file);
      const dense = 'ckpt' in r && sameShape(r.ckpt, pruned) ? r.ckpt : null;
      const notes = dense
        ? [
            `Dense column: the shipped checkpoint ${file} of this model and data set (a saved run keeps no dense-start file of its own).`,
          ]
        : [
            `Pruned column only: a saved run keeps no dense-start file, and the lab ships no matching dense checkpoint ${file}.`,
          ];
      return { pruned, dense, data, notes };
    },
    ctx.post,
  );
}

/** Whether two checkpoints hold the same parameters (same names and shapes). */
function sameShape(a: Checkpoint, b: Checkpoint): boolean {
  const pa = a.header.params.filter((p) => !p.name.endsWith('Mask'));
  const pb = b.header.params.filter((p) => !p.name.endsWith('Mask'));
  return (
    pa.length === pb.length && pa.every((p, i) => p.shape.join('x') === pb[i]!.shape.join('x'))
  );
}

/** The report of a checkpoint with masks: progress, then the result or one line of error. */
async function reportCheckpoint(
  cmd: ReportCommand,
  inputs: () => Promise<{
    pruned: Checkpoint;
    dense: Checkpoint | null;
    data: Dataset;
    notes: readonly string[];
  }>,
  post: SavedReportContext['post'],
): Promise<void> {
  try {
    const { pruned, dense, data, notes } = await inputs();
    const out = await buildReport({
      pruned,
      dense,
      data,
      backend: tf.getBackend(),
      full: cmd.full,
      onProgress: async (label) => {
        post({ type: 'reportProgress', id: cmd.id, label });
        await yieldToEvents();
      },
    });
    const report = notes.length
      ? { ...out.report, notes: [...notes, ...out.report.notes] }
      : out.report;
    const int8Gzip = out.files.find((f) => f.encoding === 'csr-int8')!.gzipped;
    post({ type: 'reportResult', id: cmd.id, report, int8Gzip }, [int8Gzip.buffer as ArrayBuffer]);
  } catch (e) {
    post({
      type: 'reportError',
      id: cmd.id,
      message: e instanceof Error ? e.message : String(e),
    });
  }
}

/** The run config of a spec (its dataset id filled in), to find its dense start. */
export function specConfig(spec: RunSpec) {
  const d = spec.data;
  return parseRunConfig({ ...spec.config, dataset: d.kind === 'builtin' ? d.id : d.dataset.id });
}
