import { useLab } from '../state/store';

/** The open lesson's text: what to watch, what to try, and one question. */
export function LessonPanel() {
  const lesson = useLab((s) => s.activeLesson);
  const close = () => useLab.getState().setLesson(null);
  if (!lesson) return null;
  return (
    <section className="lesson" aria-label={`Lesson: ${lesson.title}`} data-testid="lesson-panel">
      <header>
        <h2>
          <span className="muted">Lesson · </span>
          {lesson.title}
        </h2>
        <button type="button" onClick={close} aria-label="Close the lesson">
          Close
        </button>
      </header>
      <p>{lesson.summary}</p>
      <dl>
        <dt>Watch</dt>
        <dd data-testid="lesson-watch">{lesson.watch}</dd>
        <dt>Try</dt>
        <dd data-testid="lesson-try">{lesson.try}</dd>
        <dt>Question</dt>
        <dd data-testid="lesson-question">{lesson.question}</dd>
      </dl>
    </section>
  );
}
