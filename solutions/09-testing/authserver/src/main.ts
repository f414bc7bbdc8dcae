import { buildApp } from './app';
import { clientList } from './clients';
import { ConfigError, loadConfig } from './config';
import { demoUserCheck } from './demo-user';
import { buildProvider } from './provider';
import { ProviderHost } from './provider-host';
import { RevocationList } from './revocation-list';
import { readSecret } from './secrets';
import { SigningKeys } from './signing-keys';
import { type RunningServer, runService, serve } from '../../common/http';

const SERVICE = 'authserver';
/** Tokens a retired key signed are accepted this long after it stopped signing: their lifetime plus skew. */
const CLOCK_SKEW_MS = 60_000;

async function main(): Promise<RunningServer> {
  const config = loadConfig(process.env);
  const places = { secretsDir: config.secretsDir, keysDir: config.keysDir, production: config.production };
  const issuer = config.issuer(config.port);
  const keys = new SigningKeys(places, config.accessTokenTtlS * 1000 + CLOCK_SKEW_MS);
  const clients = clientList(places, config.webappRedirectUris);
  const cookieKey = readSecret('authserver-cookie-key', places);
  const password = config.demoUser.password ?? readSecret('demo-user-password', places);
  const host = new ProviderHost(keys, () =>
    buildProvider({
      config,
      issuer,
      clients,
      cookieKey,
      keys,
      accountExists: (sub) => sub === config.demoUser.username,
    }),
  );
  const pruning = setInterval(() => host.prune(), 10_000);
  pruning.unref();
  const app = buildApp({
    host,
    issuer,
    revoked: new RevocationList(),
    checkPassword: demoUserCheck({ username: config.demoUser.username, password }),
    redirectUris: config.webappRedirectUris,
    keyRotation: config.keyRotation,
  });
  const running = await serve(app, {
    host: config.host,
    port: config.port,
    onClosed: async () => clearInterval(pruning),
  });
  console.log(
    `${SERVICE} listening on http://127.0.0.1:${running.port} (issuer ${issuer}, signing key ${keys.current.jwk.kid})`,
  );
  if (!config.production) {
    console.log(
      `${SERVICE} demo user: ${config.demoUser.username} (password in ${config.keysDir}/demo-user-password unless DEMO_PASSWORD is set)`,
    );
  }
  return running;
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
