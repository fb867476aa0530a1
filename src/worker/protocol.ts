import type { DecisionGrid } from '../core/train/boundary';
import type { BackendName } from '../core/backend';
import type { RunConfigInput, StartMode } from '../core/config';
import type { BuiltinDatasetId } from '../core/data/ids';
import type { Dataset } from '../core/data/types';
import type { GradientMode, MethodId, SparsityControl } from '../core/pruning/types';
import type { SettingInfo } from '../core/pruning/settings';
import type { LayerSnapshot } from '../core/train/snapshot';
import type { MetricPoint } from '../core/train/trainer';
import type { CompareCommand, CompareEvent } from './compareProtocol';
import type { ReportCommand, ReportEvent } from './reportProtocol';
import type { RunsCommand, RunsEvent } from './runsProtocol';

/**
 * Cell states of a snapshot, as the core's `CELL` (train/snapshot.ts) numbers them; repeated here
 * so the page can read them without bundling tfjs (a unit test keeps the two equal).
 */
export const CELL_STATE = { pruned: 0, alive: 1, justCut: 2, justSpliced: 3 } as const;

/**
 * Cell states the worker adds for connections cut or spliced by hand (hand surgery) that are
 * still as the hand left them; the heatmap gives them their own colours.
 */
export const HAND_CELL = { handCut: 4, handSpliced: 5 } as const;

/** Hand surgery's running account of one run: the hand's edits apart from the method's. */
export interface HandReport {
  /** Connections cut and spliced by hand (Undo takes its edit back off). */
  readonly cuts: number;
  readonly splices: number;
  /** Hand-cut connections the method spliced back since (DNS: once |w| passed b). */
  readonly splicedBack: number;
  /** Hand-spliced connections the method cut again since. */
  readonly cutBack: number;
  /** Edits Undo can still take back. */
  readonly undoDepth: number;
  /** Kept weights and biases per layer, and the density, right after the change. */
  readonly kept: readonly number[];
  readonly density: number;
  readonly step: number;
  /** What just happened, in one line (an edit, an undo, the method splicing a hand cut back). */
  readonly message: string;
}

/** The backends in the lab's order of preference (as core/backend's BACKENDS, without bundling tfjs). */
export const BACKEND_ORDER = [
  'webgpu',
  'webgl',
  'wasm',
  'cpu',
] as const satisfies readonly BackendName[];

/** Where a run starts (as core/config's START_MODES, without bundling zod into the page). */
export const START_ORDER = [
  'checkpoint',
  'pretrain',
  'scratch',
] as const satisfies readonly StartMode[];

/** Past this fraction of a layer cut at the first step, the lab warns (the layer will likely collapse). */
export const FIRST_CUT_WARNING = 0.99;

/** Levels of the quantised |w| shade of alive cells (the heatmap colour table has 4 × SHADES entries). */
export const SHADES = 32;

/** Where the run's data comes from: a built-in set (fetched by the worker) or one handed over whole (uploads). */
export type DatasetSpec =
  | { readonly kind: 'builtin'; readonly id: BuiltinDatasetId }
  | { readonly kind: 'inline'; readonly dataset: Dataset };

/** The backend the user asked for: the lab's choice, or one by name. */
export type BackendRequest = 'auto' | BackendName;

/** What defines a run in the lab: the core's run config plus where its data comes from. */
export interface RunSpec {
  readonly config: RunConfigInput;
  readonly data: DatasetSpec;
  /** Validation on the fixed subsample every this many steps (0: about four times an epoch). */
  readonly validateEvery: number;
  /**
   * Continue a saved run: start from these checkpoint bytes (weights and masks) instead of the
   * dense start; the optimizer and the method's state begin afresh.
   */
  readonly resume?: Uint8Array;
  /**
   * Mask transfer: checkpoint bytes of another run whose masks are set on this run's start before
   * the method begins (a `fixedMask` run needs them; the lab's method picker never offers it).
   */
  readonly masks?: Uint8Array;
}

/** The self-test and speed probe of one backend for one model on one adapter. */
export interface Verdict {
  readonly ok: boolean;
  /** Mean milliseconds per training step measured by the probe (null when not probed). */
  readonly msPerStep: number | null;
  /** What the self-test found, in words (largest relative error, or why it failed). */
  readonly detail: string;
  /** Threads the wasm backend computed on in this test (wasm only; 1: the single-thread build). */
  readonly threads?: number;
}

/** Verdicts per "adapter | model" key, kept by the page (localStorage) and handed to the worker. */
export type VerdictCache = Record<string, Partial<Record<BackendName, Verdict>>>;

/** Test hooks the worker answers (see the `debug` command). */
export type DebugAction = 'memory' | 'loseDevice' | 'failNextStep';

/** What a run did about a fault, for a non-modal notice. */
export interface RunNotice {
  /** `diverged`: paused with the last good weights; `recovered`: carried on on another backend. */
  readonly kind: 'diverged' | 'recovered';
  readonly message: string;
  /** The run step whose state the run went back to (later chart points are superseded). */
  readonly step: number;
  /** After a divergence: a lower learning rate to try. */
  readonly suggestedLr?: number;
}

