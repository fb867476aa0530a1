import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_FACTS } from '../../../src/core/data/facts';
import { BUILTIN_DATASETS } from '../../../src/core/data/ids';
import { allMethods } from '../../../src/core/pruning/registry';
import { describeSettings } from '../../../src/core/pruning/settings';
import { METHOD_IDS } from '../../../src/core/pruning/types';
import { DEFAULT_CONFIG, isImageSet } from '../../../src/state/configRules';
import { linkOf, linkText, shareUrl } from '../../../src/state/link/build';
import { parameterCount } from '../../../src/state/link/check';
import { parseAddress, parseObject } from '../../../src/state/link/parse';
import type { LinkSetup } from '../../../src/state/link/setup';
import { resolveLink } from '../../../src/state/link/setup';
import {
  CONTROL_IDS,
  LINK_KEYS,
  linkSchema,
  MAX_LINK_PARAMS,
  OPEN_MODES,
  TAB_IDS,
  VIEW_IDS,
} from '../../../src/state/link/schema';
import { BACKEND_ORDER, START_ORDER } from '../../../src/worker/protocol';

/** The methods as the worker describes them to the page (its `hello`). */
const METHODS = allMethods().map((m) => ({
  id: m.id,
  title: m.title,
  settings: describeSettings(m),
}));

const open = (search: string, hash = '') => resolveLink(parseAddress(search, hash), METHODS);
const droppedKeys = (r: { dropped: readonly { key: string }[] }) =>
  r.dropped.map((d) => d.key).sort();

describe('links of earlier versions keep working', () => {
  it('an empty address opens the one-click preset, paused', () => {
    const r = open('');
    expect(r.dropped).toEqual([]);
    expect(r.setup).toEqual({
      config: DEFAULT_CONFIG,
      backend: 'auto',
      speed: null,
      tab: 'live',
      views: null,
      hide: [],
      open: 'paused',
      lesson: null,
    });
  });

  it("the README's link: data, model, method setting, start, budget, backend, speed and autoplay", () => {
    const r = open(
      '?dataset=circle&model=mlp&hidden=16,16&c=0.5&start=pretrain&pretrain=20&epochs=4&backend=webgpu&speed=5&autoplay=1',
    );
    expect(r.dropped).toEqual([]);
    expect(r.setup).toMatchObject({ backend: 'webgpu', speed: 5, open: 'play' });
    expect(r.setup.config).toMatchObject({
      source: { kind: 'builtin', id: 'circle' },
      model: { id: 'mlp', hidden: [16, 16] },
      methodConfig: { c: 0.5 },
      start: 'pretrain',
      pretrainEpochs: 20,
      epochs: 4,
      batchSize: 32,
    });
  });

  it.each([
    '?dataset=circle&backend=wasm&epochs=4',
    '?dataset=digits&backend=wasm&c=1',
    '?dataset=circle&start=pretrain&pretrain=15&epochs=4&c=0.5&backend=wasm',
    '?dataset=circle&model=mlp&hidden=5&backend=wasm&c=2.5',
    '?dataset=circle&start=scratch&c=0.5&backend=wasm&epochs=5',
    '?backend=wasm&speed=20',
    '?dataset=circle&model=mlp&hidden=8,8&backend=webgpu&start=pretrain&pretrain=5&epochs=2&c=1,1,1&gamma=1e-4&speed=5&autoplay=1&batch=16',
  ])('the tests’ link %s applies whole', (search) => {
    expect(open(search).dropped).toEqual([]);
  });

  it('per-layer settings and one value for all layers', () => {
    const r = open('?dataset=circle&model=mlp&hidden=8,8&c=1,1,1&gamma=1e-4&batch=16');
    expect(r.setup.config.methodConfig).toEqual({ c: [1, 1, 1], gamma: 1e-4 });
    expect(r.setup.config.batchSize).toBe(16);
    expect(open('?c=2').setup.config.methodConfig).toEqual({ c: 2 });
  });

  it('a lenet5 link on an image set keeps its model', () => {
    expect(open('?dataset=mnist&model=lenet5').setup.config.model).toEqual({ id: 'lenet5' });
  });
});

