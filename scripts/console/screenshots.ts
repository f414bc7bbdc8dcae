/**
 * `npm run console:screenshots`: starts chapter 07's landscape (free ports, queue names of its own),
 * makes a little traffic, opens the console in Chromium and saves it in the light and the dark theme
 * into the site's images (site/static/img/console/). The site's "Landscape console" page shows them.
 */
import fs from 'node:fs';
import path from 'node:path';
import amqp from 'amqplib';
import { launchChromium } from '../lib/chromium';
import { ownBrokerNames } from '../lib/demo-setup';
import { pollUntil } from '../lib/poll';
import { DEFAULT_AMQP_URL, checkServers } from '../lib/rabbitmq';
import { REPO_ROOT, SOLUTIONS_DIR } from '../lib/paths';
import { startLandscape } from '../lib/runner';
import { say } from '../lib/ui';
import { Collector } from './collector';
import { infoFromLandscape } from './landscape-info';
import { serveConsole } from './server';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'site', 'static', 'img', 'console');
const CHAPTER_DIR = path.join(SOLUTIONS_DIR, '07-breakers');
const WAIT = { timeoutMs: 60_000, intervalMs: 250 };

async function main(): Promise<void> {
  await checkServers(['rabbitmq']);
  const { names, env } = ownBrokerNames(7);
  const discovery = `${names.exchange}.discovery`;
  const serviceEnv = { ...env, DISCOVERY_EXCHANGE: discovery, TRACING_EXPORT_DELAY_MS: '100' };
  say.step('Starting chapter 07 on free ports…');
  const landscape = await startLandscape({ dir: CHAPTER_DIR, ports: 'free', env: serviceEnv });
  const console_ = await serveConsole(new Collector(infoFromLandscape(landscape, serviceEnv)), 0);
  const browser = await launchChromium({ viewport: { width: 1600, height: 1100 } });
  try {
    // A little traffic: VIP and ordinary accounts (VIP messages reach vipservice), a quote, an image.
    for (const id of ['10000', '10001', '10002', '10000']) {
      await fetch(`${landscape.url('accountservice')}/accounts/${id}`, { headers: { 'X-Request-ID': `demo-${id}` } });
    }
    const page = await browser.context.newPage();
    await page.goto(console_.url);
    await page.locator('[data-edge="accountservice->quotes-service"]').waitFor({ timeout: WAIT.timeoutMs });
    await page.locator('[data-breaker]').first().waitFor({ timeout: WAIT.timeoutMs });
    await pollUntil(
      'every service healthy on the page',
      async () => ((await page.locator('[data-health="unhealthy"]').count()) === 0 ? true : undefined),
      WAIT,
    );
    await page.locator('#requests li button').first().click();
    await page.locator('#waterfall li').first().waitFor({ timeout: WAIT.timeoutMs });
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      if ((await page.locator('html').getAttribute('data-theme')) !== theme) await page.click('#theme');
      const file = path.join(SCREENSHOT_DIR, `console-${theme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      say.ok(`wrote ${path.relative(REPO_ROOT, file)}`);
    }
  } finally {
    await browser.close();
    await console_.close();
    await landscape.stop();
    const connection = await amqp.connect(process.env.AMQP_URL ?? DEFAULT_AMQP_URL);
    const channel = await connection.createChannel();
    for (const queue of [names.queue, `${names.queue}.dlq`]) await channel.deleteQueue(queue);
    for (const exchange of [names.exchange, `${names.exchange}.dlx`, names.bus, discovery])
      await channel.deleteExchange(exchange);
    await connection.close();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      say.fail(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    },
  );
}
