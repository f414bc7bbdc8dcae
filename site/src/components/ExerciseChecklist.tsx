import useBrokenLinks from '@docusaurus/useBrokenLinks';
import type { ReactNode } from 'react';
import { chapterBySlug, doneIn } from '../data/workshop';
import { useProgress } from '../progress/store';
import ProgressBar from './ProgressBar';
import styles from './progress.module.css';

export const CHECKLIST_ID = 'exercise-checklist';

/** The chapter's exercises (found in the solution's @exercise markers) as a checklist kept in the browser. */
export default function ExerciseChecklist({ slug }: { slug: string }): ReactNode {
  const chapter = chapterBySlug(slug);
  const { progress, setDone, resetChapter } = useProgress();
  const brokenLinks = useBrokenLinks();
  if (!chapter || chapter.exercises.length === 0) return null;
  brokenLinks.collectAnchor(CHECKLIST_ID); // so links to the checklist pass the broken-anchor check
  const done = new Set(doneIn(chapter, progress[slug]));
  return (
    <section id={CHECKLIST_ID} className={styles.checklist} aria-label="Your exercises">
      <div className={styles.checklistHead}>
        <strong>Your exercises in chapter {chapter.number}</strong>
        <ProgressBar done={done.size} total={chapter.exercises.length} />
      </div>
      <p className={styles.muted}>
        Do them in <code>chapters/{slug}/</code> (look for <code>TODO(exercise …)</code>), check them with{' '}
        <code>npm run verify:{chapter.number}</code>, then tick them off here. Progress is kept in this browser only.
      </p>
      <ul className={styles.exercises}>
        {chapter.exercises.map((exercise) => (
          <li key={exercise.id} data-exercise={exercise.id}>
            <label>
              <input
                type="checkbox"
                checked={done.has(exercise.id)}
                onChange={(event) => setDone(slug, exercise.id, event.target.checked)}
              />{' '}
              <code>{exercise.id}</code> {exercise.task}
            </label>
            <div className={styles.exerciseMeta}>
              in <code>{exercise.file}</code>
              <details>
                <summary>Hint 1</summary>
                {exercise.hint}
              </details>
              <details>
                <summary>Hint 2</summary>
                {exercise.hintApi}
              </details>
            </div>
          </li>
        ))}
      </ul>
      {done.size > 0 && (
        <button type="button" className="button button--sm button--secondary" onClick={() => resetChapter(slug)}>
          Clear my ticks for this chapter
        </button>
      )}
    </section>
  );
}