describe('the new keys', () => {
  it('open, hide, views, tab and lesson', () => {
    const r = open(
      '?hide=method,lr,speed&open=step&views=heatmap,curves&tab=compare&lesson=dns-lenet',
    );
    expect(r.dropped).toEqual([]);
    expect(r.setup).toMatchObject({
      hide: ['method', 'lr', 'speed'],
      open: 'step',
      views: ['heatmap', 'curves'],
      tab: 'compare',
      lesson: 'dns-lenet',
    });
  });

  it('open wins over its alias autoplay; autoplay=0 opens paused', () => {
    expect(open('?autoplay=1&open=step').setup.open).toBe('step');
    expect(open('?autoplay=0').setup.open).toBe('paused');
  });

  it('reads the hash, and the hash wins over the query for the same key', () => {
    expect(open('', '#dataset=iris&epochs=7').setup.config).toMatchObject({
      source: { id: 'iris' },
      epochs: 7,
    });
    const both = open('?dataset=xor&epochs=3&seed=4', '#epochs=9');
    expect(both.dropped).toEqual([]);
    expect(both.setup.config).toMatchObject({ source: { id: 'xor' }, epochs: 9, seed: 4 });
  });

  it('a hash that is an anchor is not a link', () => {
    expect(open('?epochs=3', '#results').dropped).toEqual([]);
  });

  it('a lesson file takes the same schema, as JSON values or link text', () => {
    const r = parseObject({
      dataset: 'circle',
      hidden: [4, 4],
      hide: 'lr',
      settings: { c: [1, 1, 1] },
    });
    expect(r.dropped).toEqual([]);
    expect(r.link).toEqual({
      dataset: 'circle',
      hidden: [4, 4],
      hide: ['lr'],
      settings: { c: [1, 1, 1] },
    });
    expect(linkSchema.safeParse({ dataset: 'circle', epochs: '3' }).success).toBe(true);
    expect(linkSchema.safeParse({ dataset: 'circle', color: 'red' }).success).toBe(false);
  });
});

/**
 * Hostile and broken links: each names the keys it must lose; everything else in it applies.
 * The length of this table is the "hostile links handled" figure of the report.
 */
const HOSTILE: readonly { name: string; search: string; hash?: string; dropped: string[] }[] = [
  { name: 'NaN', search: '?dataset=circle&epochs=NaN', dropped: ['epochs'] },
  { name: 'Infinity', search: '?dataset=circle&lr=Infinity', dropped: ['lr'] },
  { name: 'negative epochs', search: '?dataset=circle&epochs=-3', dropped: ['epochs'] },
  { name: 'negative seed', search: '?dataset=circle&seed=-1', dropped: ['seed'] },
  { name: 'fractional batch', search: '?dataset=circle&batch=2.5', dropped: ['batch'] },
  { name: 'batch of 0', search: '?dataset=circle&batch=0', dropped: ['batch'] },
  { name: 'batch above the training set', search: '?dataset=iris&batch=91', dropped: ['batch'] },
  { name: 'epochs above 1000', search: '?dataset=circle&epochs=1001', dropped: ['epochs'] },
  {
    name: 'pre-train of 1e9 epochs',
    search: '?dataset=circle&pretrain=1e9',
    dropped: ['pretrain'],
  },
  { name: 'hex number', search: '?dataset=circle&epochs=0x10', dropped: ['epochs'] },
  { name: 'empty number', search: '?dataset=circle&epochs=', dropped: ['epochs'] },
  { name: 'learning rate of 1e6', search: '?dataset=circle&lr=1e6', dropped: ['lr'] },
  { name: 'speed of 0', search: '?dataset=circle&speed=0', dropped: ['speed'] },
  {
    name: '1e12 parameters (widest layers)',
    search: '?dataset=mnist&model=mlp&hidden=4096,4096,4096,4096,4096,4096,4096,4096',
    dropped: ['hidden'],
  },
  {
    name: 'width of 1e12',
    search: '?dataset=circle&model=mlp&hidden=1000000000000',
    dropped: ['hidden'],
  },
  {
    name: 'nine hidden layers',
    search: '?dataset=circle&hidden=4,4,4,4,4,4,4,4,4',
    dropped: ['hidden'],
  },
  { name: 'width 0', search: '?dataset=circle&hidden=16,0', dropped: ['hidden'] },
  {
    name: 'hidden widths for a LeNet',
    search: '?dataset=mnist&model=lenet300&hidden=8',
    dropped: ['hidden'],
  },
  { name: 'LeNet-5 on 2-D points', search: '?dataset=circle&model=lenet5', dropped: ['model'] },
  { name: 'unknown dataset', search: '?dataset=imagenet&epochs=3', dropped: ['dataset'] },
  { name: 'unknown model', search: '?dataset=circle&model=resnet', dropped: ['model'] },
  { name: 'unknown backend', search: '?dataset=circle&backend=tpu', dropped: ['backend'] },
  { name: 'unknown open mode', search: '?dataset=circle&open=fast', dropped: ['open'] },
  { name: 'autoplay=yes', search: '?dataset=circle&autoplay=yes', dropped: ['autoplay'] },
  {
    name: 'unknown control to hide',
    search: '?dataset=circle&hide=lr,everything',
    dropped: ['hide'],
  },
  { name: 'unknown view', search: '?dataset=circle&views=heatmap,camera', dropped: ['views'] },
  { name: 'unknown key with a value', search: '?dataset=circle&colour=red', dropped: ['colour'] },
  { name: 'setting of another method', search: '?dataset=circle&method=agp&c=0.5', dropped: ['c'] },
  {
    name: 'setting out of its bounds',
    search: '?dataset=circle&method=agp&target=1.5',
    dropped: ['target'],
  },
  {
    name: 'choice not offered',
    search: '?dataset=circle&method=imp&scope=everything',
    dropped: ['scope'],
  },
  {
    name: 'switch that is not one',
    search: '?dataset=circle&method=imp&trainFirst=maybe',
    dropped: ['trainFirst'],
  },
  { name: 'per-layer list of the wrong length', search: '?dataset=circle&c=1,1', dropped: ['c'] },
  { name: 'absurd setting', search: '?dataset=circle&gamma=1e300', dropped: ['gamma'] },
  {
    name: 'script tag as a key and as values',
    search: `?dataset=circle&${encodeURIComponent('<script>alert(1)</script>')}=1&model=${encodeURIComponent('<img src=x onerror=alert(1)>')}&lesson=${encodeURIComponent('<b>x</b>')}`,
    dropped: ['<script>alert(1)</script>', 'lesson', 'model'],
  },
  {
    name: 'huge value',
    search: `?dataset=circle&hidden=${'9,'.repeat(5000)}9&seed=3`,
    dropped: ['hidden'],
  },
  {
    name: 'huge key',
    search: `?dataset=circle&${'k'.repeat(5000)}=1`,
    dropped: [`${'k'.repeat(40)}…`],
  },
  {
    name: 'one key twice, two values',
    search: '?dataset=circle&epochs=3&epochs=900000',
    dropped: ['epochs'],
  },
  {
    name: 'the same key twice in the hash',
    search: '',
    hash: '#dataset=xor&seed=1&seed=2',
    dropped: ['seed'],
  },
  {
    name: 'prototype keys',
    search: '?dataset=circle&__proto__=1&constructor=2',
    dropped: ['__proto__', 'constructor'],
  },
  {
    name: 'settings as one key',
    search: '?dataset=circle&settings=%7B%22c%22%3A1%7D',
    dropped: ['settings'],
  },
  {
    name: 'lesson id with a path',
    search: '?dataset=circle&lesson=../../etc/passwd',
    dropped: ['lesson'],
  },
  { name: 'upload id with a path', search: '?dataset=circle&upload=../x', dropped: ['upload'] },
  {
    name: 'broken percent-encoding',
    search: '?dataset=circle&epochs=%E0%A4%A&seed=2',
    dropped: ['epochs'],
  },
  { name: 'control characters in a key', search: '?dataset=circle&a%00b=1', dropped: ['a?b'] },
  {
    name: 'too many keys',
    search: `?dataset=circle&${Array.from({ length: 80 }, (_, i) => `k${i}=1`).join('&')}`,
    dropped: [...Array.from({ length: 63 }, (_, i) => `k${i}`), '17 more keys'],
  },
];

