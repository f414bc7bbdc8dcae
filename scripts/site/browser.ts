import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Debian's Chromium quiet: no sandbox (CI runs as root), no GPU, no phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a request stays on this machine (loopback, or no network at all: data:, blob:, about:). */
export function staysLocal(url: string): boolean {
  const parsed = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  return LOOPBACK.has(parsed.hostname);
}

export interface Browser {
  context: BrowserContext;
  /** Every URL the pages requested, in order. */
  requests: string[];
  /** Requests that would have left loopback (they are blocked, not sent). */
  outside: string[];
  /** Opens a page that records its console errors and uncaught exceptions into `errors`. */
  newPage(errors: string[]): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing. Install it with: apt-get update && apt-get install -y chromium`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'site-test-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    serviceWorkers: 'block',
  });
  const requests: string[] = [];
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (staysLocal(url)) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    requests,
    outside,
    async newPage(errors) {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      return page;
    },
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
