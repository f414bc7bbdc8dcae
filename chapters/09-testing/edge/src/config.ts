import path from 'node:path';
import { z } from 'zod';
import { bindHostSchema } from '../../common/http';
import { ROUTES } from './routes';

export class ConfigError extends Error {}

const port = () => z.coerce.number().int().min(0).max(65535);
const origin = z
  .url()
  .refine((url) => new URL(url).origin === url.replace(/\/$/, ''), 'an origin: scheme://host[:port], no path');

const schema = z.object({
  HOST: bindHostSchema(),
  PORT: port().default(8765),
  /** Plain HTTP: every request is redirected to HTTPS. */
  HTTP_PORT: port().default(8764),
  /** How browsers reach the edge (the HTTP redirect and the login callback use it). */
  PUBLIC_URL: origin.optional(),
  /** Where the edge reaches the authorization server (JWKS, revocations, the code exchange). */
  AUTHSERVER_URL: z.url().default('http://127.0.0.1:9999'),
  /** Where a browser reaches it to sign in (differs from AUTHSERVER_URL behind a proxy). */
  AUTHSERVER_PUBLIC_URL: z.url().optional(),
  ISSUER: z.url().optional(),
  API_AUDIENCE: z.string().min(1).default('urn:lean-and-mean:api'),
  TOKEN_ALGORITHMS: z.string().default('RS256,ES256'),
  CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(30),
  JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
  REVOCATIONS_POLL_MS: z.coerce.number().int().min(100).default(5_000),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(50),
  RATE_LIMIT_PER_S: z.coerce.number().positive().default(20),
  /** The one site origin allowed to call the API from a browser (CORS); none when unset. */
  CORS_ORIGIN: origin.optional(),
  TLS_DIR: z
    .string()
    .min(1)
    .default(path.join(__dirname, '..', '.tls')),
  SECRETS_DIR: z.string().min(1).default('/run/secrets'),
  /** TLS terminated by the edge (local) or in front of it (`off`: plain HTTP on PORT, no redirect). */
  TLS: z.enum(['on', 'off']).default('on'),
});

export interface EdgeConfig {
  host: string;
  port: number;
  httpPort: number;
  tls: boolean;
  publicUrl: string;
  authserverUrl: string;
  authserverPublicUrl: string;
  issuer: string;
  audience: string;
  algorithms: string[];
  clockToleranceS: number;
  jwksCooldownMs: number;
  revocationsPollMs: number;
  rateLimit: { burst: number; perSecond: number };
  corsOrigin: string | undefined;
  tlsDir: string;
  secretsDir: string;
  /** Service name → base URL, from SERVICE_URL_<NAME> (e.g. SERVICE_URL_ACCOUNTSERVICE). */
  services: Record<string, string>;
}

const SERVICE_DEFAULTS: Record<string, string> = { accountservice: 'http://127.0.0.1:6767' };
const ALLOWED_ALGORITHMS = new Set(['RS256', 'PS256', 'ES256', 'EdDSA']);

export function loadConfig(env: NodeJS.ProcessEnv): EdgeConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`invalid ${issue.path.join('.')}: ${issue.message}`);
  }
  const c = parsed.data;
  const algorithms = c.TOKEN_ALGORITHMS.split(',').map((alg) => alg.trim());
  const refused = algorithms.find((alg) => !ALLOWED_ALGORITHMS.has(alg));
  if (refused !== undefined) {
    throw new ConfigError(`invalid TOKEN_ALGORITHMS: ${refused} is not an asymmetric signature algorithm we accept`);
  }
  const services: Record<string, string> = {};
  for (const { service } of ROUTES) {
    const key = `SERVICE_URL_${service.toUpperCase().replace(/-/g, '_')}`;
    const url = env[key] ?? SERVICE_DEFAULTS[service];
    if (!url || !URL.canParse(url)) throw new ConfigError(`invalid ${key}: the base URL of ${service}`);
    services[service] = url;
  }
  const authserverUrl = c.AUTHSERVER_URL.replace(/\/$/, '');
  return {
    host: c.HOST,
    port: c.PORT,
    httpPort: c.HTTP_PORT,
    tls: c.TLS === 'on',
    publicUrl: (c.PUBLIC_URL ?? `https://127.0.0.1:${c.PORT}`).replace(/\/$/, ''),
    authserverUrl,
    authserverPublicUrl: (c.AUTHSERVER_PUBLIC_URL ?? authserverUrl).replace(/\/$/, ''),
    issuer: c.ISSUER ?? authserverUrl,
    audience: c.API_AUDIENCE,
    algorithms,
    clockToleranceS: c.CLOCK_TOLERANCE_S,
    jwksCooldownMs: c.JWKS_COOLDOWN_MS,
    revocationsPollMs: c.REVOCATIONS_POLL_MS,
    rateLimit: { burst: c.RATE_LIMIT_BURST, perSecond: c.RATE_LIMIT_PER_S },
    corsOrigin: c.CORS_ORIGIN?.replace(/\/$/, ''),
    tlsDir: c.TLS_DIR,
    secretsDir: c.SECRETS_DIR,
    services,
  };
}