describe('hostile links: the bad keys are dropped and named, the rest applies', () => {
  it.each(HOSTILE)('$name', ({ search, hash, dropped }) => {
    const r = open(search, hash ?? '');
    expect(droppedKeys(r)).toEqual([...dropped].sort());
    for (const d of r.dropped) expect(d.reason.length).toBeGreaterThan(0);
    // The rest of the link still applies: every one of them names a dataset that is kept.
    if (/dataset=(circle|iris|mnist|xor)/.test(search + (hash ?? '')))
      expect(r.setup.config.source.kind).toBe('builtin');
    if (search.includes('dataset=circle'))
      expect(r.setup.config.source).toEqual({ kind: 'builtin', id: 'circle' });
  });

  it('the rest of a hostile link applies: seed, method and hide survive beside bad keys', () => {
    const r = open(
      `?dataset=circle&method=agp&target=0.8&epochs=NaN&hide=lr&batch=100000&seed=7&${encodeURIComponent('<script>')}=x`,
    );
    expect(droppedKeys(r)).toEqual(['<script>', 'batch', 'epochs']);
    expect(r.setup.config).toMatchObject({
      source: { id: 'circle' },
      method: 'agp',
      methodConfig: { target: 0.8 },
      seed: 7,
      epochs: 100,
      batchSize: 32,
    });
    expect(r.setup.hide).toEqual(['lr']);
  });

  it('a model over 2 M parameters is refused; one just under is kept', () => {
    const under = { id: 'mlp' as const, hidden: [2500] };
    expect(parameterCount(under, BUILTIN_FACTS.mnist)).toBeLessThan(MAX_LINK_PARAMS);
    expect(open('?dataset=mnist&model=mlp&hidden=2500').dropped).toEqual([]);
    const over = open('?dataset=mnist&model=mlp&hidden=2600');
    expect(parameterCount({ id: 'mlp', hidden: [2600] }, BUILTIN_FACTS.mnist)).toBeGreaterThan(
      MAX_LINK_PARAMS,
    );
    expect(droppedKeys(over)).toEqual(['hidden']);
    expect(over.setup.config.model).toEqual({ id: 'mlp', hidden: [16, 16] });
  });

  it('method settings wait for the methods: without them they are dropped, not trusted', () => {
    const r = resolveLink(parseAddress('?dataset=circle&c=0.5&epochs=3', ''), null);
    expect(droppedKeys(r)).toEqual(['c']);
    expect(r.setup.config.epochs).toBe(3);
  });

  it('counts the hostile links handled', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(40);
    console.info(`hostile links handled: ${HOSTILE.length}`);
  });
});

