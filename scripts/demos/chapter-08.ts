import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { type SecuredRun, removeSecuredRun, securedRun } from '../lib/demo-setup';
import { type Demo, type DemoContext, shutdownStep } from '../lib/demo';
import { pollUntil } from '../lib/poll';
import { checkServers } from '../lib/rabbitmq';
import type { Landscape } from '../lib/runner';
import { pc, say } from '../lib/ui';

const WAIT_MS = 30_000;
/** The client the demo asks for tokens as: a service client (client credentials), like the edge itself. */
const CLIENT = 'edge';

/** This run's authserver keys and edge certificate, in a folder of their own (deleted at the end). */
let run: SecuredRun | undefined;
/** The tokens the demo got, in order (the first one is signed with the key that is rotated out). */
const tokens: string[] = [];

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function running(ctx: DemoContext): Landscape {
  if (!ctx.landscape) {
    throw new Error('the landscape is not running: step 1 starts it (run the demo again from the start)');
  }
  return ctx.landscape;
}

const folder = () => (run as SecuredRun).dir;
const certFile = () => path.join(folder(), 'tls', 'cert.pem');

/** GET on the edge over HTTPS, trusting only the edge's own certificate, shown as the curl it stands for. */
function edgeGet(ctx: DemoContext, pathname: string, token?: string): Promise<Reply> {
  const url = `${running(ctx).url('edge')}${pathname}`;
  const bearer = token ? ` -H "Authorization: Bearer ${token.slice(0, 12)}…"` : '';
  console.log(`  ${pc.green('$')} curl -s -i --cacert ${certFile()}${bearer} ${url}`);
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca: fs.readFileSync(certFile()), headers, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

function show(reply: Reply): void {
  const colour = reply.status < 400 ? pc.green : pc.yellow;
  const challenge = reply.headers['www-authenticate'];
  console.log(`  ${colour(`HTTP ${reply.status}`)}${challenge ? `  WWW-Authenticate: ${challenge}` : ''}`);
  console.log(`  ${reply.body}`);
}

/** A client-credentials token from the authserver, shown as the curl it stands for. */
async function getToken(ctx: DemoContext): Promise<string> {
  const auth = running(ctx).url('authserver');
  const secretFile = path.join(folder(), 'keys', `client-secret-${CLIENT}`);
  console.log(
    `  ${pc.green('$')} curl -s -u ${CLIENT}:$(cat ${secretFile}) -d grant_type=client_credentials -d scope=accounts:read ${auth}/token`,
  );
  const secret = fs.readFileSync(secretFile, 'utf8').trim();
  const res = await fetch(`${auth}/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${CLIENT}:${secret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'accounts:read' }),
  });
  const body = (await res.json()) as { access_token?: string; expires_in?: number; token_type?: string };
  if (!res.ok || !body.access_token) throw new Error(`no token: HTTP ${res.status} ${JSON.stringify(body)}`);
  say.info(
    `HTTP ${res.status} {"access_token":"${body.access_token.slice(0, 24)}…","expires_in":${body.expires_in},"token_type":"${body.token_type}"}`,
  );
  return body.access_token;
}

/** A JWT's header and claims (no verification: only to show what is in it). */
function decode(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header, claims] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
  return { header: header ?? {}, claims: claims ?? {} };
}

async function publishedKeys(ctx: DemoContext): Promise<string[]> {
  const jwks = (await (await fetch(`${running(ctx).url('authserver')}/jwks`)).json()) as { keys: { kid: string }[] };
  return jwks.keys.map((key) => key.kid);
}

async function cleanup(): Promise<void> {
  tokens.length = 0;
  if (run) await removeSecuredRun(run);
  run = undefined;
}

const demo: Demo = {
  title:
    'Chapter 8 — the edge and the authorization server: no token → 401, a token, through the edge, a key rotated live',
  steps: [
    {
      narrate:
        'Start the landscape: chapter 7 plus authserver (issues JWT access tokens) and the edge (HTTPS, the one door for the API). accountservice checks the token again behind the edge.',
      shows: 'npm run chapter:8',
      run: async (ctx) => {
        await checkServers(['rabbitmq']);
        run = securedRun(8, ctx.auto);
        const env: Record<string, string> = {
          ...run.env,
          // The edge and accountservice look for new keys at most every second here (30 s by default), so the rotation shows at once.
          JWKS_COOLDOWN_MS: '1000',
          SECURITY_JWKS_COOLDOWN_MS: '1000',
        };
        await ctx.start({ env });
        say.ok(`edge: ${running(ctx).url('edge')} (its certificate: ${certFile()})`);
        say.ok(`authserver: ${running(ctx).url('authserver')}/.well-known/openid-configuration`);
      },
    },
    {
      narrate:
        'No token, no account: the edge answers 401 with a JSON error and a WWW-Authenticate challenge that says why. Around the edge, accountservice says the same.',
      run: async (ctx) => {
        const reply = await edgeGet(ctx, '/api/accounts/10000');
        show(reply);
        if (reply.status !== 401) throw new Error(`expected 401 from the edge, got ${reply.status}`);
        say.ok('the edge: 401 without a token');
        const direct = await ctx.curl('GET', `${running(ctx).url('accountservice')}/accounts/10000`);
        if (direct.status !== 401) throw new Error(`expected 401 from accountservice, got ${direct.status}`);
        say.ok('accountservice itself: 401 without a token (defence in depth)');
      },
    },
    {
      narrate:
        "Get a token the way a service does: client credentials. It is a JWT: signed by the authserver's current key (kid), for our API (aud), with the scope accounts:read, valid for five minutes.",
      run: async (ctx) => {
        const token = await getToken(ctx);
        tokens.push(token);
        const { header, claims } = decode(token);
        say.info(`header: ${JSON.stringify(header)}`);
        say.info(`claims: ${JSON.stringify(claims)}`);
        say.ok(
          `token: kid ${String(header.kid)}, scope ${String(claims.scope)}, expires in ${Number(claims.exp) - Number(claims.iat)} s`,
        );
      },
    },
    {
      narrate:
        'Through the edge with the token: the edge verifies it (signature, issuer, audience, expiry, scope), relays it, and accountservice verifies it again.',
      run: async (ctx) => {
        const reply = await edgeGet(ctx, '/api/accounts/10000', tokens[0]);
        show(reply);
        if (reply.status !== 200) throw new Error(`expected 200 through the edge, got ${reply.status}`);
        const account = JSON.parse(reply.body) as { id: string; name: string };
        say.ok(`through the edge: HTTP 200, account ${account.id} (${account.name})`);
      },
    },
    {
      narrate:
        'Rotate the signing key live. The authserver signs with a new key and keeps publishing the old one until its tokens have expired; the edge fetches the keys again when it meets a new kid. No restart anywhere.',
      shows: 'curl -s -X POST http://127.0.0.1:9999/admin/rotate-key',
      run: async (ctx) => {
        const before = await publishedKeys(ctx);
        const { status, body } = await ctx.curl('POST', `${running(ctx).url('authserver')}/admin/rotate-key`);
        if (status !== 200) throw new Error(`rotate-key answered ${status}`);
        const rotated = body as { signingKey: string; published: string[] };
        say.ok(
          `keys published: ${before.join(', ')} → ${rotated.published.join(', ')} (signing: ${rotated.signingKey})`,
        );
        const token = await getToken(ctx);
        tokens.push(token);
        const kid = String(decode(token).header.kid);
        if (kid !== rotated.signingKey)
          throw new Error(`the new token is signed with ${kid}, not ${rotated.signingKey}`);
        say.ok(`new token signed with the new key ${kid}`);
        // The edge meets the new kid and fetches the keys again (at most once per cooldown).
        const fresh = await pollUntil(
          'the edge to accept a token signed with the new key',
          async () => {
            const reply = await edgeGet(ctx, '/api/accounts/10000', token);
            return reply.status === 200 ? reply : undefined;
          },
          { timeoutMs: WAIT_MS, intervalMs: 500 },
        );
        say.ok(`new token through the edge: HTTP ${fresh.status}`);
        const old = await edgeGet(ctx, '/api/accounts/10000', tokens[0]);
        if (old.status !== 200) throw new Error(`the old token was refused (${old.status}) before it expired`);
        say.ok(
          `old token (old key ${String(decode(tokens[0] as string).header.kid)}) still accepted until it expires: HTTP ${old.status}`,
        );
      },
    },
    shutdownStep('Graceful shutdown: every service, the edge and the authserver exit 0.', cleanup),
  ],
  cleanup: async () => {
    await cleanup().catch((err: Error) => say.warn(`cleanup: ${err.message}`));
  },
};

export default demo;
