import { useDoc } from '@docusaurus/plugin-content-docs/client';
import type { WrapperProps } from '@docusaurus/types';
import Content from '@theme-original/DocItem/Content';
import type ContentType from '@theme/DocItem/Content';
import type { ReactNode } from 'react';
import ChapterBanner from '../../../components/ChapterBanner';
import ExerciseChecklist from '../../../components/ExerciseChecklist';

type Props = WrapperProps<typeof ContentType>;

/** Chapter pages (chapters/NN-topic/README.md) get their commands on top and the exercise checklist below. */
export default function ContentWrapper(props: Props): ReactNode {
  const { metadata } = useDoc();
  const slug = /^chapters\/(\d\d-[a-z0-9-]+)\/README$/.exec(metadata.id)?.[1];
  if (!slug) return <Content {...props} />;
  return (
    <>
      <ChapterBanner slug={slug} />
      <Content {...props} />
      <ExerciseChecklist slug={slug} />
    </>
  );
}
