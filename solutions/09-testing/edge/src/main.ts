import { pollRevocations, remoteKeys, tokenVerifier } from '../../common/auth';
import { type RunningServer, runService, serve } from '../../common/http';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { TokenBuckets } from './rate-limit';
import { ROUTES } from './routes';
import { serveEdge } from './servers';
import { loadOrCreateTls } from './tls';

const SERVICE = 'edge';

async function main(): Promise<RunningServer> {
  const config = loadConfig(process.env);
  const verify = tokenVerifier(remoteKeys(`${config.authserverUrl}/jwks`, config.jwksCooldownMs), {
    issuer: config.issuer,
    audience: config.audience,
    algorithms: config.algorithms,
    clockToleranceS: config.clockToleranceS,
  });
  const revocations = pollRevocations(`${config.authserverUrl}/revocations`, config.revocationsPollMs);
  void revocations.refresh();
  const app = buildApp({
    routes: ROUTES,
    services: config.services,
    verify,
    isRevoked: revocations.isRevoked,
    buckets: new TokenBuckets(config.rateLimit),
    corsOrigin: config.corsOrigin,
    tls: config.tls,
    login: {
      publicUrl: config.publicUrl,
      authserverPublicUrl: config.authserverPublicUrl,
      authserverUrl: config.authserverUrl,
      clientId: 'webapp',
      audience: config.audience,
      scope: 'openid accounts:read',
    },
  });
  const routes = ROUTES.map(
    (route) => `${route.prefix}/** → ${route.service} (${config.services[route.service]})`,
  ).join(', ');
  if (!config.tls) {
    // TLS ends in front of the edge (a load balancer): plain HTTP here, no redirect.
    const running = await serve(app, {
      host: config.host,
      port: config.port,
      onClosed: async () => revocations.stop(),
    });
    console.log(`${SERVICE} listening on http://127.0.0.1:${running.port} (TLS=off), routes ${routes}`);
    return running;
  }
  const tls = await loadOrCreateTls(config.tlsDir, config.secretsDir);
  const servers = await serveEdge(app, {
    host: config.host,
    port: config.port,
    httpPort: config.httpPort,
    tls,
    publicUrl: config.publicUrl,
  });
  console.log(
    `${SERVICE} listening on https://127.0.0.1:${servers.port} (http ${servers.httpPort} redirects), routes ${routes}`,
  );
  return { ...servers, shutdown: () => servers.shutdown().finally(() => revocations.stop()) };
}

runService(SERVICE, main, { isConfigError: (err) => err instanceof ConfigError });
