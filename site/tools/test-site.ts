/**
 * `npm run test:site`: the site, tested the way a reader meets it.
 *
 * 1. the generated pages are fresh (else: run `npm run site:generate`), the site's code type-checks;
 * 2. the site builds (broken links and anchors fail the build); `--no-build` reuses site/build;
 * 3. it is served on 127.0.0.1 on a free port and opened in headless Chromium, which checks every
 *    page, the architecture diagram, search, the exercise progress, and that no request leaves
 *    loopback. Screenshots go to artifacts/.
 *
 * Prints each check as it goes; exits 1 with the reasons when any fails. Always stops the server
 * and the browser.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, twoDigits } from '../../scripts/lib/paths';
import { pc, say } from '../../scripts/lib/ui';
import { type Browser, launchBrowser } from './browser';
import { chapterPages } from './chapter-pages';
import { DOCUSAURUS_BIN, DOCUSAURUS_ENV, SITE_DIR } from './docusaurus';
import { checkGenerated } from './generate';
import { ensureSiteDependencies } from './site-dependencies';
import { uniqueWord } from './search-word';
import { type ServedSite, serveBuiltSite } from './serve';
import { CHANGES_DIR } from './site-files';

const ARTIFACTS = path.join(REPO_ROOT, 'artifacts');
const failures: string[] = [];

async function check(name: string, run: () => Promise<string | void>): Promise<boolean> {
  const started = Date.now();
  try {
    const detail = await run();
    say.ok(`${name}${detail ? `: ${detail}` : ''} ${pc.dim(`(${((Date.now() - started) / 1000).toFixed(1)} s)`)}`);
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    say.fail(`${name}: ${message}`);
    failures.push(`${name}: ${message}`);
    return false;
  }
}

function build(): void {
  const result = spawnSync(process.execPath, [DOCUSAURUS_BIN, 'build', SITE_DIR], {
    cwd: REPO_ROOT,
    env: DOCUSAURUS_ENV,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n');
    const from = Math.max(
      0,
      output.findIndex((line) => /\[ERROR\]/.test(line)),
    );
    throw new Error(`docusaurus build failed:\n${output.slice(from, from + 40).join('\n')}`);
  }
}

function typeCheckSite(): void {
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', path.join(SITE_DIR, 'tsconfig.json')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${result.stdout}${result.stderr}`.trim());
}

/** A screenshot (of the whole page, from the top, unless `fullPage` is false) once its images have loaded. */
async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)'); // else the sticky navbar lands mid-page
  const eager = "Array.from(document.images).filter((image) => image.loading !== 'lazy')";
  await page.waitForFunction(`${eager}.every((image) => image.complete)`, undefined, { timeout: 10_000 });
  await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage });
  return `artifacts/${name}`;
}