describe('no method setting shares a name with a link key', () => {
  it('so flat keys in an address stay unambiguous', () => {
    const keys = new Set<string>([...LINK_KEYS, 'autoplay']);
    for (const m of METHODS)
      for (const s of m.settings) expect(keys.has(s.key), `${m.id}.${s.key}`).toBe(false);
  });
});

/** Setups a Share can produce from the controls: built-in data, any method, any view settings. */
const setupArb: fc.Arbitrary<LinkSetup> = fc
  .record({
    dataset: fc.constantFrom(...BUILTIN_DATASETS),
    mlp: fc.option(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 3 })),
    lenet5: fc.boolean(),
    method: fc.constantFrom(...METHOD_IDS),
    c: fc.option(fc.double({ min: 0, max: 5, noNaN: true })),
    start: fc.constantFrom(...START_ORDER),
    pretrain: fc.double({ min: 0.01, max: 1000, noNaN: true }),
    epochs: fc.double({ min: 0.01, max: 1000, noNaN: true }),
    batch: fc.integer({ min: 1, max: 90 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    optimizer: fc.constantFrom('sgd' as const, 'adam' as const),
    lr: fc.option(fc.double({ min: 1e-6, max: 10, noNaN: true })),
    validateEvery: fc.integer({ min: 0, max: 1000 }),
    backend: fc.constantFrom('auto' as const, ...BACKEND_ORDER),
    speed: fc.option(fc.double({ min: 0.01, max: 1000, noNaN: true })),
    tab: fc.constantFrom(...TAB_IDS),
    views: fc.option(fc.uniqueArray(fc.constantFrom(...VIEW_IDS), { minLength: 1 })),
    hide: fc.uniqueArray(fc.constantFrom(...CONTROL_IDS)),
    open: fc.constantFrom(...OPEN_MODES),
    lesson: fc.option(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/)),
  })
  .map((r): LinkSetup => {
    const model = r.mlp
      ? { id: 'mlp' as const, hidden: r.mlp }
      : r.lenet5 && isImageSet(r.dataset)
        ? { id: 'lenet5' as const }
        : { id: 'lenet300' as const };
    return {
      config: {
        ...DEFAULT_CONFIG,
        source: { kind: 'builtin', id: r.dataset },
        model,
        method: r.method,
        methodConfig: r.method === 'dns' && r.c !== null ? { c: r.c, saliency: 'taylor' } : {},
        start: r.start,
        pretrainEpochs: r.pretrain,
        epochs: r.epochs,
        batchSize: r.batch,
        seed: r.seed,
        optimizer: r.optimizer,
        lr: r.lr,
        validateEvery: r.validateEvery,
      },
      backend: r.backend,
      speed: r.speed,
      tab: r.tab,
      views: r.views,
      hide: r.hide,
      open: r.open,
      lesson: r.lesson,
    };
  });

describe('round trip: Share builds a link, opening it gives the same setup', () => {
  it('for any setup the controls can make', () => {
    fc.assert(
      fc.property(setupArb, (setup) => {
        const url = shareUrl({ origin: 'http://lab.test', pathname: '/pruning/' }, linkOf(setup));
        const u = new URL(url);
        const r = open(u.search, u.hash);
        expect(r.dropped).toEqual([]);
        expect(r.setup).toEqual(setup);
      }),
      { numRuns: 300 },
    );
  });

  it('writes readable text: commas unescaped, settings as keys of their own', () => {
    const text = linkText({
      dataset: 'circle',
      hidden: [8, 8],
      settings: { c: [1, 2, 3] },
      hide: ['lr', 'seed'],
    });
    expect(text).toBe('dataset=circle&hidden=8,8&hide=lr,seed&c=1,2,3');
  });
});
