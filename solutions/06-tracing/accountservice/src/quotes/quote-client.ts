import http from 'node:http';
import axios from 'axios';
import { z } from 'zod';
import { propagateRequestId } from '../../../common/logging';
import type { Quote } from '../model';

/** The seam between the handler and quotes-service: tests hand the handler a fake. */
export interface QuoteClient {
  /** A quote, or undefined when none could be had in time. Never rejects. */
  getQuote(): Promise<Quote | undefined>;
}

export interface HttpQuoteClientOptions {
  /** e.g. http://quotes-service:8080 — the Swarm service name, resolved by Swarm's DNS. */
  baseUrl: string;
  /** The most an account may wait for its quote. */
  timeoutMs: number;
  /** How much CPU each quote costs quotes-service (goblog asks for 4). */
  strength?: number;
  log?: (message: string) => void;
}

const QuoteSchema = z.object({ quote: z.string(), ipAddress: z.string(), language: z.string() });

/** No quote at all: what accountservice does when QUOTES_SERVICE_URL is not set. */
export const noQuotes: QuoteClient = { getQuote: async () => undefined };

export function httpQuoteClient({
  baseUrl,
  timeoutMs,
  strength = 4,
  log = console.warn,
}: HttpQuoteClientOptions): QuoteClient {
  const client = axios.create({
    baseURL: baseUrl,
    httpAgent: quotesAgent(),
    maxContentLength: 64 * 1024,
    validateStatus: (status) => status === 200,
  });
  // Chapter 05: the quote call carries the account request's X-Request-ID.
  propagateRequestId(client);
  return {
    async getQuote() {
      // @exercise quote-timeout: Never let quotes-service hold an account up: give the call a deadline, and resolve to undefined (no quote) when it fails, times out or answers something that is not a quote.
      // @hint A quote is a garnish: the account must come back even when quotes-service is slow, down or talks nonsense. Bound the whole call in time, and treat every failure (and every answer that is not a quote) as 'no quote'.
      // @hint-api signal: AbortSignal.timeout(timeoutMs) in client.get's options; try/catch around the call; QuoteSchema.safeParse(response.data); log(...) and return undefined.
      try {
        // A deadline for the whole exchange: axios's own `timeout` only watches an idle socket.
        const response = await client.get('/api/quote', {
          params: { strength },
          signal: AbortSignal.timeout(timeoutMs),
        });
        const parsed = QuoteSchema.safeParse(response.data);
        if (parsed.success) return parsed.data;
        log(`quotes-service answered something that is not a quote: ${JSON.stringify(response.data).slice(0, 200)}`);
      } catch (err) {
        log(`no quote from ${baseUrl}: ${axios.isCancel(err) ? `no answer within ${timeoutMs} ms` : whatFailed(err)}`);
      }
      return undefined;
      // @starter
      // const response = await client.get('/api/quote', { params: { strength } });
      // const quote = QuoteSchema.parse(response.data);
      // log(`quote from ${quote.ipAddress} (no deadline yet: timeoutMs=${timeoutMs} is not used)`);
      // return quote;
      // @end
    },
  };
}

/**
 * The HTTP agent for calls to quotes-service. Swarm's VIP balances *connections*, not requests:
 * a kept-alive connection would send every request to the one replica it first reached
 * (goblog P7). Node's global agent keeps connections alive (since Node 19), so this one must not.
 */
export function quotesAgent(): http.Agent {
  // @exercise no-keep-alive: Make every call to quotes-service open a new connection, so Swarm's VIP (or the local cluster) can send it to another replica.
  // @hint Swarm's VIP balances connections, not requests: a connection that stays open keeps talking to the one replica it first reached. Each call needs a fresh connection.
  // @hint-api new http.Agent({ keepAlive: false }) (or omit keepAlive: a new Agent does not keep connections alive unless told to; Node's global agent does since Node 19).
  return new http.Agent({ keepAlive: false });
  // @starter
  // return new http.Agent({ keepAlive: true });
  // @end
}

/** A short reason for the log: the HTTP status, the network error code, or the message. */
export function whatFailed(err: unknown): string {
  if (axios.isAxiosError(err)) return err.response ? `HTTP ${err.response.status}` : (err.code ?? err.message);
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