/** Opens a page and returns its h1; fails on HTTP errors, a missing h1 and any console error. */
async function visit(browser: Browser, url: string, expectH1?: string): Promise<{ page: Page; h1: string }> {
  const errors: string[] = [];
  const page = await browser.newPage(errors);
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || response.status() !== 200) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`);
  const h1 = (await page.locator('h1').first().textContent({ timeout: 10_000 }))?.trim() ?? '';
  if (expectH1 !== undefined && h1 !== expectH1)
    throw new Error(`${url} shows the title "${h1}", expected "${expectH1}"`);
  await page.waitForLoadState('networkidle');
  if (errors.length > 0) throw new Error(`${url} logged errors:\n  ${errors.join('\n  ')}`);
  return { page, h1 };
}

function otherSources(exceptFile: string): string[] {
  const files = [
    ...chapterPages().map((c) => path.join(REPO_ROOT, 'chapters', c.slug, 'README.md')),
    ...fs
      .readdirSync(path.join(SITE_DIR, 'docs'), { recursive: true, encoding: 'utf8' })
      .map((f) => path.join(SITE_DIR, 'docs', f)),
    ...fs
      .readdirSync(path.join(SITE_DIR, 'src'), { recursive: true, encoding: 'utf8' })
      .map((f) => path.join(SITE_DIR, 'src', f)),
  ];
  return files.filter((f) => f !== exceptFile && fs.statSync(f).isFile()).map((f) => fs.readFileSync(f, 'utf8'));
}

async function browserChecks(browser: Browser, site: ServedSite): Promise<void> {
  const chapters = chapterPages();
  const changes = fs.readdirSync(path.join(REPO_ROOT, CHANGES_DIR)).filter((f) => /^chapter-\d\d\.mdx$/.test(f));

  await check('home page', async () => {
    const { page, h1 } = await visit(browser, `${site.url}/`);
    const shot = await screenshot(page, 'site-home.png');
    await page.close();
    return `"${h1}", screenshot ${shot}`;
  });

  if (chapters.length === 0) failures.push('no chapter page: chapters/*/README.md has none yet');
  for (const chapter of chapters) {
    await check(`chapter ${chapter.number} page`, async () => {
      const { page } = await visit(browser, `${site.url}/chapters/${chapter.slug}`, chapter.heading);
      const titled = await page.locator('[class*="codeBlockTitle"]').count();
      const shot = await screenshot(page, `site-chapter-${twoDigits(chapter.number)}.png`);
      await page.close();
      return `"${chapter.heading}", ${titled} code blocks titled with their file, screenshot ${shot}`;
    });
  }

  const pages = ['/intro', '/demos', '/changes', ...changes.map((f) => `/changes/${f.replace(/\.mdx$/, '')}`)];
  for (const route of pages) {
    await check(`page ${route}`, async () => {
      const { page, h1 } = await visit(browser, `${site.url}${route}`);
      await page.close();
      return `"${h1}"`;
    });
  }

  await check('landscape console page shows its generated screenshots', async () => {
    const { page, h1 } = await visit(browser, `${site.url}/console`);
    const images = page.locator('img[src*="console-"]');
    await images.last().scrollIntoViewIfNeeded();
    // Loaded lazily, once in view: wait (generously) for both; the widths below say which did not load.
    const allLoaded = `[...document.querySelectorAll('img[src*="console-"]')].every((i) => i.complete && i.naturalWidth > 0)`;
    await page.waitForFunction(allLoaded, undefined, { timeout: 15_000 }).catch(() => undefined);
    const widths = await images.evaluateAll((els) =>
      els.map((e) => (e as unknown as { naturalWidth: number }).naturalWidth),
    );
    await page.close();
    if (widths.length !== 2 || widths.some((w) => w === 0)) throw new Error(`screenshots not shown: ${widths}`);
    return `"${h1}", ${widths.length} screenshots`;
  });

  await check('architecture diagram renders to SVG', async () => {
    const { page } = await visit(browser, `${site.url}/architecture`);
    const diagram = page.locator('.docusaurus-mermaid-container svg').first();
    await diagram.waitFor({ state: 'visible', timeout: 15_000 });
    for (const service of ['accountservice', 'quotes-service', 'vipservice', 'configserver', 'RabbitMQ', 'Zipkin']) {
      const found = await diagram.getByText(service, { exact: false }).count();
      if (found === 0) throw new Error(`the diagram has no "${service}"`);
    }
    await page.getByRole('button', { name: '4', exact: true }).click();
    await page.getByText('Chapter 4,', { exact: false }).waitFor();
    const diagrams = await page.locator('.docusaurus-mermaid-container svg').count();
    if (diagrams < 2) throw new Error(`expected the final and the per-chapter diagram, found ${diagrams}`);
    await page.getByRole('button', { name: '1', exact: true }).click();
    const shot = await screenshot(page, 'site-architecture.png');
    await page.close();
    return `${diagrams} diagrams, screenshot ${shot}`;
  });

  const first = chapters[0];
  if (first) {
    await check('search finds a word only one chapter has', async () => {
      const readme = path.join(REPO_ROOT, 'chapters', first.slug, 'README.md');
      const word = uniqueWord(fs.readFileSync(readme, 'utf8'), otherSources(readme));
      if (!word) throw new Error(`chapter ${first.number} has no word that no other page has`);
      const { page } = await visit(browser, `${site.url}/intro`);
      const input = page.locator('input.navbar__search-input');
      await input.click();
      await input.pressSequentially(word, { delay: 20 });
      const suggestion = page.locator('[class*="suggestion"]').first();
      await suggestion.waitFor({ state: 'visible', timeout: 15_000 });
      await input.press('Enter');
      await page.waitForURL((url) => url.pathname === `/chapters/${first.slug}`, { timeout: 10_000 });
      await page.close();
      return `"${word}" → /chapters/${first.slug}`;
    });

    await check('exercise progress is kept in the browser', async () => {
      const { page } = await visit(browser, `${site.url}/chapters/${first.slug}`);
      const boxes = page.locator('#exercise-checklist input[type="checkbox"]');
      const total = await boxes.count();
      if (total === 0) throw new Error('the chapter page shows no exercise checklist');
      await boxes.first().check();
      await page.reload({ waitUntil: 'load' });
      await page.locator('#exercise-checklist').getByText(`1 of ${total} exercise`).waitFor({ timeout: 5_000 });
      if (!(await boxes.first().isChecked())) throw new Error('the ticked exercise is unticked after a reload');
      await page.goto(`${site.url}/`);
      await page.getByText(`1 of ${total} exercise`).first().waitFor({ timeout: 5_000 });
      await page.emulateMedia({ colorScheme: 'dark' }); // the site follows the reader's preference
      await page.goto(`${site.url}/chapters/${first.slug}#exercise-checklist`);
      await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
      const shot = await screenshot(page, 'site-chapter-dark.png', false);
      await page.getByRole('button', { name: /Clear my ticks/ }).click();
      await page.locator('#exercise-checklist').getByText(`0 of ${total} exercise`).waitFor({ timeout: 5_000 });
      await page.close();
      return `${total} exercises, ticked one, kept across a reload, cleared; dark mode screenshot ${shot}`;
    });
  }

  await check('no request left loopback', async () => {
    if (browser.outside.length > 0) {
      throw new Error(`blocked ${browser.outside.length} request(s):\n  ${[...new Set(browser.outside)].join('\n  ')}`);
    }
    return `${browser.requests.length} requests, all to 127.0.0.1`;
  });
}

