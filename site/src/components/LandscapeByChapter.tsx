import Link from '@docusaurus/Link';
import { type ReactNode, useState } from 'react';
import { CHAPTER_PLAN } from '../data/landscape';
import { CHAPTERS } from '../data/workshop';
import LandscapeDiagram from './LandscapeDiagram';
import styles from './progress.module.css';
import { useChapterDocs } from './useChapterDocs';

/** Pick a chapter, see which part of the landscape exists at its end (what is still to come is faded). */
export default function LandscapeByChapter(): ReactNode {
  const [chapter, setChapter] = useState(1);
  const docs = useChapterDocs();
  const plan = CHAPTER_PLAN.find((c) => c.number === chapter)!;
  const built = CHAPTERS.find((c) => c.number === chapter);
  const path = docs.get(plan.slug);
  return (
    <div>
      <div className={styles.chapterPicker} role="group" aria-label="Chapter">
        {CHAPTER_PLAN.map((c) => (
          <button
            key={c.number}
            type="button"
            className={`button button--sm ${c.number === chapter ? 'button--primary' : 'button--secondary'}`}
            aria-pressed={c.number === chapter}
            onClick={() => setChapter(c.number)}
          >
            {c.number}
          </button>
        ))}
      </div>
      <p>
        <strong>
          Chapter {chapter}, {path ? <Link to={path}>{plan.slug}</Link> : <code>{plan.slug}</code>}:
        </strong>{' '}
        {plan.concern}. Adds: {plan.adds}.{' '}
        {built ? (
          <>
            In the repository now, running <code>{built.services.join(', ')}</code> (
            <code>npm run chapter:{chapter}</code>).
          </>
        ) : (
          <em>Not written yet.</em>
        )}
      </p>
      <LandscapeDiagram chapter={chapter} showLater />
    </div>
  );
}
