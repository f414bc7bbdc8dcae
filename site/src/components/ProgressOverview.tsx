import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import { CHAPTERS, doneIn } from '../data/workshop';
import { useProgress } from '../progress/store';
import ProgressBar from './ProgressBar';
import styles from './progress.module.css';
import { useChapterDocs } from './useChapterDocs';

/** Every chapter with the learner's progress through its exercises. */
export default function ProgressOverview(): ReactNode {
  const { progress } = useProgress();
  const docs = useChapterDocs();
  const total = CHAPTERS.reduce((sum, c) => sum + c.exercises.length, 0);
  const done = CHAPTERS.reduce((sum, c) => sum + doneIn(c, progress[c.slug]).length, 0);
  return (
    <div className={styles.overview}>
      <ProgressBar done={done} total={total} label={`${done} of ${total} exercises in the whole workshop`} />
      <ol className={styles.overviewList}>
        {CHAPTERS.map((chapter) => {
          const path = docs.get(chapter.slug);
          const title = `${chapter.number}. ${chapter.title}`;
          return (
            <li key={chapter.slug}>
              {path ? (
                <Link to={chapter.exercises.length > 0 ? `${path}#exercise-checklist` : path}>{title}</Link>
              ) : (
                <span>{title}</span>
              )}
              <ProgressBar done={doneIn(chapter, progress[chapter.slug]).length} total={chapter.exercises.length} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}
