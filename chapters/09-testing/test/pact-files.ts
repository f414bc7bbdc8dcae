import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import './pact-env';

// No Pact Broker: the pacts live in the repository (pacts/), written by the consumers' tests and
// read by the providers' tests.

/** Where the committed pacts are: what every provider verifies. */
export const PACTS_DIR = path.resolve(__dirname, '../pacts');

export function committedPact(consumer: string, provider: string): string {
  return path.join(PACTS_DIR, `${consumer}-${provider}.json`);
}

/**
 * A consumer test writes its pact into a folder of its own (a provider test may be reading the
 * committed one at the same moment); `compareWithCommitted` then says whether the committed pact
 * is still the one the consumer's test produces. PACT_UPDATE=1 writes it into pacts/ instead.
 */
export function consumerPactDir(): string {
  return process.env.PACT_UPDATE === '1' ? PACTS_DIR : fs.mkdtempSync(path.join(os.tmpdir(), 'pact-'));
}

/** Removes a consumer's own pact folder (never pacts/). */
export function removeConsumerPactDir(dir: string): void {
  if (path.resolve(dir) !== PACTS_DIR) fs.rmSync(dir, { recursive: true, force: true });
}

/** The interactions of a pact file (what a provider is held to), without Pact's own metadata. */
export function interactionsOf(file: string): unknown {
  const pact = JSON.parse(fs.readFileSync(file, 'utf8')) as { interactions?: unknown[]; messages?: unknown[] };
  return pact.interactions ?? pact.messages;
}
