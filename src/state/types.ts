import type { BackendName } from '../core/backend';
import type { StartMode } from '../core/config';
import type { BuiltinDatasetId } from '../core/data/ids';
import type { Dataset } from '../core/data/types';
import type { ModelConfig } from '../core/models/types';
import type { MethodId } from '../core/pruning/types';
import type {
  BackendReport,
  BackendRequest,
  DoneInfo,
  HandReport,
  MethodInfo,
  Phase,
  ProgressTask,
  RunInfo,
  RunNotice,
  RunStatus,
  SnapshotMsg,
  ValidationPoint,
} from '../worker/protocol';

/**
 * Where the data comes from: a built-in set, or a dataset the user uploaded (issue 5 registers it
 * with `addUpload` and selects it with `{ kind: 'upload', key }`).
 */
export type DatasetSource =
  | { readonly kind: 'builtin'; readonly id: BuiltinDatasetId }
  | { readonly kind: 'upload'; readonly key: string };

/** An uploaded dataset held in the page (the worker gets it whole). */
export interface UploadedDataset {
  readonly key: string;
  readonly title: string;
  readonly dataset: Dataset;
}

/** The settings of a run as the controls edit them. */
export interface LabConfig {
  readonly source: DatasetSource;
  readonly model: ModelConfig;
  readonly method: MethodId;
  /** The user's overrides of the method's defaults (per-layer values as arrays). */
  readonly methodConfig: Readonly<Record<string, unknown>>;
  readonly start: StartMode;
  readonly pretrainEpochs: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly optimizer: 'sgd' | 'adam';
  /** Base learning rate; null for the optimizer's default. */
  readonly lr: number | null;
  /** Validation every N steps (0: about four times an epoch). */
  readonly validateEvery: number;
  readonly validationLimit: number;
}

/** One point of the step charts (percentages for the accuracy and density axes). */
export interface TrainPoint {
  readonly step: number;
  readonly phase: Phase;
  readonly loss: number;
  readonly trainAccuracy: number;
  readonly density: number;
  readonly cutsPerStep: number;
  readonly splicesPerStep: number;
}

/** The run the worker is building or training, as the views need it. */
export interface RunView {
  readonly id: number;
  readonly status: RunStatus;
  readonly info: RunInfo | null;
  readonly phase: Phase;
  readonly step: number;
  readonly epoch: number;
  readonly density: number;
  readonly kept: readonly number[];
  readonly total: readonly number[];
  /** Cuts and splices per layer per step, at the last metric point. */
  readonly cutsPerStep: readonly number[];
  readonly splicesPerStep: readonly number[];
  /** Cuts and splices since the run began, all layers. */
  readonly cuts: number;
  readonly splices: number;
  readonly learningRate: number;
  readonly msPerStep: number;
  /** Steps the latest metrics point spans (1 after a single Step: its counts are that step's). */
  readonly lastSteps: number;
  /** The method's own line about its latest step (step mode), e.g. DNS's update probability. */
  readonly methodNote: string | null;
  readonly baseline: number | null;
  readonly firstCut: readonly number[] | null;
  readonly train: readonly TrainPoint[];
  readonly validation: readonly ValidationPoint[];
  readonly result: DoneInfo | null;
  /** The shipped checkpoint the run wanted but the server does not have. */
  readonly missingCheckpoint: string | null;
  readonly error: string | null;
  /** What the run did about a fault (paused after a divergence, moved to another backend). */
  readonly notice: RunNotice | null;
  /** Wall time of the first step that cut something, from Play (for the first-cut figure). */
  readonly playedAt: number | null;
  readonly firstCutMs: number | null;
  /** The method's settings with defaults filled in and the layer names (the settings form). */
  readonly methodConfig: {
    readonly values: Readonly<Record<string, unknown>>;
    readonly layers: readonly string[];
  } | null;
  /** Hand surgery's account (counts apart from the method's), null before the first edit. */
  readonly hand?: HandReport | null;
}

export type Progress = Partial<Record<ProgressTask, { label: string; fraction: number | null }>>;

/** A run kept in the session for the accuracy-vs-sparsity chart. */
export interface SessionRun {
  readonly id: number;
  readonly label: string;
  readonly colour: string;
  /** (density, validation accuracy) along the run. */
  readonly trajectory: readonly { readonly density: number; readonly accuracy: number }[];
  /** Test accuracy and density at the end, when the run finished. */
  readonly end: { readonly density: number; readonly accuracy: number } | null;
  readonly baseline: number | null;
}

/** A change that resets the run and waits for the user to confirm it. */
export interface PendingConfirm {
  readonly message: string;
  readonly patch: Partial<LabConfig>;
  readonly backend?: BackendRequest;
  /** Play once the new run is built (Train on an upload). */
  readonly play?: boolean;
}

/** The hovered heatmap cell. */
export interface Hover {
  readonly layer: number;
  readonly index: number;
  /** Fan-in position and output unit. */
  readonly input: number;
  readonly unit: number;
  readonly x: number;
  readonly y: number;
}

export interface ManifestInfo {
  readonly id: string;
  readonly title: string;
  readonly license: string;
  readonly attribution: string;
}

export interface CheckpointEntry {
  readonly file: string;
  readonly model: string;
  readonly dataset: string;
  readonly testAccuracy: number | null;
}

export type { BackendName, BackendReport, BackendRequest, MethodInfo, SnapshotMsg };
