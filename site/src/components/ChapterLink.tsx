import Link from '@docusaurus/Link';
import type { ReactNode } from 'react';
import { useChapterDoc } from './useChapterDocs';

interface Props {
  number: number;
  /** Text before the link (only shown when the write-up exists). */
  prefix?: string;
  children?: ReactNode;
}

/** A link to chapter N's write-up, or a quiet note while the write-up does not exist yet. */
export default function ChapterLink({ number, prefix = '', children }: Props): ReactNode {
  const doc = useChapterDoc(number);
  if (!doc) return <em>chapter {number}’s write-up is coming</em>;
  return (
    <>
      {prefix}
      <Link to={doc.path}>{children ?? `chapter ${number}’s write-up`}</Link>
    </>
  );
}
