/** goblog P11's fallbacks, answered when a dependency is down, slow, or its breaker is open. */

/** The quote accountservice shows when quotes-service cannot answer (goblog's wording). */
export const FALLBACK_QUOTE = Object.freeze({
  quote: 'May the source be with you, always.',
  ipAddress: 'circuit-breaker',
  language: 'en',
});

/** The image accountservice shows when imageservice cannot answer: a placeholder, served by the breaker. */
export const PLACEHOLDER_IMAGE_URL = 'https://via.placeholder.com/320x240?text=image+unavailable';

export function fallbackImage(accountId: string) {
  return { id: accountId, url: PLACEHOLDER_IMAGE_URL, servedBy: 'circuit-breaker' };
}
