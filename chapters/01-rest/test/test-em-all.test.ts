import path from 'node:path';
import { type Landscape, expectStatus, startLandscape } from '@workshop/testkit';

// Starts this chapter's landscape through the same runner as `npm run chapter:1`, on free ports,
// from whichever tree this file sits in (solutions/ or your chapters/).
const chapterDir = path.resolve(__dirname, '..');
jest.setTimeout(60_000);

describe('chapter 1 end to end (test-em-all)', () => {
  let landscape: Landscape;
  let base: string;

  beforeAll(async () => {
    landscape = await startLandscape({ dir: chapterDir, ports: 'free' });
    base = landscape.url('accountservice');
  });
  afterAll(async () => {
    await landscape?.stop();
  });

  it('is healthy', async () => {
    const { body } = await expectStatus('GET', `${base}/health`, 200);
    expect(body).toEqual({ status: 'UP' });
  });

  it('[seed-in-one-transaction] serves the first and the last seeded account', async () => {
    const first = await expectStatus('GET', `${base}/accounts/10000`, 200);
    expect(first.body).toMatchObject({ id: '10000', name: 'Person_0' });
    expect(typeof (first.body as { servedBy: unknown }).servedBy).toBe('string');
    const last = await expectStatus('GET', `${base}/accounts/10099`, 200);
    expect(last.body).toMatchObject({ id: '10099', name: 'Person_99' });
  });

  it('[not-found] answers 404 for an unknown account', async () => {
    expect((await expectStatus('GET', `${base}/accounts/10100`, 404)).body).toMatchObject({
      error: { code: 'ACCOUNT_NOT_FOUND' },
    });
  });

  it('[validate-id] answers 400 for a malformed id', async () => {
    expect((await expectStatus('GET', `${base}/accounts/abc`, 400)).body).toMatchObject({
      error: { code: 'INVALID_ACCOUNT_ID' },
    });
  });

  it('answers unknown routes and wrong methods with JSON errors', async () => {
    expect((await expectStatus('GET', `${base}/nowhere`, 404)).body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await expectStatus('POST', `${base}/accounts/10000`, 405)).body).toMatchObject({
      error: { code: 'METHOD_NOT_ALLOWED' },
    });
  });

  it('reports its start-up time and stops cleanly with exit code 0 on SIGTERM', async () => {
    const [service] = landscape.services;
    expect(service.recentOutput.join('\n')).toMatch(/listening on .* started in \d+ ms/);
    await expect(landscape.stop()).resolves.toEqual({ accountservice: 0 });
  });
});

describe('chapter 1 with bad configuration', () => {
  it('refuses to start and names the bad key', async () => {
    const attempt = startLandscape({ dir: chapterDir, ports: 'free', env: { PROFILE: 'staging' } });
    await expect(attempt).rejects.toThrow(/exited \(code 1\)[\s\S]*PROFILE="staging"/);
  });
});