export type Command =
  | { readonly type: 'init'; readonly baseUrl: string; readonly verdicts: VerdictCache }
  /** Builds a run at step 0 (loading data, checkpoint and backend as needed). */
  | { readonly type: 'configure'; readonly run: RunSpec; readonly backend: BackendRequest }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  /** One batch, then metrics and a snapshot. */
  | { readonly type: 'step' }
  /** Back to step 0 with the same spec (the dense start is kept). */
  | { readonly type: 'reset' }
  /** Changes the base learning rate of the running trainer (no reset). */
  | { readonly type: 'setLr'; readonly lr: number }
  /** Steps per second, or null for as fast as the backend goes. */
  | { readonly type: 'setSpeed'; readonly stepsPerSecond: number | null }
  /** The page has drawn snapshot `id`: the worker may build the next one. */
  | { readonly type: 'ack'; readonly id: number }
  /** One connection's current weight and lifetime cut/splice counts (hover). */
  | { readonly type: 'query'; readonly id: number; readonly layer: number; readonly index: number }
  /**
   * Test hooks (the e2e tests call them through `window.__lab.debug`): report tf.memory(), destroy
   * the WebGPU device mid-run, or make the next training step throw.
   */
  | { readonly type: 'debug'; readonly action: DebugAction }
  /**
   * Hand surgery: cut (or splice) the listed connections of one layer (heatmap indices,
   * `input * cols + unit`) between two steps, paused or while training.
   */
  | {
      readonly type: 'handEdit';
      readonly layer: number;
      readonly indices: readonly number[];
      readonly action: 'cut' | 'splice';
    }
  /** Takes the last hand edit back (its connections' masks and weights as they were). */
  | { readonly type: 'handUndo' }
  /** Compare mode and the sensitivity analysis (compareProtocol.ts). */
  | CompareCommand
  /** Saved runs: checkpoints, views, exports and imports (runsProtocol.ts). */
  | RunsCommand
  /** The live run's report: what pruning buys (reportProtocol.ts). */
  | ReportCommand;

/** What the page needs to know about a registered pruning method. */
export interface MethodInfo {
  readonly id: MethodId;
  readonly title: string;
  readonly summary: string;
  readonly gradient: GradientMode;
  readonly canRegrow: boolean;
  readonly sparsity: SparsityControl;
  /** One run passes several targets on the way (IMP levels): a compare plans one run for all. */
  readonly multiTarget: boolean;
  /** Its settings as its schema declares them (the settings form is built from these). */
  readonly settings: readonly SettingInfo[];
}

export interface LayerInfoMsg {
  readonly name: string;
  readonly kind: 'dense' | 'conv2d';
  /** Heatmap grid: rows = fan-in positions, cols = output units. */
  readonly rows: number;
  readonly cols: number;
  /** Weights plus biases. */
  readonly total: number;
  /** The weight tensor's shape: [in, out] (dense) or [k, k, channels, filters] (conv). */
  readonly shape: readonly number[];
  /** The method's note on this layer (e.g. "skipped: …"), if any. */
  readonly note: string | null;
}

/** What the page learns once a run is built. */
export interface RunInfo {
  readonly datasetId: string;
  readonly datasetTitle: string;
  readonly modelLabel: string;
  readonly layers: readonly LayerInfoMsg[];
  readonly inputShape: readonly number[];
  readonly counts: { readonly train: number; readonly validation: number; readonly test: number };
  readonly stepsPerEpoch: number;
  /** Steps of the dense pre-train phase (0 unless start is 'pretrain'). */
  readonly pretrainSteps: number;
  /** Steps of the method's budget. */
  readonly trainSteps: number;
  readonly validateEvery: number;
  readonly validationLimit: number;
  /** The method's config after defaults were filled in. */
  readonly methodConfig: Record<string, unknown>;
  /** Test accuracy of the dense start (checkpoint meta or measured), null when unknown yet. */
  readonly baseline: number | null;
  /** [h, w] of one first-layer unit's receptive field when the input is a 1-channel image. */
  readonly fieldShape: readonly [number, number] | null;
}

export type ProgressTask = 'data' | 'backend' | 'build';

export type RunStatus =
  'loading' | 'ready' | 'running' | 'paused' | 'done' | 'needsStart' | 'error';
export type Phase = 'pretrain' | 'train';

/** One metric point: the trainer's point plus where it sits in the whole run. */
export interface LabPoint extends MetricPoint {
  readonly phase: Phase;
  /** Steps done in the whole run (pre-train included). */
  readonly step: number;
  /** Steps the point's cuts and splices span. */
  readonly steps: number;
  /** Wall milliseconds per step since the previous point (loop overheads included). */
  readonly msPerStep: number;
  /** The method's one-line account of the point's last step (`Pruner.explain`), if any. */
  readonly note?: string | null;
}

export interface ValidationPoint {
  readonly phase: Phase;
  readonly step: number;
  readonly accuracy: number;
  readonly loss: number;
  readonly density: number;
}

/**
 * One layer of a snapshot as it travels: the core's numbers (weights for hover and cell states,
 * CELL, for layers with cells) plus the quantised shade.
 */
