import path from 'node:path';
import type { Page } from 'playwright-core';
import { type Landscape, pollUntil, startLandscape } from '@workshop/testkit';
import { Collector } from '../collector';
import { infoFromLandscape } from '../landscape-info';
import { type OpenConsole, openConsole } from './open-console';

// An earlier chapter shows what it has: chapter 03 (config server, quotes-service, accountservice)
// has no traces, logs, queues or breakers, so those panels stay hidden; its config loads and refreshes
// come from the lines the services print, fed to the console as `chapter:N -- --console` does.
const chapterDir = path.resolve(__dirname, '../../../solutions/03-config');
jest.setTimeout(180_000);
const WAIT = { timeoutMs: 60_000, intervalMs: 250 };

describe('the landscape console on chapter 03 (real processes, real Chromium)', () => {
  let landscape: Landscape;
  let opened: OpenConsole | undefined;
  let collector: Collector;
  let page: Page;

  beforeAll(async () => {
    const lines: [string, string][] = [];
    landscape = await startLandscape({
      dir: chapterDir,
      ports: 'free',
      onOutput: (service, _index, line) =>
        collector ? collector.feedLine(service, line) : lines.push([service, line]),
    });
    collector = new Collector(infoFromLandscape(landscape));
    for (const [service, line] of lines) collector.feedLine(service, line);
    opened = await openConsole(collector, landscape, { colorScheme: 'dark' });
    page = opened.page;
  });
  afterAll(async () => {
    await (opened ? opened.close() : landscape?.stop());
  });

  it('lists its three services as healthy and shows no panel the chapter has nothing for', async () => {
    for (const service of ['configserver', 'quotes-service', 'accountservice'])
      await page.locator(`[data-service="${service}"][data-health="healthy"]`).waitFor({ timeout: WAIT.timeoutMs });
    for (const panel of ['breakers', 'requests', 'flows', 'logs', 'queues'])
      await expect(page.locator(`#${panel}-panel`).isVisible()).resolves.toBe(false);
    await expect(page.locator('#config-panel').isVisible()).resolves.toBe(true);
  });

  it("shows each service's config load, then its refresh", async () => {
    const row = page.locator('[data-config="accountservice"] td');
    await row.first().waitFor({ timeout: WAIT.timeoutMs });
    await expect(row.nth(1).textContent()).resolves.toBe('loaded');
    const res = await fetch(`${landscape.url('accountservice')}/actuator/refresh`, { method: 'POST' });
    expect(res.status).toBe(200);
    await pollUntil(
      'the page to show the refresh',
      async () => ((await row.nth(1).textContent()) === 'refreshed' ? true : undefined),
      WAIT,
    );
    await expect(row.nth(4).textContent()).resolves.toBe('no key changed');
  });

  it('switches theme from the keyboard', async () => {
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await page.locator('#theme').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('light');
    await expect(page.locator('#theme').getAttribute('aria-pressed')).resolves.toBe('false');
  });
});
