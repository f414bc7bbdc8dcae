import { type HttpQuoteClientOptions, type QuoteClient, httpQuoteClient } from './quote-client';

/**
 * A quote client that reads its settings on every call, so `POST /actuator/refresh` changing
 * quotes.timeout-ms takes effect on the next account read, without a restart. A new HTTP client is
 * made only when the settings actually changed.
 */
export function liveQuoteClient(settings: () => HttpQuoteClientOptions): QuoteClient {
  let last: { key: string; client: QuoteClient } | undefined;
  return {
    getQuote() {
      const current = settings();
      const key = `${current.baseUrl} ${current.timeoutMs} ${current.strength ?? ''}`;
      if (last?.key !== key) last = { key, client: httpQuoteClient(current) };
      return last.client.getQuote();
    },
  };
}
