import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { initBackend } from '../core/backend';
import { parseRunConfig } from '../core/config';
import type { RunConfig, StartMode } from '../core/config';
import { DEFAULT_VALIDATION } from '../core/data/builtin';
import { BUILTIN_DATASETS, isBuiltinDataset } from '../core/data/ids';
import { saveCheckpoint } from '../core/models/checkpoint';
import { architecture, isModelId, layerInfos } from '../core/models/zoo';
import { predictFirstCut } from '../core/pruning/methods/dns';
import { getMethod } from '../core/pruning/registry';
import { applyPreset, isPresetId, PRESET_IDS, resolvePreset } from '../core/pruning/presets';
import type { PresetSettings } from '../core/pruning/presets';
import type { ModelId } from '../core/models/types';
import { runExperiment } from '../core/train/experiment';
import type { RunResult } from '../core/train/result';
import { denseInitSeed } from '../core/train/session';
import { CHECKPOINT_DIR, updateCheckpointIndex, writeBytes } from '../node/checkpoints';
import { numberFlag, numberList, parseFlags, parseSetting, UsageError } from './args';
import {
  checkSettings,
  denseCheckpoint,
  knownMethod,
  loadCliDataset,
  log,
  SHARED_OPTIONS,
  stderrProgress,
} from './common';
import { formatSeconds, pct, table } from './format';
import { runFileOutput } from './runOut';
import { masksFlag, quantTable } from './quant';
import { quantizationStudy } from '../core/quant/qat';
import type { QuantFigures } from '../core/quant/qat';

export const RUN_HELP = `run flags:
  --dataset NAME        ${BUILTIN_DATASETS.join(' | ')} (required)
  --model ID            lenet300 | lenet5 | mlp (default: lenet300 for image data, mlp otherwise)
  --hidden 16,16        hidden widths of mlp
  --method ID           dns (default) | none | any registered method
  --preset paper        the DNS paper's own settings for lenet300 / lenet5 on mnist (c, iter_stop,
                        γ, power, all 60k for training, epochs, dense start); flags given too win
  --epochs N            training budget of the method, in epochs (default 1)
  --backend NAME        wasm (default) | cpu
  --seed N              seed of init, batches and method draws (default 1)
  --out FILE            write the run file here: X.json, X.ckpt (weights + masks), X.dense.ckpt
                        (the dense start; none from scratch) and X.history.csv
  --pretrain-epochs N   train the dense start for N epochs instead of loading the shipped checkpoint
  --from-scratch        start from random initialisation (no dense start)
  --checkpoint FILE     start from this checkpoint instead of public/checkpoints/<model>-<dataset>.ckpt
  --save-checkpoint F   write the final network (with masks unless --method none) to F
  --masks FILE          train under this run's masks, never changing them (method fixedMask;
                        a checkpoint with masks or a run file X.json)
  --qat-epochs N        then N epochs of quantization-aware fine-tuning (int8 fake-quant, masks
                        kept) and print float vs post-training int8 vs QAT int8 (0: no fine-tune)
  --batch N             batch size (default 64)
  --optimizer NAME      sgd (default; Caffe LeNet solver) | adam
  --lr X                base learning rate (default 0.01 sgd, 0.001 adam)
  --lr-drop S:F,...     from pruning step S on, the policy's rate × F (e.g. 20000:0.1: a lower rate
                        for the fine-tuning after DNS's masks freeze at iter_stop)
  --c 2.6,2.7,2         DNS crate c per layer (one number for all layers)
  --gamma X --power X --iter-stop N   DNS probability schedule and stop step
  --set key=value       any method setting (repeatable), e.g. --set c=3,3,2
  --validation N        examples carved from train for validation (default 5000 mnist,
                        2000 fashion-mnist; 0 = train on all of it and check on test)
  --log-every N         history point every N steps (default 100)
  --quiet               no progress bar (epoch lines are still printed)`;

const OPTIONS = {
  ...SHARED_OPTIONS,
  method: { type: 'string' },
  seed: { type: 'string' },
  'save-checkpoint': { type: 'string' },
  c: { type: 'string' },
  gamma: { type: 'string' },
  power: { type: 'string' },
  'iter-stop': { type: 'string' },
  masks: { type: 'string' },
  'qat-epochs': { type: 'string' },
  set: { type: 'string', multiple: true },
  preset: { type: 'string' },
  'lr-drop': { type: 'string' },
} as const;

