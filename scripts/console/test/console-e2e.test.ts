import { randomBytes } from 'node:crypto';
import path from 'node:path';
import amqp from 'amqplib';
import type { Page } from 'playwright-core';
import { type Landscape, expectStatus, pollUntil, startLandscape } from '@workshop/testkit';
import { DEFAULT_AMQP_URL } from '../../lib/rabbitmq';
import { Collector } from '../collector';
import { infoFromLandscape } from '../landscape-info';
import { type OpenConsole, openConsole } from './open-console';

// The console against chapter 07's landscape on real processes (the same runner as `npm run chapter:7`,
// free ports, the real RabbitMQ with queue names of this run's own), read in a real Chromium. Nothing is
// timed: every check waits (generously) for the page to show the state the landscape is in.
const chapterDir = path.resolve(__dirname, '../../../solutions/07-breakers');
jest.setTimeout(240_000);
const WAIT = { timeoutMs: 60_000, intervalMs: 250 };

describe('the landscape console on chapter 07 (real processes, real Chromium)', () => {
  const name = `test-console-${process.pid}-${randomBytes(4).toString('hex')}`;
  const names = { vip: `${name}.vip`, queue: `${name}.vip_queue`, bus: `${name}.bus`, discovery: `${name}.disc` };
  const env = {
    VIP_EXCHANGE: names.vip,
    VIP_QUEUE: names.queue,
    SPRING_CLOUD_BUS_DESTINATION: names.bus,
    DISCOVERY_EXCHANGE: names.discovery,
    TRACING_EXPORT_DELAY_MS: '100',
    // A slow first quote on a busy machine must not count as a failure; the breaker test opens it on purpose.
    BREAKERS_QUOTES_SERVICE_TIMEOUT_MS: '20000',
    BREAKERS_QUOTES_SERVICE_VOLUME_THRESHOLD: '4',
    // Once open, it stays open while the page catches up.
    BREAKERS_QUOTES_SERVICE_RESET_TIMEOUT_MS: '600000',
  };
  let landscape: Landscape;
  let opened: OpenConsole | undefined;
  let page: Page;

  beforeAll(async () => {
    // quotes-service as one replica behind its port, so a test can stop it (scale to 0) and start it again.
    landscape = await startLandscape({ dir: chapterDir, ports: 'free', env, replicas: { 'quotes-service': 1 } });
    opened = await openConsole(new Collector(infoFromLandscape(landscape, env)), landscape, {
      viewport: { width: 1400, height: 1000 },
    });
    page = opened.page;
  });
  afterAll(async () => {
    await (opened ? opened.close() : landscape?.stop());
    const connection = await amqp.connect(process.env.AMQP_URL ?? DEFAULT_AMQP_URL);
    const channel = await connection.createChannel();
    for (const queue of [names.queue, `${names.queue}.dlq`]) await channel.deleteQueue(queue);
    for (const exchange of [names.vip, `${names.vip}.dlx`, names.bus, names.discovery])
      await channel.deleteExchange(exchange);
    await connection.close();
  });

  /** What the page says about one service: "healthy", "unhealthy", or undefined while it is not listed. */
  const healthOf = (service: string) =>
    page
      .locator(`[data-service="${service}"]`)
      .getAttribute('data-health', { timeout: 1000 })
      .catch(() => undefined);
  const waitForHealth = (service: string, health: string) =>
    pollUntil(
      `the page to show ${service} ${health}`,
      async () => ((await healthOf(service)) === health ? true : undefined),
      WAIT,
    );

  it('lists every service of the running chapter as healthy', async () => {
    const services = landscape.services.map((s) => s.spec.name);
    expect(services).toHaveLength(8);
    for (const service of services) await waitForHealth(service, 'healthy');
    await expect(page.locator('[data-service]').count()).resolves.toBe(services.length);
    await expect(page.locator('h1').textContent()).resolves.toContain('Chapter 7');
  });

  it('shows a request made with an HTTP client, with its trace and its log lines side by side', async () => {
    // Its own id per attempt: a retried test must not find the first attempt's trace.
    const reqId = `${name}-req-${Date.now()}`;
    const res = await fetch(`${landscape.url('accountservice')}/accounts/10000`, {
      headers: { 'X-Request-ID': reqId },
    });
    expect(res.status).toBe(200);
    // Its trace id, as logtail has it: the line accountservice wrote for this request.
    const traceId = await pollUntil(
      `logtail's lines for ${reqId}`,
      async () => {
        const r = await fetch(`${landscape.url('logtail')}/logs?reqId=${reqId}&service=accountservice`);
        const { lines } = (await r.json()) as { lines: { traceId?: string }[] };
        return lines.find((l) => l.traceId)?.traceId;
      },
      WAIT,
    );
    const row = page.locator(`#requests [data-trace="${traceId}"] button`);
    await row.waitFor({ timeout: WAIT.timeoutMs });
    // The call from accountservice to quotes-service is drawn among the flows.
    await page.locator('[data-edge="accountservice->quotes-service"]').waitFor({ timeout: WAIT.timeoutMs });

    // Opened with the keyboard: its spans from each service, and the lines written in it.
    await row.focus();
    await page.keyboard.press('Enter');
    await pollUntil(
      'the waterfall of the trace with spans of accountservice and quotes-service, and its log lines',
      async () => {
        const services = await page
          .locator('#waterfall [data-span-service]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-span-service')));
        const lines = await page.locator(`#detail-logs [data-req="${reqId}"]`).count();
        if (services.includes('accountservice') && services.includes('quotes-service') && lines > 0) return true;
        await row.click(); // spans arrive in batches: read the trace again
        return undefined;
      },
      WAIT,
    );
    await expect(page.locator('#detail').getAttribute('data-trace')).resolves.toBe(traceId);

    // The log panel's filter by request id.
    await page.fill('#req-id', reqId);
    await page.press('#req-id', 'Enter');
    // The filtered lines replace the list once the console has fetched them: until then it still
    // shows every line, this request's among them.
    await pollUntil(
      `the log panel to show only the lines of ${reqId}`,
      async () => {
        const shown = await page
          .locator('#logs li[data-req]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-req')));
        return shown.length > 0 && shown.every((id) => id === reqId) ? true : undefined;
      },
      WAIT,
    );
  });

  it("shows the VIP queue this run's services use, with its consumer", async () => {
    const queue = page.locator(`[data-queue="${names.queue}"] td`);
    await queue.first().waitFor({ timeout: WAIT.timeoutMs });
    await expect(queue.nth(2).textContent()).resolves.toBe('1');
  });

  it('shows an open breaker as open', async () => {
    const row = page.locator('[data-breaker="accountservice/quotes-service"]');
    await row.waitFor({ timeout: WAIT.timeoutMs });
    await expect(row.getAttribute('data-state')).resolves.toBe('closed');
    const quotes = landscape.url('quotes-service');
    const chaos = (failureRate: number) =>
      expectStatus('POST', `${quotes}/chaos`, 200, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ failureRate }),
      });
    await chaos(1);
    try {
      // Every quote fails: after the volume threshold the breaker opens (the accounts still answer, with the fallback).
      for (let i = 0; i < 8; i++) {
        expect((await fetch(`${landscape.url('accountservice')}/accounts/10001`)).status).toBe(200);
      }
      await pollUntil(
        'the page to show the breaker open',
        async () => ((await row.getAttribute('data-state')) === 'open' ? true : undefined),
        WAIT,
      );
      await expect(row.locator('.badge').textContent()).resolves.toBe('open');
    } finally {
      await chaos(0);
    }
  });

  it('turns a stopped service unhealthy, and healthy again once it is started', async () => {
    await waitForHealth('quotes-service', 'healthy');
    await landscape.scale('quotes-service', 0);
    await waitForHealth('quotes-service', 'unhealthy');
    await expect(page.locator('#status').textContent()).resolves.toContain('7 of 8 healthy');
    await landscape.scale('quotes-service', 1);
    await waitForHealth('quotes-service', 'healthy');
  });
});
