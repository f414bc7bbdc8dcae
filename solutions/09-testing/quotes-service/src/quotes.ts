/** The quotes this service hands out: short, attributed, in English. */
export const QUOTES: readonly string[] = [
  'Simplicity is prerequisite for reliability. (Edsger W. Dijkstra)',
  'Premature optimization is the root of all evil. (Donald Knuth)',
  'Make it work, make it right, make it fast. (Kent Beck)',
  'Programs must be written for people to read, and only incidentally for machines to execute. (Harold Abelson)',
  'The most effective debugging tool is still careful thought, coupled with judiciously placed print statements. (Brian Kernighan)',
  'Everything should be made as simple as possible, but not simpler. (attributed to Albert Einstein)',
  'Measuring programming progress by lines of code is like measuring aircraft building progress by weight. (Bill Gates)',
  'Any fool can write code that a computer can understand. Good programmers write code that humans can understand. (Martin Fowler)',
  'A distributed system is one in which the failure of a computer you did not even know existed can render your own computer unusable. (Leslie Lamport)',
  'Walking on water and developing software from a specification are easy if both are frozen. (Edward V. Berard)',
];

/** One quote, chosen at random (`random` is injectable so tests can pick). */
export function pickQuote(random: () => number = Math.random): string {
  return QUOTES[Math.floor(random() * QUOTES.length) % QUOTES.length];
}
