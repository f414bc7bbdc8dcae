import type { Page } from 'playwright-core';
import { type Landscape, type LaunchedChromium, launchChromium } from '@workshop/testkit';
import type { Collector } from '../collector';
import { type RunningConsole, serveConsole } from '../server';

/** The console served on a free port for `collector`, opened in a real Chromium. */
export interface OpenConsole {
  console_: RunningConsole;
  browser: LaunchedChromium;
  page: Page;
  /** Closes the browser and the console, then stops the landscape. */
  close(): Promise<void>;
}

export async function openConsole(
  collector: Collector,
  landscape: Landscape,
  chromium: Parameters<typeof launchChromium>[0] = {},
): Promise<OpenConsole> {
  const console_ = await serveConsole(collector, 0);
  const browser = await launchChromium(chromium);
  const page = await browser.context.newPage();
  await page.goto(console_.url);
  return {
    console_,
    browser,
    page,
    async close() {
      await browser.close();
      await console_.close();
      await landscape.stop();
    },
  };
}