async function main(argv: string[]): Promise<number> {
  const started = Date.now();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  let site: ServedSite | undefined;
  let browser: Browser | undefined;
  const cleanUp = async () => {
    await browser?.close();
    await site?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().then(() => process.exit(130)));
  }
  try {
    const fresh = await check('generated pages are up to date', async () => {
      const stale = await checkGenerated();
      if (stale.length > 0) {
        throw new Error(`run "npm run site:generate" and commit the result; stale:\n  ${stale.join('\n  ')}`);
      }
    });
    if (!fresh) return 1;
    await ensureSiteDependencies();
    await check('site code type-checks (tsc -p site)', async () => typeCheckSite());
    if (!argv.includes('--no-build')) {
      say.step('Building the site (docusaurus build site)…');
      if (!(await check('site builds', async () => build()))) return 1;
    }
    say.step('Serving site/build on loopback and opening it in Chromium…');
    if (!(await check('site is served', async () => void (site = await serveBuiltSite())))) return 1;
    if (!(await check('Chromium starts', async () => void (browser = await launchBrowser())))) return 1;
    await browserChecks(browser!, site!);
  } finally {
    await cleanUp();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length > 0) {
    say.fail(`test:site failed (${failures.length} check${failures.length === 1 ? '' : 's'}, ${seconds} s):`);
    failures.forEach((f) => say.info(`- ${f.split('\n')[0]}`));
    return 1;
  }
  say.ok(`test:site passed in ${seconds} s`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    say.fail(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
