import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions } from 'playwright-core';

/** Debian's Chromium (apt-get install -y chromium), or CHROMIUM_PATH. */
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

export interface LaunchedChromium {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** Whether Chromium is installed; under CI a browser test must fail without it, elsewhere it may skip saying why. */
export function chromiumInstalled(): boolean {
  return fs.existsSync(CHROMIUM);
}

/**
 * A headless Chromium with a fresh profile of its own (deleted on close), for the site's checks and
 * the chapters' browser tests. `options` go to the browser context: e.g. `ignoreHTTPSErrors` for an
 * edge with a self-signed certificate, a viewport, a colour scheme.
 */
export async function launchChromium(options: BrowserContextOptions = {}): Promise<LaunchedChromium> {
  if (!chromiumInstalled()) {
    throw new Error(`${CHROMIUM} is missing. Install it with: apt-get update && apt-get install -y chromium`);
  }
  // Loaded here, not at the top: the test kit is imported by every chapter test, few of which need a browser.
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      ...options,
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    return {
      context,
      async close() {
        await context.close().catch(() => {});
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}
