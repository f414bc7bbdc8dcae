import http from 'node:http';
import https from 'node:https';
import { ConfigError, ConfigServerUnavailableError } from './errors';
import { type SpringEnvironment, SpringEnvironmentSchema } from './spring-environment';

export interface EnvironmentRequest {
  serverUrl: string;
  application: string;
  /** One profile or several, comma-separated (`dev,docker`: the last one wins). */
  profile: string;
  label?: string;
  timeoutMs: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** `{serverUrl}/{application}/{profile}[/{label}]`; a `/` in a label is sent as `(_)`, as Spring expects. */
export function environmentUrl({
  serverUrl,
  application,
  profile,
  label,
}: Omit<EnvironmentRequest, 'timeoutMs'>): string {
  const profiles = profile
    .split(',')
    .map((p) => encodeURIComponent(p.trim()))
    .join(',');
  const labelPart = label ? `/${encodeURIComponent(label.replace(/\//g, '(_)'))}` : '';
  return `${serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(application)}/${profiles}${labelPart}`;
}

/** What a server that is starting, restarting or behind a proxy without a backend answers. */
const NOT_UP_YET = new Set([502, 503, 504]);

/**
 * One GET of the Environment. Nothing answering, a timeout, a 502/503/504 is ConfigServerUnavailableError
 * (worth retrying); a 4xx, any other 5xx (e.g. 500 for a broken YAML file in the repository) or an
 * answer that is no Environment is a ConfigError: retrying will not help, so refuse at once.
 */
export async function fetchEnvironment(request: EnvironmentRequest): Promise<SpringEnvironment> {
  const url = environmentUrl(request);
  const { status, body } = await get(url, request.timeoutMs);
  if (NOT_UP_YET.has(status)) {
    throw new ConfigServerUnavailableError(`config server answered ${status} for ${url}: ${excerpt(body)}`);
  }
  if (status !== 200) throw new ConfigError(`config server answered ${status} for ${url}: ${excerpt(body)}`);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ConfigError(`config server answered ${url} with something that is not JSON: ${excerpt(body)}`);
  }
  const parsed = SpringEnvironmentSchema.safeParse(json);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new ConfigError(
      `config server answered ${url} with JSON that is not a Spring Environment (${problem.path.join('.') || 'body'}: ${problem.message})`,
    );
  }
  return parsed.data;
}

function get(url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const unavailable = (reason: string) =>
      reject(new ConfigServerUnavailableError(`config server not reachable at ${url} (${reason})`));
    let req: http.ClientRequest;
    try {
      req = client.get(url, { timeout: timeoutMs, agent: false, headers: { accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) req.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => unavailable(err.message));
      });
    } catch (err) {
      reject(new ConfigError(`CONFIG_SERVER_URL gives an unusable URL ${url}: ${(err as Error).message}`));
      return;
    }
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => unavailable(err.message || err.code || 'connection failed'));
  });
}

function excerpt(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine || '(empty body)';
}
