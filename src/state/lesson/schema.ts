import { z } from 'zod';
import { METHOD_IDS } from '../../core/pruning/types';
import { LESSON_ID } from '../link/schema';

/** Most runs a lesson's compare may queue (methods × targets × seeds). */
export const MAX_LESSON_RUNS = 12;

const text = (max: number) => z.string().trim().min(1, { error: 'is empty' }).max(max);

/**
 * A lesson file (`public/lessons/<id>.json`, or a teacher's own): a link's setup (checked key by
 * key as any link is, so one bad setting is dropped and named, not the whole lesson) plus what to
 * watch, what to try and one question, and optionally a compare to queue.
 */
export const lessonSchema = z.strictObject({
  format: z.literal('pruning-lab-lesson', { error: 'is not "pruning-lab-lesson"' }),
  version: z.literal(1, { error: 'must be 1' }),
  id: z.string().regex(LESSON_ID, { error: 'must be lowercase letters, digits and dashes' }),
  title: text(120),
  summary: text(400),
  /** The link the lesson opens (the fields of `linkSchema`, checked by `parseObject`). */
  setup: z.record(z.string(), z.unknown()),
  compare: z
    .strictObject({
      methods: z.array(z.enum(METHOD_IDS)).min(1).max(METHOD_IDS.length),
      targets: z.array(z.number().gt(0).lt(1)).min(1).max(6),
      seeds: z
        .array(
          z
            .int()
            .min(0)
            .max(2 ** 31 - 1),
        )
        .min(1)
        .max(6),
      epochs: z.number().positive().max(1000).optional(),
    })
    .refine((c) => c.methods.length * c.targets.length * c.seeds.length <= MAX_LESSON_RUNS, {
      error: `queues more than ${MAX_LESSON_RUNS} runs`,
    })
    .optional(),
  watch: text(1200),
  try: text(1200),
  question: text(600),
});

export type Lesson = z.infer<typeof lessonSchema>;

/** A lesson of the shipped index: enough for the menu. */
export interface LessonEntry {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
}

/** Reads a lesson file's text; the error names the field and what is wrong with it. */
export function parseLesson(text: string, name = 'the lesson file'): Lesson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${name} is not JSON`);
  }
  const r = lessonSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    const where = i?.path.length ? i.path.join('.') : 'it';
    throw new Error(`${name} is not a lesson: ${where} ${i?.message ?? 'is invalid'}`);
  }
  return r.data;
}
