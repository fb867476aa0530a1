import { openLink } from '../link/apply';
import { parseObject } from '../link/parse';
import { LESSON_ID } from '../link/schema';
import type { DroppedKey, Link } from '../link/schema';
import { useLab } from '../store';
import type { Lesson, LessonEntry } from './schema';
import { parseLesson } from './schema';

/** Largest lesson file the lab reads (a lesson is a few kilobytes of JSON). */
export const MAX_LESSON_BYTES = 64 * 1024;

function lessonUrl(path: string): URL {
  return new URL(`lessons/${path}`, new URL(import.meta.env.BASE_URL, document.baseURI));
}

async function fetchText(path: string): Promise<string> {
  const res = await fetch(lessonUrl(path));
  if (!res.ok) throw new Error(`lessons/${path}: HTTP ${res.status}`);
  return res.text();
}

/** Reads the shipped lessons' titles for the menu; a lesson that fails to load is left out. */
export async function loadLessonIndex(): Promise<void> {
  try {
    const index = JSON.parse(await fetchText('index.json')) as { lessons?: unknown };
    const ids = Array.isArray(index.lessons)
      ? index.lessons.filter((x): x is string => typeof x === 'string' && LESSON_ID.test(x))
      : [];
    const entries = await Promise.all(
      ids.map(async (id): Promise<LessonEntry | null> => {
        try {
          const l = parseLesson(await fetchText(`${id}.json`), `lessons/${id}.json`);
          return { id: l.id, title: l.title, summary: l.summary };
        } catch {
          return null;
        }
      }),
    );
    useLab.getState().setLessons(entries.filter((e): e is LessonEntry => e !== null));
  } catch {
    useLab.getState().setLessons([]);
  }
}

/**
 * Opens a lesson: its setup as a link (every key checked, the bad ones named in the link notice),
 * its compare in the compare form, and its text in the lesson panel.
 */
export async function openLesson(
  lesson: Lesson,
  over?: { link: Link; dropped: DroppedKey[] },
): Promise<void> {
  const s = useLab.getState();
  s.setLesson(lesson);
  if (lesson.compare) {
    const c = lesson.compare;
    s.editCompare({
      methods: c.methods,
      targets: c.targets,
      seeds: c.seeds,
      epochs: c.epochs ?? null,
    });
  }
  const own = parseObject({ ...lesson.setup, lesson: lesson.id });
  // A link naming the lesson may change some of its settings: the link's keys win.
  const link: Link = over
    ? {
        ...own.link,
        ...over.link,
        lesson: lesson.id,
        ...(own.link.settings || over.link.settings
          ? { settings: { ...own.link.settings, ...over.link.settings } }
          : {}),
      }
    : own.link;
  await openLink({ link, dropped: [...own.dropped, ...(over?.dropped ?? [])] });
}

/** Shows why a lesson could not be opened, in the link notice (never a dialog). */
function fail(message: string): void {
  useLab.getState().setLinkNotice([], message);
}

/** Opens a shipped lesson by id (the menu, or `lesson=` in a link). */
export async function openLessonById(
  id: string,
  over?: { link: Link; dropped: DroppedKey[] },
): Promise<void> {
  if (!LESSON_ID.test(id)) return fail(`There is no lesson called “${id}”.`);
  let lesson: Lesson;
  try {
    lesson = parseLesson(await fetchText(`${id}.json`), `lessons/${id}.json`);
  } catch (e) {
    fail(`The lesson “${id}” could not be opened: ${(e as Error).message}.`);
    if (over) await openLink(over); // the rest of the link still applies
    return;
  }
  await openLesson(lesson, over);
}

/** Opens a teacher's own lesson file (chosen or dropped); a bad file changes nothing. */
export async function openLessonFile(file: File): Promise<void> {
  if (file.size > MAX_LESSON_BYTES)
    return fail(`${file.name} is ${Math.round(file.size / 1024)} KB: too large for a lesson file.`);
  let lesson: Lesson;
  try {
    lesson = parseLesson(await file.text(), file.name);
  } catch (e) {
    return fail(`${(e as Error).message}. Nothing was changed.`);
  }
  await openLesson(lesson);
}

/** Whether a dropped or chosen file looks like a lesson (so the upload path leaves it alone). */
export async function isLessonFile(file: File): Promise<boolean> {
  if (!/\.json$/i.test(file.name) || file.size > MAX_LESSON_BYTES) return false;
  return (await file.text()).includes('"pruning-lab-lesson"');
}
