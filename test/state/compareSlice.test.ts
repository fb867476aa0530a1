import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/state/configRules';
import { compareSetup, planCompare, sweepCommandLine } from '../../src/state/compareSpec';
import { connectPort } from '../../src/state/port';
import { emptyRun } from '../../src/state/runReducer';
import { useLab } from '../../src/state/store';
import type { LabConfig } from '../../src/state/types';
import type { Command, MethodInfo } from '../../src/worker/protocol';
import { result } from '../helpers/runResult';

const sent: Command[] = [];
const initial = useLab.getState();
const s = () => useLab.getState();

const info = (id: MethodInfo['id'], sparsity: MethodInfo['sparsity'], multiTarget = false) =>
  ({
    id,
    title: id,
    summary: '',
    gradient: 'masked',
    canRegrow: false,
    sparsity,
    multiTarget,
    settings: [],
  }) as MethodInfo;
const METHODS = [
  info('none', 'none'),
  info('dns', 'threshold'),
  info('imp', 'target', true),
  info('agp', 'target'),
  info('nm', 'pattern'),
];

const circle: LabConfig = {
  ...DEFAULT_CONFIG,
  source: { kind: 'builtin', id: 'circle' },
  model: { id: 'mlp', hidden: [16, 16] },
  epochs: 4,
  batchSize: 32,
};

beforeEach(() => {
  sent.length = 0;
  connectPort({ send: (c) => sent.push(c) });
  useLab.setState(initial, true);
  useLab.setState({ methods: METHODS, config: circle, run: { ...emptyRun(1), status: 'ready' } });
});

describe('planning a compare on the page', () => {
  it('plans as the core planSweep: IMP once per seed, N:M and dense once, others per target', () => {
    const jobs = planCompare(
      {
        ...s().compareForm,
        methods: ['dns', 'imp', 'agp', 'nm', 'none'],
        targets: [0.9, 0.5],
        seeds: [1, 2],
      },
      METHODS,
    );
    const seed1 = jobs.filter((j) => j.seed === 1).map((j) => `${j.method}:${j.targets ?? '-'}`);
    expect(seed1).toEqual([
      'dns:0.5',
      'dns:0.9',
      'imp:0.5,0.9',
      'agp:0.5',
      'agp:0.9',
      'nm:-',
      'none:-',
    ]);
    expect(jobs).toHaveLength(14);
  });

  it('writes the same sweep as a CLI command', () => {
    const form = {
      ...s().compareForm,
      methods: ['dns', 'imp'] as const,
      targets: [0.9, 0.95],
      seeds: [1, 2],
    };
    expect(
      sweepCommandLine(
        { ...circle, start: 'pretrain', pretrainEpochs: 5 },
        { ...form, methods: [...form.methods] },
      ),
    ).toBe(
      'npm run lab -- sweep --dataset circle --model mlp --hidden 16,16 --methods dns,imp --targets 0.9,0.95 --seeds 1,2 --epochs 4 --batch 32 --pretrain-epochs 5 --dns-calibration pilot --pilot-epochs 2 --pilot-rounds 2 --out sweep.json',
    );
    const own = { ...circle, method: 'dns' as const, methodConfig: { gamma: 0.001, c: [1, 2, 3] } };
    expect(sweepCommandLine(own, { ...form, methods: ['dns'], epochs: 2 })).toMatch(
      /--epochs 2 .* --set dns.gamma=0.001 --set dns.c=1,2,3 --out sweep.json$/,
    );
    expect(
      sweepCommandLine(
        { ...circle, source: { kind: 'upload', key: 'u1' } },
        { ...form, methods: ['dns'] },
      ),
    ).toBeNull();
  });

  it('keys results by data, model, start and budget', () => {
    const a = compareSetup(circle, s().compareForm);
    expect(a.title).toBe(
      'mlp-16-16 on circle, from the shipped dense checkpoint, 4 epochs per run',
    );
    expect(compareSetup(circle, { ...s().compareForm, epochs: 2 }).setup).not.toBe(a.setup);
    expect(compareSetup({ ...circle, seed: 9 }, s().compareForm).setup).toBe(a.setup);
  });
});

describe('the compare slice', () => {
  it('queues the form on the lab settings, with the sidebar settings for its method', () => {
    useLab.setState({ config: { ...circle, method: 'dns', methodConfig: { gamma: 0.001 } } });
    s().editCompare({ methods: ['dns', 'agp'], targets: [0.8], seeds: [3], epochs: 2 });
    s().queueCompare();
    const cmd = sent.at(-1)!;
    expect(cmd.type).toBe('compare');
    if (cmd.type !== 'compare') return;
    expect(cmd.spec).toMatchObject({
      methods: ['dns', 'agp'],
      targets: [0.8],
      seeds: [3],
      settings: { dns: { gamma: 0.001 } },
    });
    expect(cmd.spec.run.config.epochs).toBe(2);
    expect(cmd.spec.run.data).toEqual({ kind: 'builtin', id: 'circle' });
    expect(s().compare).toMatchObject({
      id: cmd.spec.id,
      status: 'starting',
      jobs: [
        { method: 'dns', seed: 3, targets: [0.8] },
        { method: 'agp', seed: 3, targets: [0.8] },
      ],
    });
  });

  it('holds the live run while a compare trains, and frees it after', () => {
    s().queueCompare();
    const id = s().compare!.id;
    sent.length = 0;
    s().play();
    s().queueCompare(); // one compare at a time
    expect(sent).toEqual([]);
    s().receive({ type: 'compareEnd', id, outcome: 'done' });
    s().play();
    expect(sent.map((c) => c.type)).toEqual(['play']);
  });

  it('keeps each job’s results and cancels on request', () => {
    s().queueCompare();
    const id = s().compare!.id;
    const r = result({ method: 'dns', seed: 1, target: 0.9, density: 0.1, acc: 0.9 });
    s().receive({ type: 'compareStarted', id, jobs: s().compare!.jobs, backend: 'cpu' });
    s().receive({ type: 'compareResults', id, index: 0, results: [r] });
    expect(s().compareResults?.runs).toEqual([r]);
    expect(s().compare!.done).toBe(1);
    s().cancelCompare();
    expect(sent.at(-1)).toEqual({ type: 'cancelCompare', id });
    expect(s().compare!.status).toBe('cancelling');
    s().receive({ type: 'compareEnd', id, outcome: 'cancelled' });
    expect(s().compare!.status).toBe('cancelled');
    expect(s().compareResults?.runs).toHaveLength(1);
    s().clearCompareResults();
    expect(s().compareResults).toBeNull();
  });

  it('asks the worker for a sensitivity analysis and keeps its result', () => {
    s().analyseSensitivity();
    const cmd = sent.at(-1)!;
    expect(cmd).toEqual({ type: 'sensitivity', id: 1 });
    expect(s().sensitivity.status).toBe('running');
    s().receive({ type: 'sensitivityProgress', id: 1, done: 10, total: 60 });
    expect(s().sensitivity.done).toBe(10);
    s().receive({ type: 'sensitivityError', id: 1, message: 'no run is built yet' });
    expect(s().sensitivity).toMatchObject({ status: 'error', message: 'no run is built yet' });
  });
});
