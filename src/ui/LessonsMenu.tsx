import { useEffect, useRef, useState } from 'react';
import { isLessonFile, openLessonById, openLessonFile } from '../state/lesson/open';
import { useLab } from '../state/store';

/** Lessons: the shipped ones, and a teacher's own lesson file (chosen here or dropped on the page). */
export function LessonsMenu() {
  const lessons = useLab((s) => s.lessons);
  const [open, setOpen] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // A lesson file dropped anywhere on the page (but the run-import zone) opens as a lesson; it is
    // taken before the upload path, which has no use for a .json.
    const drop = (e: DragEvent) => {
      const files = e.dataTransfer?.files;
      const target = e.target instanceof Element ? e.target : null;
      if (!files || files.length !== 1 || target?.closest('[data-testid=run-import]')) return;
      const file = files[0]!;
      if (!/\.json$/i.test(file.name)) return;
      e.preventDefault();
      void isLessonFile(file).then((yes) =>
        yes
          ? openLessonFile(file)
          : useLab
              .getState()
              .setLinkNotice(
                [],
                `${file.name} is not a lesson file. Runs are imported in the Saved runs tab.`,
              ),
      );
    };
    window.addEventListener('drop', drop, true);
    return () => window.removeEventListener('drop', drop, true);
  }, []);
  const pick = (id: string) => {
    setOpen(false);
    void openLessonById(id);
  };
  return (
    <div
      className="share lessons-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) setOpen(false);
      }}
    >
      <button
        type="button"
        data-testid="lessons"
        aria-expanded={open}
        title="Ready-made experiments with what to watch and what to try"
        onClick={() => setOpen(!open)}
      >
        Lessons
      </button>
      {open && (
        <div className="share-panel lessons-panel" role="group" aria-label="Lessons">
          <ul>
            {lessons.map((l) => (
              <li key={l.id}>
                <button type="button" data-testid={`lesson-${l.id}`} onClick={() => pick(l.id)}>
                  <b>{l.title}</b>
                  <span className="field-hint">{l.summary}</span>
                </button>
              </li>
            ))}
            {lessons.length === 0 && <li className="field-hint">No lessons shipped here.</li>}
          </ul>
          <button type="button" onClick={() => file.current?.click()} data-testid="lesson-file">
            Open a lesson file…
          </button>
          <input
            ref={file}
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="lesson-file-input"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              setOpen(false);
              if (f) void openLessonFile(f);
            }}
          />
        </div>
      )}
    </div>
  );
}
