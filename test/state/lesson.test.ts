import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_FACTS } from '../../src/core/data/facts';
import { architecture, layerInfos } from '../../src/core/models/zoo';
import { allMethods, getMethod } from '../../src/core/pruning/registry';
import { describeSettings } from '../../src/core/pruning/settings';
import { planSweepWith } from '../../src/core/train/sweepPlan';
import { parseLesson } from '../../src/state/lesson/schema';
import { checkLink } from '../../src/state/link/check';
import { parseObject } from '../../src/state/link/parse';
import { baseConfig, linkSetup } from '../../src/state/link/setup';

const DIR = join(process.cwd(), 'public', 'lessons');
const files = readdirSync(DIR).filter((f) => f !== 'index.json' && f.endsWith('.json'));
const methods = allMethods().map((m) => ({
  id: m.id,
  title: m.title,
  settings: describeSettings(m),
}));

describe('the shipped lessons', () => {
  it('are at least the five the issue asks for, all in the index', () => {
    const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as {
      lessons: string[];
    };
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect([...index.lessons].sort()).toEqual(files.map((f) => f.replace(/\.json$/, '')).sort());
  });

  for (const f of files)
    it(`${f}: every setup key passes the link checks and its settings fit its method`, () => {
      const lesson = parseLesson(readFileSync(join(DIR, f), 'utf8'), f);
      expect(`${lesson.id}.json`).toBe(f);
      const parsed = parseObject(lesson.setup);
      expect(parsed.dropped).toEqual([]);
      const base = baseConfig(parsed.link);
      const id = base.source.kind === 'builtin' ? base.source.id : 'mnist';
      const checked = checkLink(parsed.link, { data: BUILTIN_FACTS[id], methods, base });
      expect(checked.dropped).toEqual([]);
      const setup = linkSetup(checked.link, base);
      const facts = BUILTIN_FACTS[id];
      const layers = layerInfos(
        architecture(setup.config.model, facts.inputShape, facts.numClasses),
      );
      // The method takes the settings as they are (resolve throws on anything it refuses).
      expect(() =>
        getMethod(setup.config.method).resolve(setup.config.methodConfig, layers),
      ).not.toThrow();
      if (lesson.compare) {
        const c = lesson.compare;
        const jobs = planSweepWith(c.methods, c.targets, c.seeds, (m) => getMethod(m));
        expect(jobs.length).toBe(c.methods.length * c.targets.length * c.seeds.length);
      }
    });

  it('lesson 2 queues DNS and one-shot at 98% on one seed, on the compare tab', () => {
    const l = parseLesson(readFileSync(join(DIR, 'splicing.json'), 'utf8'));
    expect(l.compare).toMatchObject({ methods: ['dns', 'oneshot'], targets: [0.98], seeds: [1] });
    expect(parseObject(l.setup).link.tab).toBe('compare');
  });
});

describe('a teacher’s lesson file', () => {
  const good = readFileSync(join(DIR, 'tiny-network.json'), 'utf8');
  it('names what is wrong with a bad one', () => {
    expect(() => parseLesson('{not json', 'mine.json')).toThrow('mine.json is not JSON');
    expect(() => parseLesson('{}', 'mine.json')).toThrow(/mine\.json is not a lesson: format/);
    const noQuestion = { ...JSON.parse(good), question: '  ' };
    expect(() => parseLesson(JSON.stringify(noQuestion), 'q.json')).toThrow(/question is empty/);
    const badId = { ...JSON.parse(good), id: '../../etc/passwd' };
    expect(() => parseLesson(JSON.stringify(badId))).toThrow(/id must be lowercase/);
    const huge = {
      ...JSON.parse(good),
      compare: { methods: ['dns', 'imp', 'agp'], targets: [0.5, 0.9, 0.95], seeds: [1, 2] },
    };
    expect(() => parseLesson(JSON.stringify(huge))).toThrow(/more than 12 runs/);
  });

  it('drops one bad setting by name and keeps the rest', () => {
    const mine = { ...JSON.parse(good), setup: { dataset: 'circle', epochs: -3, seed: 7 } };
    const parsed = parseObject(parseLesson(JSON.stringify(mine)).setup);
    expect(parsed.link).toMatchObject({ dataset: 'circle', seed: 7 });
    expect(parsed.dropped.map((d) => d.key)).toEqual(['epochs']);
  });
});
