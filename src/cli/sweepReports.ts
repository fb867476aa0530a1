import type { Dataset } from '../core/data/types';
import type { Checkpoint } from '../core/models/checkpoint';
import { readCheckpoint, saveCheckpoint } from '../core/models/checkpoint';
import type { ExperimentHooks } from '../core/train/experiment';
import { buildReport } from '../core/report/report';
import type { MeanStd } from '../core/report/stats';
import { aggregateFigures } from '../core/report/stats';
import { summaryOf } from '../core/report/summary';
import type { RunReport } from '../core/report/types';
import type { RunResult } from '../core/train/result';
import { UsageError } from './args';

/** One report of a sweep, with the run it belongs to. */
export interface SweepReport {
  readonly method: string;
  readonly target: number | null;
  readonly seed: number;
  readonly report: RunReport;
}

/** Mean ± std of every report figure over the seeds of one method and target. */
export interface SweepReportStats {
  readonly method: string;
  readonly target: number | null;
  readonly seeds: number;
  readonly figures: Record<string, MeanStd>;
}

/** `--report basic|full` of `lab sweep`, checked. */
export function reportMode(v: string | undefined): 'basic' | 'full' | null {
  if (v === undefined) return null;
  if (v !== 'basic' && v !== 'full')
    throw new UsageError(`--report expects basic or full, got "${v}"`);
  return v;
}

/**
 * Reports of a sweep's runs: the hooks keep each run's dense start and final network and build its
 * report (full: corruption and latency too); `attach` puts the summary on the job's last result.
 */
export function sweepReporter(mode: 'basic' | 'full', data: Dataset, backend: string) {
  let dense: Checkpoint | null = null;
  let pending: RunReport | null = null;
  const reports: SweepReport[] = [];
  const marks = new Map<RunResult, RunReport>();
  const hooks: ExperimentHooks = {
    async onDense(net) {
      dense = readCheckpoint(await saveCheckpoint(net, { dataset: data.id }));
    },
    async onDone(net) {
      const pruned = readCheckpoint(
        await saveCheckpoint(net, { dataset: data.id, withMasks: true }),
      );
      pending = (await buildReport({ pruned, dense, data, backend, full: mode === 'full' })).report;
    },
  };
  return {
    hooks,
    /** Called with a job's results: the last one (the final network) gets the report. */
    take(results: readonly RunResult[]): void {
      const last = results[results.length - 1];
      if (!last || !pending) return;
      marks.set(last, pending);
      reports.push({
        method: last.config.method,
        target: last.target ?? null,
        seed: last.seed ?? last.config.seed,
        report: pending,
      });
      pending = null;
    },
    /** The runs with their report summaries, the reports, and mean ± std per method and target. */
    finish(runs: readonly RunResult[]) {
      const withSummary = runs.map((r) => {
        const rep = marks.get(r);
        return rep ? { ...r, report: summaryOf(rep) } : r;
      });
      const groups = new Map<string, SweepReport[]>();
      for (const r of reports) {
        const k = `${r.method}|${r.target}`;
        groups.set(k, [...(groups.get(k) ?? []), r]);
      }
      const stats: SweepReportStats[] = [...groups.values()].map((g) => ({
        method: g[0]!.method,
        target: g[0]!.target,
        seeds: g.length,
        figures: aggregateFigures(
          g.map((r) => ({
            pruned: r.report.pruned,
            corruption: r.report.corruption,
            latency: r.report.latency,
          })),
        ),
      }));
      return { runs: withSummary, reports, reportStats: stats };
    },
  };
}
