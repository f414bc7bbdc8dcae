import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';

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
  const chromium = await launchChromium({
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    serviceWorkers: 'block',
  });
  const { context } = chromium;
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
    close: () => chromium.close(),
  };
}
