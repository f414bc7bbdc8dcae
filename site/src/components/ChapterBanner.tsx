import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import { chapterBySlug, doneIn } from '../data/workshop';
import { useProgress } from '../progress/store';
import ProgressBar from './ProgressBar';
import styles from './progress.module.css';

/** The strip above a chapter's write-up: its commands, its progress, and what it changed. */
export default function ChapterBanner({ slug }: { slug: string }): ReactNode {
  const chapter = chapterBySlug(slug);
  const { progress } = useProgress();
  if (!chapter) return null;
  const n = chapter.number;
  return (
    <div className={styles.banner}>
      <span>
        <code>npm run chapter:{n}</code> · <code>npm run verify:{n}</code>
        {chapter.hasDemo && (
          <>
            {' '}
            · <Link to={`/demos#demo-${n}`}>demo</Link>
          </>
        )}
        {chapter.hasChanges && (
          <>
            {' '}
            · <Link to={`/changes/chapter-${String(n).padStart(2, '0')}`}>what changed since chapter {n - 1}</Link>
          </>
        )}
      </span>
      {chapter.exercises.length > 0 && (
        <Link to="#exercise-checklist" className={styles.bannerProgress}>
          <ProgressBar done={doneIn(chapter, progress[slug]).length} total={chapter.exercises.length} />
        </Link>
      )}
    </div>
  );
}
