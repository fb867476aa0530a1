import type { StateCreator } from 'zustand';
import type { Lesson, LessonEntry } from '../lesson/schema';
import type { LabState } from '../store';

export interface LessonSlice {
  /** The shipped lessons, for the menu (empty until the index is read). */
  lessons: readonly LessonEntry[];
  /** The open lesson, whose text the lesson panel shows. */
  activeLesson: Lesson | null;
  setLessons(lessons: readonly LessonEntry[]): void;
  setLesson(lesson: Lesson | null): void;
}

type Slice = StateCreator<LabState, [['zustand/subscribeWithSelector', never]], [], LessonSlice>;

export const lessonSlice: Slice = (set) => ({
  lessons: [],
  activeLesson: null,
  setLessons(lessons) {
    set({ lessons });
  },
  setLesson(lesson) {
    set({ activeLesson: lesson });
  },
});
