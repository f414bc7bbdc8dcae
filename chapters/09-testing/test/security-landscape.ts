import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { IncomingHttpHeaders, Server } from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { LOCAL_HOST, freePort, waitForHealthy } from '@workshop/testkit';

const CHAPTER = path.join(__dirname, '..');
export const DEMO_PASSWORD = 'correct horse battery staple';

/** What the stand-in for accountservice saw of one request. */
export interface SeenRequest {
  url: string;
  headers: IncomingHttpHeaders;
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json: () => { error?: { code: string; message: string } } & Record<string, unknown>;
}

/** The authserver and the edge as real processes (tsx), a stand-in upstream in this process. */
export interface SecurityLandscape {
  authUrl: string;
  edgeUrl: string;
  edgeHttpPort: number;
  keysDir: string;
  tlsDir: string;
  /** Every request the stand-in accountservice received, in order. */
  seen: SeenRequest[];
  /** A client-credentials token; no scope asked for when `scope` is ''. */
  token(clientId?: string, scope?: string): Promise<string>;
  edgeGet(pathname: string, headers?: Record<string, string>): Promise<Reply>;
  authPost(pathname: string, form: Record<string, string>, clientId?: string): Promise<Response>;
  clientSecret(clientId: string): string;
  stop(): Promise<void>;
}

export async function startSecurityLandscape(edgeEnv: Record<string, string> = {}): Promise<SecurityLandscape> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'security-'));
  const keysDir = path.join(dir, 'keys');
  const tlsDir = path.join(dir, 'tls');
  const [authPort, edgePort, edgeHttpPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const authUrl = `http://${LOCAL_HOST}:${authPort}`;
  const edgeUrl = `https://${LOCAL_HOST}:${edgePort}`;
  const seen: SeenRequest[] = [];
  const upstream = await standInAccountservice(seen);
  const children: Child[] = [];
  const stop = async () => {
    await Promise.all(children.map((child) => child.stop()));
    await new Promise<void>((resolve) => upstream.server.close(() => resolve()));
    upstream.server.closeAllConnections();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const noSecrets = path.join(dir, 'no-secrets');
    const auth = startChild('authserver', {
      PORT: String(authPort),
      KEYS_DIR: keysDir,
      SECRETS_DIR: noSecrets,
      DEMO_PASSWORD,
      WEBAPP_REDIRECT_URIS: `${edgeUrl}/callback`,
    });
    children.push(auth);
    await waitForHealthy(`${authUrl}/health`, { timeoutMs: 30_000, abort: auth.exited });
    const edge = startChild('edge', {
      PORT: String(edgePort),
      HTTP_PORT: String(edgeHttpPort),
      TLS_DIR: tlsDir,
      SECRETS_DIR: noSecrets,
      AUTHSERVER_URL: authUrl,
      SERVICE_URL_ACCOUNTSERVICE: `http://${LOCAL_HOST}:${upstream.port}`,
      JWKS_COOLDOWN_MS: '200',
      REVOCATIONS_POLL_MS: '200',
      ...edgeEnv,
    });
    children.push(edge);
    await waitFor(`${edgeUrl}/health to answer 200`, async () => {
      const err = edge.exited();
      if (err) throw err;
      if (!fs.existsSync(path.join(tlsDir, 'cert.pem'))) return false;
      return (await httpsGet(edgeUrl, tlsDir, '/health').catch(() => undefined))?.status === 200;
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const clientSecret = (clientId: string) =>
    fs.readFileSync(path.join(keysDir, `client-secret-${clientId}`), 'utf8').trim();
  const authPost = (pathname: string, form: Record<string, string>, clientId?: string) =>
    fetch(`${authUrl}${pathname}`, {
      method: 'POST',
      headers: clientId
        ? { Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret(clientId)}`).toString('base64')}` }
        : {},
      body: new URLSearchParams(form),
    });
  return {
    authUrl,
    edgeUrl,
    edgeHttpPort,
    keysDir,
    tlsDir,
    seen,
    clientSecret,
    authPost,
    token: async (clientId = 'edge', scope = 'accounts:read') => {
      const res = await authPost('/token', { grant_type: 'client_credentials', ...(scope ? { scope } : {}) }, clientId);
      const body = (await res.json()) as { access_token?: string };
      if (!res.ok || !body.access_token)
        throw new Error(`no token for ${clientId}: ${res.status} ${JSON.stringify(body)}`);
      return body.access_token;
    },
    edgeGet: (pathname, headers = {}) => httpsGet(edgeUrl, tlsDir, pathname, headers),
    stop,
  };
}

/** A GET over HTTPS that trusts only the edge's own certificate (no `rejectUnauthorized: false`). */
export function httpsGet(
  baseUrl: string,
  tlsDir: string,
  pathname: string,
  headers: Record<string, string> = {},
  certFile = 'cert.pem',
): Promise<Reply> {
  const ca = fs.readFileSync(path.join(tlsDir, certFile));
  return new Promise((resolve, reject) => {
    const req = https.get(`${baseUrl}${pathname}`, { ca, headers, agent: false, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) }),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${pathname} timed out`)));
    req.on('error', reject);
  });
}

/** Checks until `check` is true (no fixed sleep); fails naming what it waited for. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Child {
  exited: () => Error | undefined;
  stop: () => Promise<void>;
}

function startChild(service: 'authserver' | 'edge', env: Record<string, string>): Child {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(CHAPTER, service, 'src', 'main.ts')],
    {
      env: { ...process.env, HOST: LOCAL_HOST, NODE_ENV: 'test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    exited: () =>
      child.exitCode !== null ? new Error(`${service} exited with ${child.exitCode}:\n${output}`) : undefined,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await done;
    },
  };
}

async function standInAccountservice(seen: SeenRequest[]): Promise<{ server: Server; port: number }> {
  const app = express();
  app.get('/accounts/:id', (req, res) => {
    seen.push({ url: req.originalUrl, headers: { ...req.headers } });
    res.json({ id: req.params.id, name: 'Person_0', servedBy: 'stand-in' });
  });
  const port = await freePort();
  const server = app.listen(port, LOCAL_HOST);
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, port };
}