type Flags = ReturnType<typeof parseFlags<typeof OPTIONS>>;

/** Builds and checks the run config from flags (usage errors for anything wrong). */
export function configFromFlags(f: Flags): { cfg: RunConfig; backend: 'cpu' | 'wasm' } {
  const dataset = f.dataset;
  if (!dataset) throw new UsageError('--dataset is required (e.g. --dataset mnist)');
  if (!isBuiltinDataset(dataset))
    throw new UsageError(`unknown dataset "${dataset}"; known: ${BUILTIN_DATASETS.join(', ')}`);
  const model =
    f.model ?? (dataset === 'mnist' || dataset === 'fashion-mnist' ? 'lenet300' : 'mlp');
  if (!isModelId(model))
    throw new UsageError(`unknown model "${model}"; known: lenet300, lenet5, mlp`);
  const backend = f.backend ?? 'wasm';
  if (backend !== 'cpu' && backend !== 'wasm')
    throw new UsageError(`backend "${backend}" is not available in Node; use cpu or wasm`);
  const preset = presetFromFlags(f, dataset, model);
  const method = preset ? 'dns' : (f.method ?? (f.masks ? 'fixedMask' : 'dns'));
  knownMethod(method);
  if (f['from-scratch'] && f['pretrain-epochs'] !== undefined)
    throw new UsageError('--from-scratch and --pretrain-epochs exclude each other');
  const start: StartMode = f['from-scratch']
    ? 'scratch'
    : f['pretrain-epochs'] !== undefined || (preset && !preset.checkpoint)
      ? 'pretrain'
      : 'checkpoint';
  const methodConfig: Record<string, unknown> = {};
  const c = numberList('c', f.c);
  if (c) methodConfig['c'] = c.length === 1 ? c[0] : c;
  const gamma = numberFlag('gamma', f.gamma);
  if (gamma !== undefined) methodConfig['gamma'] = gamma;
  const power = numberFlag('power', f.power);
  if (power !== undefined) methodConfig['power'] = power;
  const iterStop = numberFlag('iter-stop', f['iter-stop'], { int: true });
  if (iterStop !== undefined) methodConfig['iterStop'] = iterStop;
  for (const s of f.set ?? []) {
    const [k, v] = parseSetting(s);
    methodConfig[k] = v;
  }
  const fromPreset = preset
    ? applyPreset(preset, {
        methodConfig,
        ...(f.epochs !== undefined ? { epochs: numberFlag('epochs', f.epochs) } : {}),
        ...(f.batch !== undefined
          ? { batchSize: numberFlag('batch', f.batch, { int: true }) }
          : {}),
        ...(f.validation !== undefined
          ? { validationCount: numberFlag('validation', f.validation, { int: true }) }
          : {}),
      })
    : null;
  if (f.validation !== undefined && DEFAULT_VALIDATION[dataset] === undefined)
    throw new UsageError(
      `--validation applies to ${Object.keys(DEFAULT_VALIDATION).join(' and ')}; ${dataset} is split 60/20/20 by its loader`,
    );
  const optimizer = f.optimizer ?? 'sgd';
  if (optimizer !== 'sgd' && optimizer !== 'adam')
    throw new UsageError(`unknown optimizer "${optimizer}"; use sgd or adam`);
  try {
    const cfg = parseRunConfig({
      dataset,
      model: { id: model, ...(f.hidden ? { hidden: numberList('hidden', f.hidden) } : {}) },
      method,
      methodConfig: fromPreset?.methodConfig ?? methodConfig,
      start,
      pretrainEpochs:
        numberFlag('pretrain-epochs', f['pretrain-epochs']) ??
        (preset && !preset.checkpoint ? preset.pretrainEpochs : 0),
      epochs: fromPreset?.epochs ?? numberFlag('epochs', f.epochs) ?? 1,
      batchSize: fromPreset?.batchSize ?? numberFlag('batch', f.batch, { int: true, min: 1 }) ?? 64,
      seed: numberFlag('seed', f.seed, { int: true }) ?? 1,
      ...(fromPreset
        ? { validationCount: fromPreset.validationCount }
        : f.validation !== undefined
          ? { validationCount: numberFlag('validation', f.validation, { int: true }) }
          : {}),
      optimizer,
      ...(f.lr !== undefined ? { lr: numberFlag('lr', f.lr) } : {}),
      ...(f['lr-drop'] !== undefined ? { lrDrops: lrDrops(f['lr-drop']) } : {}),
    });
    return { cfg, backend };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
}

/** `--lr-drop 20000:0.1,30000:0.01` as the config's `lrDrops`, or a usage error. */
function lrDrops(v: string): { step: number; factor: number }[] {
  return v.split(',').map((part) => {
    const m = /^\s*(\d+)\s*:\s*([0-9.eE+-]+)\s*$/.exec(part);
    const step = m ? Number(m[1]) : NaN;
    const factor = m ? Number(m[2]) : NaN;
    if (!Number.isSafeInteger(step) || !(factor > 0 && factor <= 1))
      throw new UsageError(
        `--lr-drop expects step:factor pairs with 0 < factor ≤ 1, e.g. 20000:0.1, got "${part}"`,
      );
    return { step, factor };
  });
}

/** The `--preset` a run asks for, resolved for its model and data (usage errors otherwise). */
function presetFromFlags(f: Flags, dataset: string, model: string): PresetSettings | null {
  if (f.preset === undefined) return null;
  if (!isPresetId(f.preset))
    throw new UsageError(`unknown preset "${f.preset}"; known: ${PRESET_IDS.join(', ')}`);
  if (f.method !== undefined && f.method !== 'dns')
    throw new UsageError(
      `--preset ${f.preset} is a DNS setting; it cannot run --method ${f.method}`,
    );
  try {
    return resolvePreset(f.preset, model as ModelId, dataset);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** The dense start of a preset run: its shipped checkpoint unless --checkpoint names another. */
export function presetCheckpointPath(argv: string[]): string | undefined {
  const f = parseFlags(argv, OPTIONS);
  if (f.preset === undefined || f.checkpoint !== undefined || !f.dataset) return f.checkpoint;
  const p = presetFromFlags(f, f.dataset, f.model ?? 'lenet300');
  return p?.checkpoint ? join(CHECKPOINT_DIR, p.checkpoint) : undefined;
}

/** `lab run`: one training-and-pruning run. */
export async function runCommand(argv: string[]): Promise<number> {
  const f = parseFlags(argv, OPTIONS);
  const { cfg, backend } = configFromFlags(f);
  const logEvery = numberFlag('log-every', f['log-every'], { int: true, min: 1 }) ?? 100;
  const choice = await initBackend([backend]);
  const data = await loadCliDataset(cfg);
  const checkpoint = await denseCheckpoint(cfg, presetCheckpointPath(argv));
  checkSettings(
    cfg.method,
    cfg.methodConfig,
    layerInfos(architecture(cfg.model, data.inputShape, data.numClasses)),
  );
  log(
    `backend ${choice.backend} · ${data.title}: ${data.train.count} train / ${data.validation.count} validation / ${data.test.count} test · ${cfg.model.id} · ${cfg.method} · start ${cfg.start}`,
  );
  const progress = stderrProgress(f.quiet ?? false);
  const command = `npm run lab -- run ${argv.join(' ')}`;
  const out = f.out
    ? runFileOutput(f.out, cfg, { backend: choice.backend, command, checkpoint })
    : null;
  const masks = f.masks ? await masksFlag(f.masks) : undefined;
  const qatEpochs = numberFlag('qat-epochs', f['qat-epochs']);
  let quant: QuantFigures | undefined;
  const result: RunResult = await runExperiment(cfg, {
    data,
    backend: choice.backend,
    ...(masks ? { masks } : {}),
    checkpoint,
    logEvery,
    hooks: {
      onStep: progress.onStep,
      onEpoch(phase, p) {
        progress.clear();
        log(
          `${phase} epoch ${p.epoch.toFixed(2)}: ${data.validation.count > 0 ? 'validation' : 'train-sample'} accuracy ${pct(p.validationAccuracy)}, density ${pct(p.density, 3)}, ${p.seconds.toFixed(1)} s`,
        );
      },
      async onDense(net, acc) {
        if (acc !== null) log(`dense start: test accuracy ${pct(acc)}`);
        await out?.dense(net, acc);
        if (cfg.method === 'dns') {
          const spec = getMethod('dns');
          const mc = spec.resolve(cfg.methodConfig, net.layers) as { c: number[] };
          const cut = await predictFirstCut(net.layers, mc.c);
          const worst = Math.max(...cut);
          if (worst > 0.99)
            log(
              `warning: the first surgery step would cut ${pct(worst, 1)} of a layer (c = ${mc.c.join(', ')}); lower c or start from a trained dense model`,
            );
        }
      },
      async onDone(net, summary) {
        if (qatEpochs !== undefined)
          quant = await quantizationStudy(net, cfg, data, {
            qatEpochs,
            onStep: (s, n) => progress.onStep('train', s, n),
          });
        await out?.final(net, summary);
        const path = f['save-checkpoint'];
        if (!path) return;
        const bytes = await saveCheckpoint(net, {
          dataset: cfg.dataset,
          withMasks: cfg.method !== 'none',
          meta: {
            testAccuracy: summary.testAccuracy,
            density: summary.density,
            epochs: cfg.pretrainEpochs + cfg.epochs,
            seed: cfg.seed,
            // the initialisation these weights were trained from (lottery tickets rewind to it)
            ...(cfg.start !== 'checkpoint'
              ? { initSeed: cfg.seed }
              : checkpoint && denseInitSeed(checkpoint.header.meta) !== undefined
                ? { initSeed: denseInitSeed(checkpoint.header.meta) }
                : {}),
            backend: choice.backend,
            method: cfg.method,
            command: `npm run lab -- run ${argv.join(' ')}`,
            createdAt: new Date().toISOString(),
          },
        });
        await writeBytes(path, bytes);
        if (resolve(path, '..') === resolve(CHECKPOINT_DIR))
          await updateCheckpointIndex(CHECKPOINT_DIR);
        log(`saved checkpoint ${path} (${(bytes.length / 1024).toFixed(0)} KiB)`);
      },
    },
  });
  process.stdout.write(summaryText(result) + '\n');
  if (quant) process.stdout.write('\n' + quantTable(quant) + '\n');
  if (f.out && out) {
    await out.write(quant ? { ...result, quant } : result); // X.json names X.ckpt (weights + masks) and X.dense.ckpt
    await writeFile(f.out.replace(/\.json$/i, '') + '.history.csv', historyCsv(result));
    log(`wrote ${f.out}`);
  }
  return 0;
}

/** The per-layer table and headline numbers printed at the end of a run. */
export function summaryText(r: RunResult): string {
  const rows = r.layers.map((l) => [
    l.name,
    l.kept,
    l.total,
    pct(l.density),
    `${l.compression.toFixed(1)}x`,
    l.a !== undefined ? l.a.toFixed(4) : '',
    l.b !== undefined ? l.b.toFixed(4) : '',
  ]);
  rows.push(['total', r.kept, r.total, pct(r.density), `${r.compression.toFixed(1)}x`, '', '']);
  return [
    table(['layer', 'kept', 'total', 'density', 'compression', 'a', 'b'], rows),
    '',
    `test accuracy ${pct(r.testAccuracy)} · test error ${pct(r.testError)} · compression ${r.compression.toFixed(1)}x` +
      (r.dense.testAccuracy !== null ? ` · dense ${pct(r.dense.testAccuracy)}` : ''),
    `${r.timing.steps} steps · ${r.timing.msPerStep.toFixed(1)} ms/step · ${formatSeconds(r.timing.totalSeconds)} in all on ${r.backend}`,
  ].join('\n');
}

function historyCsv(r: RunResult): string {
  const head = 'step,epoch,loss,train_accuracy,density,cuts,splices,learning_rate';
  return (
    [
      head,
      ...r.history.map((h) =>
        [
          h.step,
          h.epoch.toFixed(4),
          h.loss,
          h.trainAccuracy,
          h.density,
          h.cuts,
          h.splices,
          h.learningRate,
        ].join(','),
      ),
    ].join('\n') + '\n'
  );
}
