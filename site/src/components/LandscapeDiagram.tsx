import Mermaid from '@theme/Mermaid';
import type { ReactNode } from 'react';
import { landscapeDiagram } from '../data/landscape';

/** The landscape as a Mermaid diagram: the final one, or as it stands at the end of a chapter. */
export default function LandscapeDiagram({
  chapter = 99,
  showLater = false,
}: {
  chapter?: number;
  showLater?: boolean;
}): ReactNode {
  return <Mermaid value={landscapeDiagram(chapter, showLater)} />;
}
