import type { RunReport } from '../core/report/types';

/** Asks the worker for the live run's report (its network as it is now, and its dense start), or a saved run's. */
export type ReportCommand = {
  readonly type: 'report';
  readonly id: number;
  /** Also the corruption sweep and latency (slower). */
  readonly full: boolean;
  /**
   * A saved run's checkpoint bytes (weights with masks) to report on instead of the live run;
   * `seed` is its run config's seed (the data's split).
   */
  readonly saved?: { readonly bytes: Uint8Array; readonly seed: number };
};

/** What the worker answers a report command with. */
export type ReportEvent =
  | { readonly type: 'reportProgress'; readonly id: number; readonly label: string }
  | {
      readonly type: 'reportResult';
      readonly id: number;
      readonly report: RunReport;
      /** The run's csr-int8 weight file, gzipped (to download). */
      readonly int8Gzip: Uint8Array;
    }
  | { readonly type: 'reportError'; readonly id: number; readonly message: string };