export interface LayerView extends Omit<LayerSnapshot, 'kind'> {
  /** |w| quantised to 0..SHADES-1 against `shadeScale`. */
  readonly shade?: Uint8Array;
  readonly shadeScale: number;
}

export interface SnapshotMsg {
  readonly id: number;
  readonly phase: Phase;
  readonly step: number;
  readonly density: number;
  readonly layers: readonly LayerView[];
  /** The model's prediction over the plane, for data with two features. */
  readonly boundary?: DecisionGrid;
}

export interface ConnectionInfo {
  readonly id: number;
  readonly layer: number;
  readonly index: number;
  readonly weight: number;
  readonly alive: boolean;
  /** Lifetime cut and splice counts of this connection in the current run. */
  readonly cuts: number;
  readonly splices: number;
}

export interface BackendReport {
  readonly backend: BackendName;
  readonly request: BackendRequest;
  /** One sentence: why this backend runs. */
  readonly reason: string;
  /** The adapter, in words ("SwiftShader (google, software)"), when WebGPU reported one. */
  readonly adapter: string | null;
  readonly verdicts: Partial<Record<BackendName, Verdict>>;
  /** Backends known not to start in this browser. */
  readonly unavailable: readonly BackendName[];
  /** Threads the wasm backend computes on, when wasm runs (1: the single-thread build). */
  readonly threads?: number;
  /** When wasm runs: whether it is its threaded build (needs a cross-origin isolated page). */
  readonly threadedBuild?: boolean;
}

export interface DoneInfo {
  readonly testAccuracy: number;
  readonly density: number;
  readonly kept: number;
  readonly total: number;
  readonly steps: number;
  readonly seconds: number;
}

export type WorkerEvent =
  | { readonly type: 'hello'; readonly methods: readonly MethodInfo[] }
  | {
      readonly type: 'progress';
      /** Data loading and the backend self-test run side by side: one line each. */
      readonly task: ProgressTask;
      readonly label: string;
      /** In [0, 1], or null when the size is unknown. */
      readonly fraction: number | null;
    }
  | { readonly type: 'backend'; readonly report: BackendReport }
  /** Verdicts to keep for the next visit (the page owns storage). */
  | { readonly type: 'verdicts'; readonly key: string; readonly verdicts: VerdictCache[string] }
  | { readonly type: 'ready'; readonly runId: number; readonly info: RunInfo }
  | { readonly type: 'status'; readonly runId: number; readonly status: RunStatus }
  | { readonly type: 'metrics'; readonly runId: number; readonly points: readonly LabPoint[] }
  | { readonly type: 'validation'; readonly runId: number; readonly point: ValidationPoint }
  | { readonly type: 'baseline'; readonly runId: number; readonly accuracy: number | null }
  /** Fraction of each layer the method's first step would cut (DNS), null when not applicable. */
  | { readonly type: 'firstCut'; readonly runId: number; readonly fractions: readonly number[] }
  /**
   * The method's settings with its defaults filled in, and the layer names, as soon as the network
   * is built: the settings form shows them even when the run then fails to start (a target the
   * model cannot reach), so the setting that fixes it can be changed.
   */
  | {
      readonly type: 'methodConfig';
      readonly runId: number;
      readonly methodConfig: Record<string, unknown>;
      readonly layers: readonly string[];
    }
  | { readonly type: 'snapshot'; readonly runId: number; readonly snapshot: SnapshotMsg }
  | { readonly type: 'done'; readonly runId: number; readonly result: DoneInfo }
  | { readonly type: 'connection'; readonly runId: number; readonly info: ConnectionInfo }
  /** The run starts from a shipped checkpoint that is not there: the page offers the other starts. */
  | { readonly type: 'checkpointMissing'; readonly runId: number; readonly file: string }
  | { readonly type: 'error'; readonly message: string; readonly runId?: number }
  /** The run paused after a divergence, or moved to another backend after a fault. */
  | { readonly type: 'notice'; readonly runId: number; readonly notice: RunNotice }
  /** Hand surgery's account after an edit, an undo, or the method undoing a hand edit. */
  | { readonly type: 'hand'; readonly runId: number; readonly report: HandReport }
  /** Answer to a `debug` command (test hook). */
  | {
      readonly type: 'debugInfo';
      readonly action: DebugAction;
      readonly backend: string;
      readonly numTensors: number;
      readonly numBytes: number;
      readonly step: number | null;
    }
  /** Compare mode and the sensitivity analysis (compareProtocol.ts). */
  | CompareEvent
  /** Saved runs (runsProtocol.ts). */
  | RunsEvent
  /** The live run's report (reportProtocol.ts). */
  | ReportEvent;

/** Exhaustiveness check for `switch` over the unions above. */
export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}

/** Typed arrays of a snapshot, to move with `postMessage(…, transfer)`. */
export function snapshotTransfer(s: SnapshotMsg): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const l of s.layers)
    for (const a of [l.weights, l.state, l.shade, l.histogram.alive, l.histogram.pruned])
      if (a && a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  return out;
}
