import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Landscape } from '@workshop/testkit';

/**
 * Chapter 08: accountservice's /accounts wants an access token. The end-to-end tests get one the
 * way a service client does (client credentials, as the edge), from the landscape's own authserver.
 */
export interface LandscapeAuth {
  /** For startLandscape's env: this landscape's authserver keys and edge certificate in a folder of
   * its own (landscapes started side by side must not share keys or certificates). */
  env: Record<string, string>;
  /** Where the landscape's edge writes its self-signed certificate (cert.pem): what a client trusts. */
  tlsDir: string;
  /** `{ Authorization: 'Bearer …' }` with a token from the landscape's authserver, renewed well before it expires
   * (any landscape that says where its authserver runs: the runner's, or chapter 09's test fixture). */
  header(landscape: Pick<Landscape, 'url'>): Promise<{ Authorization: string }>;
  remove(): void;
}

const RENEW_AFTER_MS = 120_000;

export function landscapeAuth(clientId = 'edge', scope = 'accounts:read'): LandscapeAuth {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ch09-auth-'));
  const keysDir = path.join(dir, 'keys');
  const tlsDir = path.join(dir, 'tls');
  let cached: { value: string; at: number } | undefined;
  return {
    env: { KEYS_DIR: keysDir, TLS_DIR: tlsDir, SECRETS_DIR: path.join(dir, 'no-secrets') },
    tlsDir,
    async header(landscape) {
      if (!cached || Date.now() - cached.at > RENEW_AFTER_MS) {
        cached = {
          value: await clientCredentials(landscape.url('authserver'), keysDir, clientId, scope),
          at: Date.now(),
        };
      }
      return { Authorization: `Bearer ${cached.value}` };
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function clientCredentials(authUrl: string, keysDir: string, clientId: string, scope: string): Promise<string> {
  const secret = fs.readFileSync(path.join(keysDir, `client-secret-${clientId}`), 'utf8').trim();
  const res = await fetch(`${authUrl}/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!res.ok || !body.access_token) throw new Error(`no token for ${clientId}: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}
