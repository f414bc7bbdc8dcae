/**
 * Picks a word for the search test: one that appears in the prose of exactly one page and in no
 * other page's source at all, so the search must find that page and nothing else ranks above it.
 */

function prose(markdown: string): string {
  return markdown
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, ' ') // fenced code
    .replace(/`[^`\n]*`/g, ' ') // inline code
    .replace(/\]\([^)]*\)/g, '] ') // link targets
    .replace(/<[^>]+>/g, ' ');
}

function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z]{7,}/g) ?? []).filter((w) => !w.includes('_')));
}

/**
 * The candidate word of `target`: present in its prose, absent (as a substring, whatever the case)
 * from every other source. Longest first, then alphabetical, so the pick is stable.
 */
export function uniqueWord(target: string, others: string[]): string | undefined {
  const otherText = others.join('\n').toLowerCase();
  const candidates = [...words(prose(target))]
    .filter((word) => !otherText.includes(word.slice(0, -1))) // stem-safe: "commits" must not match "commit"
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
  return candidates.find((word) => word.length <= 14) ?? candidates[0];
}
