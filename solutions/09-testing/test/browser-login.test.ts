import { CHROMIUM, type LaunchedChromium, chromiumInstalled, launchChromium } from '@workshop/testkit';
import { DEMO_PASSWORD, type SecurityLandscape, startSecurityLandscape } from './security-landscape';

// A person signs in for real in Chromium: our login page, the code flow with PKCE, then the API
// through the edge. CI must run it (a missing Chromium fails there); locally it skips, saying why.
const present = chromiumInstalled();
const runIt = present || process.env.CI ? it : it.skip;
if (!present && !process.env.CI)
  console.log(`browser login test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

let landscape: SecurityLandscape | undefined;
let browser: LaunchedChromium | undefined;

afterAll(async () => {
  await browser?.close();
  await landscape?.stop();
}, 30_000);

runIt(
  '[pkce] [jwt-verify] [auth-scope] [token-relay] sign in on the login page (code + PKCE), then GET /api/accounts/10000 through the edge',
  async () => {
    if (!present)
      throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium) before npm test`);
    landscape = await startSecurityLandscape();
    // The edge's certificate is self-signed.
    browser = await launchChromium({ ignoreHTTPSErrors: true });
    const page = await browser.context.newPage();

    await page.goto(`${landscape.edgeUrl}/login`);
    expect(page.url()).toMatch(new RegExp(`^${landscape.authUrl}/interaction/`));
    await expect(page.locator('h1').textContent()).resolves.toBe('Sign in');

    await page.fill('input[name=username]', 'demo');
    await page.fill('input[name=password]', 'not the password');
    await page.click('button[type=submit]');
    await expect(page.locator('[role=alert]').textContent()).resolves.toBe('Wrong username or password.');

    await page.fill('input[name=username]', 'demo');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(`${landscape.edgeUrl}/callback?**`), page.click('button[type=submit]')]);
    const token = await page.locator('#access-token').inputValue();
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: 'demo',
      client_id: 'webapp',
      aud: 'urn:lean-and-mean:api',
      iss: landscape.authUrl,
    });
    expect(String(claims.scope).split(' ')).toContain('accounts:read');

    const before = landscape.seen.length;
    const reply = await page.evaluate(async (accessToken) => {
      const res = await fetch('/api/accounts/10000', { headers: { Authorization: `Bearer ${accessToken}` } });
      return { status: res.status, body: (await res.json()) as unknown };
    }, token);
    expect(reply).toEqual({ status: 200, body: { id: '10000', name: 'Person_0', servedBy: 'stand-in' } });
    expect(landscape.seen[before]?.headers.authorization).toBe(`Bearer ${token}`);
  },
  90_000,
);
