import { z } from 'zod';
import { BUILTIN_DATASETS } from '../../core/data/ids';
import { MODEL_IDS } from '../../core/models/types';
import { METHOD_IDS } from '../../core/pruning/types';
import { BACKEND_ORDER, START_ORDER } from '../../worker/protocol';
import type { LabTab } from '../compareTypes';

/** Most parameters (weights and biases) a model from a link may have. */
export const MAX_LINK_PARAMS = 2_000_000;
/** Most epochs of the method budget or the dense pre-train a link may ask for. */
export const MAX_LINK_EPOCHS = 1000;
/** Widest hidden layer and most hidden layers of the MLP (as the hidden-widths field accepts). */
export const MAX_WIDTH = 4096;
export const MAX_HIDDEN_LAYERS = 8;

/** How a link opens: paused at step 0, paused with Step ready, or playing. */
export const OPEN_MODES = ['paused', 'step', 'play'] as const;
export type OpenMode = (typeof OPEN_MODES)[number];

/** Controls a link can hide (`hide=method,lr`): each names one field or group of the sidebar. */
export const CONTROL_IDS = [
  'dataset',
  'model',
  'hidden',
  'upload',
  'method',
  'settings',
  'start',
  'pretrain',
  'epochs',
  'lr',
  'batch',
  'seed',
  'optimizer',
  'speed',
  'backend',
] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

/** The live views a link can show (`views=heatmap,curves`; all when absent). */
export const VIEW_IDS = [
  'heatmap',
  'density',
  'boundary',
  'curves',
  'histogram',
  'receptive',
  'tradeoff',
] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export const TAB_IDS = ['live', 'compare', 'sensitivity'] as const satisfies readonly LabTab[];

/** A method setting's value as a link carries it (checked against the method's schema later). */
export type SettingValue = number | readonly number[] | boolean | string;

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A number written in a link; anything else (NaN, Infinity, hex, empty) is not one. */
export function numberFromText(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  return NUMBER_TEXT.test(t) ? Number(t) : v;
}

/** A comma-separated list written in a link. */
export function listFromText(v: unknown, item: (s: string) => unknown = (s) => s): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  return t === '' ? [] : t.split(',').map((s) => item(s.trim()));
}

const num = (inner: z.ZodType) => z.preprocess(numberFromText, inner);
const epochs = num(
  z
    .number({ error: 'must be a number' })
    .positive({ error: 'must be more than 0' })
    .max(MAX_LINK_EPOCHS, {
      error: `at most ${MAX_LINK_EPOCHS} epochs`,
    }),
);
const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, {
    error: values.length <= 8 ? `must be one of ${values.join(', ')}` : `not one of ${what}`,
  });
const idList = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess(
    (v) => listFromText(v),
    z.array(oneOf(values, what)).max(values.length * 2, { error: 'too many entries' }),
  );

/** Saved uploads are named `upload-<slug>-<hash>`; a link accepts plain ids of that alphabet. */
export const UPLOAD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** Shipped lesson ids (`public/lessons/<id>.json`). */
export const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;
/** Names a method setting may have in a link. */
export const SETTING_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

const settingValue = z.union([
  z.number().refine(Number.isFinite, { error: 'must be a finite number' }),
  z.array(z.number().refine(Number.isFinite)).max(64),
  z.boolean(),
  z.string().max(200),
]);

/**
 * One field of a link or a lesson. Every field accepts its link text (`hidden=16,16`) or its JSON
 * value (`"hidden": [16, 16]`), so lesson files and addresses share this schema.
 */
export const LINK_FIELDS = {
  dataset: oneOf(BUILTIN_DATASETS, 'the built-in datasets'),
  upload: z.string().regex(UPLOAD_ID, { error: 'not the id of a saved upload' }),
  model: oneOf(MODEL_IDS, 'the models'),
  hidden: z.preprocess(
    (v) => listFromText(v, numberFromText),
    z
      .array(
        z
          .int({ error: 'widths must be whole numbers' })
          .min(1, { error: 'widths must be at least 1' })
          .max(MAX_WIDTH, { error: `widths must be at most ${MAX_WIDTH}` }),
      )
      .min(1, { error: 'needs at least one width' })
      .max(MAX_HIDDEN_LAYERS, { error: `at most ${MAX_HIDDEN_LAYERS} hidden layers` }),
  ),
  method: oneOf(METHOD_IDS, 'the methods'),
  start: oneOf(START_ORDER, 'the starts'),
  pretrain: epochs,
  epochs,
  batch: num(
    z.int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(60000, {
      error: 'larger than any training set',
    }),
  ),
  seed: num(
    z
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be 0 or more' })
      .max(2 ** 31 - 1, { error: 'too large' }),
  ),
  lr: num(
    z
      .number({ error: 'must be a number' })
      .positive({ error: 'must be more than 0' })
      .max(10, { error: 'at most 10' }),
  ),
  optimizer: oneOf(['sgd', 'adam'], 'the optimizers'),
  validateEvery: num(
    z
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be 0 or more' })
      .max(1_000_000, { error: 'too large' }),
  ),
  backend: oneOf(['auto', ...BACKEND_ORDER], 'the backends'),
  speed: num(
    z
      .number({ error: 'must be a number' })
      .min(0.01, { error: 'at least 0.01 steps/s' })
      .max(1000, { error: 'at most 1000 steps/s' }),
  ),
  tab: oneOf(TAB_IDS, 'the views'),
  views: idList(VIEW_IDS, 'the live views'),
  hide: idList(CONTROL_IDS, 'the controls'),
  open: oneOf(OPEN_MODES, 'how a link opens'),
  lesson: z.string().regex(LESSON_ID, { error: 'not a lesson id' }),
  /** The method's settings (in an address: any other key, as `c=2.6,2.7,2`). */
  settings: z.record(z.string().regex(SETTING_KEY), settingValue),
} as const;

export type LinkKey = keyof typeof LINK_FIELDS;
export const LINK_KEYS = Object.keys(LINK_FIELDS) as LinkKey[];

/** A link, or the setup part of a lesson file: every field optional, unknown fields refused. */
export const linkSchema = z.strictObject(LINK_FIELDS).partial();

/** A checked link: what each field holds after parsing. */
export interface Link {
  readonly dataset?: (typeof BUILTIN_DATASETS)[number];
  readonly upload?: string;
  readonly model?: (typeof MODEL_IDS)[number];
  readonly hidden?: readonly number[];
  readonly method?: (typeof METHOD_IDS)[number];
  readonly start?: (typeof START_ORDER)[number];
  readonly pretrain?: number;
  readonly epochs?: number;
  readonly batch?: number;
  readonly seed?: number;
  readonly lr?: number;
  readonly optimizer?: 'sgd' | 'adam';
  readonly validateEvery?: number;
  readonly backend?: 'auto' | (typeof BACKEND_ORDER)[number];
  readonly speed?: number;
  readonly tab?: LabTab;
  readonly views?: readonly ViewId[];
  readonly hide?: readonly ControlId[];
  readonly open?: OpenMode;
  readonly lesson?: string;
  readonly settings?: Readonly<Record<string, SettingValue>>;
}

/** A key of a link that was not applied, and why (shown in one notice). */
export interface DroppedKey {
  readonly key: string;
  readonly reason: string;
}
