import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { initBackend } from '../core/backend';
import type { RunConfig } from '../core/config';
import { architecture, layerInfos } from '../core/models/zoo';
import { planSweep, runSweep } from '../core/train/sweep';
import type { DnsCalibrationOptions, SweepJob } from '../core/train/sweep';
import { numberFlag, numberList, parseFlags, parseSetting, UsageError } from './args';
import {
  checkSettings,
  denseCheckpoint,
  knownMethod,
  loadCliDataset,
  log,
  SHARED_OPTIONS,
  stderrProgress,
  writeJson,
} from './common';
import { pct } from './format';
import { configFromFlags } from './run';
import { runFileOutput } from './runOut';
import { sweepCsv, sweepTable } from './sweepReport';
import { reportMode, sweepReporter } from './sweepReports';

export const SWEEP_HELP = `sweep flags (every run gets the same model, data, dense start and --epochs budget):
  --dataset NAME        as for run (required)
  --model ID --hidden 16,16 --batch N --optimizer NAME --lr X   as for run
  --methods a,b,c       method ids (required), e.g. dns,imp,lth,oneshot,agp,set,rigl
  --targets 0.9,0.95    target sparsities; IMP / lottery runs pass them all in one run (each target
                        is a level on the way), DNS is calibrated to each, N:M and none ignore them
  --seeds 1,2,3         seeds (default 1)
  --epochs N            training budget of every run, in epochs (default 1)
  --backend NAME        wasm (default) | cpu
  --set m.key=value     a setting of method m (repeatable), e.g. --set imp.fraction=0.3
  --dns-calibration M   pilot (default): c from the weight distribution, corrected by short DNS
                        runs, since DNS splices back and ends less sparse than its first cut |
                        first-cut: the weight distribution alone (no extra training)
  --pilot-epochs N --pilot-rounds N   pilot DNS runs per target (default 2 epochs, 2 rounds;
                        seeds that share the dense start share the calibration)
  --pretrain-epochs N | --from-scratch | --checkpoint FILE   the dense start, as for run
  --validation N        as for run; every run uses the first seed's split (the shipped
                        checkpoints were trained on seed 1's, so none has seen held-out data)
  --out FILE            write { runs: [...] } here and a CSV summary beside it (FILE.csv), and
                        each job's run file (last result, .ckpt, .dense.ckpt) in FILE.runs/
  --log-every N         history point every N steps (default 100)
  --report basic|full   a report of every run (size, MACs, bytes, int8, calibration; full: also
                        corruption and latency) and mean ± std over seeds in the JSON
  --quiet               no progress bar`;

const OPTIONS = {
  ...SHARED_OPTIONS,
  methods: { type: 'string' },
  targets: { type: 'string' },
  seeds: { type: 'string' },
  set: { type: 'string', multiple: true },
  'dns-calibration': { type: 'string' },
  'pilot-epochs': { type: 'string' },
  'pilot-rounds': { type: 'string' },
  report: { type: 'string' },
} as const;

type SweepFlags = ReturnType<typeof parseFlags<typeof OPTIONS>>;

/** Everything a sweep needs from its flags, checked (usage errors for anything wrong). */
export interface SweepPlan {
  readonly jobs: readonly SweepJob[];
  readonly base: (job: SweepJob) => RunConfig;
  readonly backend: 'cpu' | 'wasm';
  readonly calibration: DnsCalibrationOptions;
  readonly checkpointPath: string | undefined;
}

/** Parses and checks sweep flags without loading anything. */
export function sweepPlanFromFlags(f: SweepFlags): SweepPlan {
  if (!f.methods)
    throw new UsageError('--methods is required (e.g. --methods dns,imp,oneshot,agp)');
  const methods = f.methods.split(',').filter((m) => m !== '');
  for (const m of methods) knownMethod(m);
  const targets = numberList('targets', f.targets) ?? [];
  for (const t of targets)
    if (!(t > 0 && t < 1)) throw new UsageError(`--targets expects sparsities in (0, 1), got ${t}`);
  const seeds = numberList('seeds', f.seeds) ?? [1];
  for (const s of seeds)
    if (!Number.isInteger(s) || s < 0)
      throw new UsageError(`--seeds expects integers ≥ 0, got ${s}`);
  const settings = new Map<string, Record<string, unknown>>();
  for (const raw of f.set ?? []) {
    const [key, value] = parseSetting(raw);
    const dot = key.indexOf('.');
    const method = dot > 0 ? key.slice(0, dot) : methods.length === 1 ? methods[0]! : null;
    if (!method || !methods.includes(method))
      throw new UsageError(
        `--set ${raw}: name the method, e.g. --set ${methods[0] ?? 'imp'}.${dot > 0 ? key.slice(dot + 1) : key}=…`,
      );
    const own = settings.get(method) ?? {};
    own[dot > 0 ? key.slice(dot + 1) : key] = value;
    settings.set(method, own);
  }
  const mode = f['dns-calibration'] ?? 'pilot';
  if (mode !== 'first-cut' && mode !== 'pilot')
    throw new UsageError(`--dns-calibration expects first-cut or pilot, got "${mode}"`);
  const calibration: DnsCalibrationOptions = {
    mode,
    pilotEpochs: numberFlag('pilot-epochs', f['pilot-epochs']) ?? 2,
    rounds: numberFlag('pilot-rounds', f['pilot-rounds'], { int: true, min: 1 }) ?? 2,
  };
  const configs = new Map<string, { cfg: RunConfig; backend: 'cpu' | 'wasm' }>();
  for (const m of methods) {
    // The shared flags as `lab run` reads them; --set here names its method (settings above).
    const seeded = configFromFlags({ ...f, set: undefined, method: m });
    configs.set(m, { ...seeded, cfg: { ...seeded.cfg, methodConfig: settings.get(m) ?? {} } });
  }
  const first = configs.get(methods[0]!);
  if (!first) throw new UsageError('--methods lists no method');
  return {
    jobs: planSweep(methods, targets, seeds),
    base: (job) => ({ ...configs.get(job.method)!.cfg, seed: job.seed }),
    backend: first.backend,
    calibration,
    checkpointPath: f.checkpoint,
  };
}

