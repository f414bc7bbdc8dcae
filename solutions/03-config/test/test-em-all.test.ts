import fs from 'node:fs';
import path from 'node:path';
import { type Landscape, expectStatus, startLandscape } from '@workshop/testkit';
import { copyRepo } from '../configserver/test/repo-copy';
import { CONFIG_REPO } from './local-configserver';

// Starts this chapter's landscape through the same runner as `npm run chapter:3`, on free ports,
// from whichever tree this file sits in (solutions/ or your chapters/). The configserver serves a
// private copy of config-repo/ (CONFIG_REPO_DIR), so the refresh tests can edit it.
const chapterDir = path.resolve(__dirname, '..');
jest.setTimeout(90_000);

interface SpringEnvironment {
  name: string;
  profiles: string[];
  propertySources: { name: string; source: Record<string, unknown> }[];
}

interface AccountBody {
  id: string;
  quote?: { language: string };
}

describe('chapter 3 end to end (test-em-all)', () => {
  let landscape: Landscape;
  let repo: ReturnType<typeof copyRepo>;
  let configserver: string;
  let accounts: string;
  let quotes: string;

  beforeAll(async () => {
    repo = copyRepo(CONFIG_REPO);
    landscape = await startLandscape({ dir: chapterDir, ports: 'free', env: { CONFIG_REPO_DIR: repo.dir } });
    configserver = landscape.url('configserver');
    accounts = landscape.url('accountservice');
    quotes = landscape.url('quotes-service');
  });
  afterAll(async () => {
    await landscape?.stop();
    repo?.remove();
  });

  it('has the configserver and both services healthy', async () => {
    for (const url of [configserver, accounts, quotes]) {
      expect((await expectStatus('GET', `${url}/health`, 200)).body).toMatchObject({ status: 'UP' });
    }
  });

  it("serves accountservice's dev configuration as a Spring Environment, most specific source first", async () => {
    const body = (await expectStatus('GET', `${configserver}/accountservice/dev`, 200)).body as SpringEnvironment;
    expect(body).toMatchObject({ name: 'accountservice', profiles: ['dev'] });
    expect(body.propertySources.map((s) => path.basename(s.name))).toEqual([
      'accountservice-dev.yml',
      'accountservice.yml',
      'application.yml',
    ]);
    expect(body.propertySources[1].source['accounts.vip-ids[0]']).toBe('10000');
  });

  it('serves an account with a quote: the services started with their configuration from the server', async () => {
    const { body } = await expectStatus('GET', `${accounts}/accounts/10000`, 200);
    expect(body).toMatchObject({ id: '10000', name: 'Person_0', quote: { language: 'en' } });
  });

  it('[refresh-diff] applies a changed live value on POST /actuator/refresh, without a restart', async () => {
    repo.write('quotes-service.yml', 'server:\n  port: 8080\nquotes:\n  language: sv\n');
    const { body } = await expectStatus('POST', `${quotes}/actuator/refresh`, 200);
    expect(body).toEqual({ changed: ['quotes.language'], needsRestart: [] });
    const account = (await expectStatus('GET', `${accounts}/accounts/10001`, 200)).body as AccountBody;
    expect(account.quote?.language).toBe('sv');
  });

  it('[refresh-diff] [precedence-merge] applies the live key and reports a restart-only key as needing a restart', async () => {
    const dev = fs.readFileSync(path.join(repo.dir, 'accountservice-dev.yml'), 'utf8');
    repo.write(
      'accountservice-dev.yml',
      `${dev.replace('timeout-ms: 2000', 'timeout-ms: 1500')}\ndb:\n  path: /tmp/x.db\n`,
    );
    const { body } = await expectStatus('POST', `${accounts}/actuator/refresh`, 200);
    expect(body).toEqual({ changed: ['quotes.timeout-ms'], needsRestart: ['db.path'] });
    // Still the in-memory store it started with: the account is there.
    await expectStatus('GET', `${accounts}/accounts/10002`, 200);
  });

  it('[refresh-diff] [schema-errors] refuses a refresh to an invalid configuration with 422 and keeps the old one', async () => {
    repo.write('quotes-service.yml', 'quotes:\n  language: swedish\n');
    const { body } = await expectStatus('POST', `${quotes}/actuator/refresh`, 422);
    expect(JSON.stringify(body)).toMatch(/quotes\.language/);
    const quote = (await expectStatus('GET', `${quotes}/api/quote?strength=0`, 200)).body as { language: string };
    expect(quote.language).toBe('sv');
  });

  it('stops every service cleanly with exit code 0 on SIGTERM', async () => {
    await expect(landscape.stop()).resolves.toEqual({ configserver: 0, accountservice: 0, 'quotes-service': 0 });
  });
});

describe('chapter 3 with bad configuration', () => {
  it('[schema-errors] refuses to start and names the bad key and where its value came from', async () => {
    const attempt = startLandscape({ dir: chapterDir, ports: 'free', env: { QUOTES_TIMEOUT_MS: 'soon' } });
    await expect(attempt).rejects.toThrow(
      /accountservice exited \(code 1\)[\s\S]*quotes\.timeout-ms = "soon" \(from env QUOTES_TIMEOUT_MS\)/,
    );
  });

  it('[schema-errors] refuses to start when the config repository breaks a value, naming the key and the file', async () => {
    const repo = copyRepo(CONFIG_REPO);
    repo.write('quotes-service.yml', 'quotes:\n  language: 42x\n');
    try {
      const attempt = startLandscape({ dir: chapterDir, ports: 'free', env: { CONFIG_REPO_DIR: repo.dir } });
      await expect(attempt).rejects.toThrow(
        /quotes-service exited \(code 1\)[\s\S]*quotes\.language = "42x" \(from file:.*quotes-service\.yml\)/,
      );
    } finally {
      repo.remove();
    }
  });
});
