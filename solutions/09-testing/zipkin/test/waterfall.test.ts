import { CHROMIUM, type LaunchedChromium, chromiumInstalled, freePort, launchChromium } from '@workshop/testkit';
import { type RunningServer, serve } from '../../common/http';
import { buildApp } from '../src/app';
import { SpanStore } from '../src/span-store';
import { sampleTrace } from './spans';

jest.setTimeout(60_000);

// In CI a missing browser is a failure (.ci/run installs chromium); on a laptop without it the test says why it skips.
const haveChromium = chromiumInstalled();
if (!haveChromium && !process.env.CI) {
  console.log(`Skipping the waterfall page test: ${CHROMIUM} not found (apt-get install -y chromium)`);
}
const describeInBrowser = haveChromium || process.env.CI ? describe : describe.skip;

/** What the page's window offers the test (the repository's TypeScript has no DOM types). */
type PageWindow = { getComputedStyle(e: unknown): { backgroundColor: string } };

describeInBrowser('the trace page in Chromium', () => {
  let running: RunningServer;
  let browser: LaunchedChromium;
  const store = new SpanStore({ maxTraces: 100, maxSpans: 1000 });
  const ok = sampleTrace(Date.now() * 1000 - 2_000_000);
  const failed = sampleTrace(Date.now() * 1000 - 1_000_000, { error: true });

  beforeAll(async () => {
    store.add([...ok, ...failed]);
    running = await serve(buildApp({ store, bodyLimit: '1mb' }), {
      host: '127.0.0.1',
      port: await freePort(),
      onClosed: async () => {},
    });
    // A fresh temporary profile for every run, deleted on close (a missing Chromium throws, saying how to install it).
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.shutdown();
  });

  it('lists recent traces newest first and draws one as a nested waterfall with the error span highlighted', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`http://127.0.0.1:${running.port}/zipkin/`);

    const rows = page.locator('#traces tr.trace-row');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-trace-id')))).toEqual([
      failed[0]!.traceId,
      ok[0]!.traceId,
    ]);
    expect(await rows.first().textContent()).toContain('accountservice, quotes-service');

    await rows.first().locator('a').click();
    const spans = page.locator('#waterfall tr.span-row');
    await spans.first().waitFor();
    const drawn = await spans.evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-span-id'),
        depth: tr.getAttribute('data-depth'),
        error: tr.classList.contains('error'),
        service: tr.querySelector('.service')?.textContent,
        bar: tr.querySelector('.bar')?.getAttribute('style'),
        duration: tr.querySelector('.duration')?.textContent,
      })),
    );
    // Root SERVER 40 ms; CLIENT at +5 ms for 30 ms; quotes-service SERVER at +8 ms for 25 ms, failed.
    expect(drawn).toEqual([
      {
        id: failed[0]!.id,
        depth: '0',
        error: false,
        service: 'accountservice',
        bar: 'left:0.00%;width:100.00%',
        duration: '40 ms',
      },
      {
        id: failed[1]!.id,
        depth: '1',
        error: false,
        service: 'accountservice',
        bar: 'left:12.50%;width:75.00%',
        duration: '30 ms',
      },
      {
        id: failed[2]!.id,
        depth: '2',
        error: true,
        service: 'quotes-service',
        bar: 'left:20.00%;width:62.50%',
        duration: '25 ms',
      },
    ]);
    expect(await page.locator('#trace-title').textContent()).toContain(`Trace ${failed[0]!.traceId}: 3 spans`);
    const colours = await spans
      .locator('.bar')
      .evaluateAll((bars) =>
        bars.map((bar) => (globalThis as unknown as PageWindow).getComputedStyle(bar).backgroundColor),
      );
    expect(colours[2]).not.toBe(colours[0]);

    await page.goto(`http://127.0.0.1:${running.port}/#0123456789abcdef`);
    await page.locator('#trace-title', { hasText: 'not found' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
