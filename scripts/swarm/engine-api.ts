import http from 'node:http';

const SOCKET = '/var/run/docker.sock';
/** Docker 20.10 speaks API 1.41; newer engines still accept it. */
const API = '/v1.41';

/**
 * GET on the Docker Engine API over its unix socket. Used for the polling loops (convergence,
 * health, memory): one HTTP request instead of spawning the docker CLI several times a second.
 */
export function engineGet<T>(path: string, query: Record<string, unknown> = {}): Promise<T> {
  const params = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  ).toString();
  return new Promise((resolve, reject) => {
    const req = http.get(
      { socketPath: SOCKET, path: `${API}${path}${params ? `?${params}` : ''}`, timeout: 15_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`GET ${path} → HTTP ${res.statusCode}: ${body.trim()}`));
          try {
            resolve(JSON.parse(body) as T);
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: no answer from the Docker engine`)));
    req.on('error', reject);
  });
}