/** `lab sweep`: methods × targets × seeds, one JSON of runs and a CSV summary. */
export async function sweepCommand(argv: string[]): Promise<number> {
  const f = parseFlags(argv, OPTIONS);
  const plan = sweepPlanFromFlags(f);
  const logEvery = numberFlag('log-every', f['log-every'], { int: true, min: 1 }) ?? 100;
  const choice = await initBackend([plan.backend]);
  const probe = plan.base(plan.jobs[0]!);
  const data = await loadCliDataset(probe);
  const checkpoint = await denseCheckpoint(probe, plan.checkpointPath);
  const layers = layerInfos(architecture(probe.model, data.inputShape, data.numClasses));
  for (const m of new Set(plan.jobs.map((j) => j.method)))
    checkSettings(
      m,
      plan.base({ method: m, seed: probe.seed, targets: null }).methodConfig,
      layers,
    );
  log(
    `sweep: ${plan.jobs.length} runs · ${probe.epochs} epochs each · ${data.title} · ${probe.model.id} · backend ${choice.backend} · start ${probe.start}`,
  );
  const progress = stderrProgress(f.quiet ?? false);
  // each job's run file: its final network and dense start, written as the job ends
  const runsDir = f.out ? f.out.replace(/\.json$/i, '') + '.runs' : null;
  const command = `npm run lab -- sweep ${argv.join(' ')}`;
  let current: ReturnType<typeof runFileOutput> | null = null;
  const runFiles: string[] = [];
  const writes: Promise<void>[] = [];
  const errors: unknown[] = [];
  const mode = reportMode(f.report);
  const reporter = mode ? sweepReporter(mode, data, choice.backend) : null;
  const swept = await runSweep(plan.jobs, plan.base, {
    data,
    backend: choice.backend,
    checkpoint,
    logEvery,
    dnsCalibration: plan.calibration,
    hooks: {
      onStep: progress.onStep,
      onDense: async (net, acc) => {
        await current?.dense(net, acc);
        await reporter?.hooks.onDense?.(net, acc);
      },
      onDone: async (net, summary) => {
        await current?.final(net, summary);
        await reporter?.hooks.onDone?.(net, summary);
      },
    },
    onJob(job, i, total) {
      progress.clear();
      if (runsDir) {
        const path = join(runsDir, `${i + 1}-${job.method}-seed${job.seed}.json`);
        current = runFileOutput(path, plan.base(job), {
          backend: choice.backend,
          command,
          checkpoint,
        });
        runFiles.push(path);
      }
      const t = job.targets
        ? ` target${job.targets.length > 1 ? 's' : ''} ${job.targets.join(', ')}`
        : '';
      log(`[${i + 1}/${total}] ${job.method} seed ${job.seed}${t}`);
    },
    onResults(_job, results) {
      progress.clear();
      reporter?.take(results);
      const last = results[results.length - 1];
      // caught here, thrown after the sweep: a rejection left pending would end the process
      if (current && last)
        writes.push(current.write(last).catch((e: unknown) => void errors.push(e)));
      for (const r of results)
        log(
          `  sparsity ${pct(1 - r.density)} · test accuracy ${pct(r.testAccuracy)} · ${(r.epochsTrained ?? 0).toFixed(2)} epochs · ${r.timing.totalSeconds.toFixed(0)} s`,
        );
    },
  });
  const reported = reporter?.finish(swept);
  const runs = reported?.runs ?? swept;
  process.stdout.write(sweepTable(runs) + '\n');
  await Promise.all(writes);
  if (errors.length > 0) throw errors[0];
  if (f.out) {
    const doc = {
      runs,
      command,
      runFiles: runFiles.map((p) => `${basename(runsDir!)}/${basename(p)}`),
      ...(reported ? { reports: reported.reports, reportStats: reported.reportStats } : {}),
    };
    await writeJson(f.out, doc);
    const csvPath = f.out.replace(/\.json$/i, '') + '.csv';
    await writeFile(csvPath, sweepCsv(runs));
    log(`wrote ${f.out} and ${csvPath}`);
  }
  return 0;
}
