import { useAllDocsData } from '@docusaurus/plugin-content-docs/client';

/** chapter slug ("01-rest") → the URL of its write-up, for every chapter whose README.md exists. */
export function useChapterDocs(): Map<string, string> {
  const docs = useAllDocsData().default?.versions[0]?.docs ?? [];
  const pages = new Map<string, string>();
  for (const doc of docs) {
    const match = /^chapters\/(\d\d-[a-z0-9-]+)\/README$/.exec(doc.id);
    if (match) pages.set(match[1], doc.path);
  }
  return pages;
}

/** The URL of a chapter's write-up by number, if it exists yet. */
export function useChapterDoc(number: number): { slug: string; path: string } | undefined {
  const prefix = `${String(number).padStart(2, '0')}-`;
  for (const [slug, path] of useChapterDocs()) if (slug.startsWith(prefix)) return { slug, path };
  return undefined;
}
