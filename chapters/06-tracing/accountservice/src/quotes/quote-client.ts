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
    },
  };
}

/**
 * The HTTP agent for calls to quotes-service. Swarm's VIP balances *connections*, not requests:
 * a kept-alive connection would send every request to the one replica it first reached
 * (goblog P7). Node's global agent keeps connections alive (since Node 19), so this one must not.
 */
export function quotesAgent(): http.Agent {
  return new http.Agent({ keepAlive: false });
}

/** A short reason for the log: the HTTP status, the network error code, or the message. */
export function whatFailed(err: unknown): string {
  if (axios.isAxiosError(err)) return err.response ? `HTTP ${err.response.status}` : (err.code ?? err.message);
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
