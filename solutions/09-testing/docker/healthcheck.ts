/**
 * The container's HEALTHCHECK (goblog P6's tiny healthchecker binary, done the Node way): GET the
 * service's health URL and exit 0 on HTTP 200, 1 on anything else — another status, a refused
 * connection, or no answer in time. The image needs no curl: the service's own runtime checks it.
 *
 *   node healthcheck.js [URL]     default URL: http://127.0.0.1:$PORT$HEALTH_PATH
 */
import http from 'node:http';

export interface HealthResult {
  healthy: boolean;
  /** One line for `docker inspect`'s health log. */
  detail: string;
}

export function healthUrl(argv: string[], env: NodeJS.ProcessEnv): string {
  return argv[0] ?? `http://127.0.0.1:${env.PORT ?? '8080'}${env.HEALTH_PATH ?? '/health'}`;
}

export function checkHealth(url: string, timeoutMs = 1500): Promise<HealthResult> {
  // @exercise healthcheck-script: Report healthy only when the URL answers HTTP 200 within timeoutMs; a refused connection, another status or no answer in time is unhealthy.
  // @hint Healthy means exactly one thing: an HTTP 200 arrived in time. Everything else (a refused connection, another status, silence) is unhealthy, and the check must never wait forever.
  // @hint-api http.get(url, { agent: false, timeout: timeoutMs }, (res) => ...) with res.statusCode; req.on('timeout', () => req.destroy(...)); req.on('error', ...) resolves { healthy: false, detail }.
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve({ healthy: res.statusCode === 200, detail: `${url} answered HTTP ${res.statusCode}` });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => resolve({ healthy: false, detail: `${url}: ${err.message}` }));
  });
  // @starter
  // // Not finished: any answer counts as healthy, so do errors, and nothing limits the wait.
  // return new Promise((resolve) => {
  //   const healthy = { healthy: true, detail: `${url} was asked (the ${timeoutMs} ms limit is not applied)` };
  //   http.get(url, (res) => resolve(res.resume() && healthy)).on('error', () => resolve(healthy));
  // });
  // @end
}

if (require.main === module) {
  void checkHealth(healthUrl(process.argv.slice(2), process.env)).then(({ healthy, detail }) => {
    console.log(detail);
    process.exit(healthy ? 0 : 1);
  });
}
