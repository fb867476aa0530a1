import * as tf from '@tensorflow/tfjs';
import { parseRunConfig } from '../core/config';
import type { Dataset } from '../core/data/types';
import type { Checkpoint } from '../core/models/checkpoint';
import { readCheckpoint, saveCheckpoint } from '../core/models/checkpoint';
import type { Network } from '../core/models/network';
import { buildReport } from '../core/report/report';
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
  try {
    const pruned = readCheckpoint(await saveCheckpoint(net, { dataset: data.id, withMasks: true }));
    const { report, files } = await buildReport({
      pruned,
      dense: ctx.dense,
      data,
      backend: tf.getBackend(),
      full: cmd.full,
      onProgress: async (label) => {
        ctx.post({ type: 'reportProgress', id: cmd.id, label });
        await yieldToEvents();
      },
    });
    const int8Gzip = files.find((f) => f.encoding === 'csr-int8')!.gzipped;
    ctx.post({ type: 'reportResult', id: cmd.id, report, int8Gzip }, [
      int8Gzip.buffer as ArrayBuffer,
    ]);
  } catch (e) {
    ctx.post({
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
