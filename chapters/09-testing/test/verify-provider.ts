import './pact-env';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Express } from 'express';
import { Verifier } from '@pact-foundation/pact';

/** Serves `app` on a free local port for as long as `work` runs. */
export async function serving<T>(app: Express, work: (baseUrl: string) => Promise<T>): Promise<T> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    return await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * Replays every interaction of the pact at the provider running at `baseUrl` and compares what it
 * answers with what the consumer expects; rejects naming each mismatch.
 */
export function verifyHttpPact(provider: string, pactFile: string, baseUrl: string, states: string[]) {
  return new Verifier({
    provider,
    providerBaseUrl: baseUrl,
    pactUrls: [pactFile],
    // The states the consumers name; quotes-service needs no set-up for these.
    stateHandlers: Object.fromEntries(states.map((state) => [state, async () => undefined])),
    logLevel: 'warn',
  }).verifyProvider();
}
