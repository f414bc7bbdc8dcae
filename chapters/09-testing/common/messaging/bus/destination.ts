/**
 * Spring Cloud Bus addressing. Each instance has a bus id, `application:profiles:port:random`
 * (e.g. `accountservice:dev:6767:3f2a…`); an event's `destinationService` is an Ant-style pattern
 * over the `:`-separated parts: `**` (everyone), `accountservice:**` (every accountservice
 * instance), `accountservice:dev:**`, `*:dev:**`…
 */

/** Spring's PathDestination: `accountservice` and `accountservice:dev` mean "…and every instance of it". */
export function normalizeDestination(destination?: string): string {
  const path = destination?.trim() ? destination.trim() : '**';
  if (path === '**') return path;
  const colons = path.split(':').length - 1;
  return colons <= 1 && !path.toLowerCase().endsWith(':**') ? `${path}:**` : path;
}

/** Spring's ServiceMatcher.isForSelf: no destination or `**` is for everyone; otherwise the pattern must match. */
export function isForSelf(destinationService: string | null | undefined, busId: string): boolean {
  if (!destinationService || destinationService === '**') return true;
  return matchesBusId(destinationService, busId);
}

/**
 * Spring's AntPathMatcher with `:` as separator (`**` spans any number of parts, `*` and `?` stay
 * within one), plus DefaultBusPathMatcher's rule: an id with several profiles
 * (`app:dev,docker:6767:x`) matches when the pattern matches it with any one of them.
 */
export function matchesBusId(pattern: string, busId: string): boolean {
  const patternParts = tokens(pattern);
  const idParts = tokens(busId);
  if (matchParts(patternParts, idParts)) return true;
  if (idParts.length < 2 || !idParts[1].includes(',')) return false;
  return idParts[1]
    .split(',')
    .map((profile) => profile.trim())
    .filter(Boolean)
    .some((profile) => matchParts(patternParts, [idParts[0], profile, ...idParts.slice(2)]));
}

function tokens(text: string): string[] {
  return text
    .split(':')
    .map((part) => part.trim())
    .filter(Boolean);
}

function matchParts(pattern: string[], parts: string[]): boolean {
  if (pattern.length === 0) return parts.length === 0;
  const [head, ...rest] = pattern;
  if (head === '**') {
    for (let skip = 0; skip <= parts.length; skip++) {
      if (matchParts(rest, parts.slice(skip))) return true;
    }
    return false;
  }
  return parts.length > 0 && partMatches(head, parts[0]) && matchParts(rest, parts.slice(1));
}

function partMatches(pattern: string, part: string): boolean {
  const regex = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${regex}$`).test(part);
}
