import http from 'node:http';

/** A Swarm service as the console shows it: desired and running tasks, and the port published on this host. */
export interface SwarmService {
  name: string;
  desired: number;
  running: number;
  /** The first published port (host mode or the routing mesh), for the console's own reads. */
  publishedPort?: number;
}

interface EngineService {
  ID: string;
  Spec: { Name: string; Mode?: { Replicated?: { Replicas?: number }; Global?: object } };
  Endpoint?: { Ports?: { PublishedPort?: number }[] };
}

interface EngineTask {
  ServiceID: string;
  DesiredState?: string;
  Status?: { State?: string };
  NodeID?: string;
}

/** GET on the Docker engine's API over its unix socket (no engine runs on this machine by default). */
export function engineGet<T>(apiPath: string, socketPath = '/var/run/docker.sock'): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath, path: apiPath, timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(JSON.parse(body) as T)
          : reject(new Error(`engine ${res.statusCode}: ${body}`)),
      );
    });
    req.on('timeout', () => req.destroy(new Error('the Docker engine did not answer')));
    req.on('error', reject);
  });
}

/**
 * The stack's services from GET /services and GET /tasks: names without the stack prefix
 * ("ch07_accountservice" → "accountservice"), desired replicas (a global service: one per task
 * wanted running) and the tasks actually running.
 */
export function parseSwarm(services: EngineService[], tasks: EngineTask[], stack?: string): SwarmService[] {
  const prefix = stack ? `${stack}_` : '';
  return services
    .filter((s) => s.Spec.Name.startsWith(prefix))
    .map((s) => {
      const own = tasks.filter((t) => t.ServiceID === s.ID);
      const wanted = own.filter((t) => t.DesiredState === 'running').length;
      const published = s.Endpoint?.Ports?.find((p) => p.PublishedPort)?.PublishedPort;
      return {
        name: s.Spec.Name.slice(prefix.length),
        desired: s.Spec.Mode?.Replicated?.Replicas ?? wanted,
        running: own.filter((t) => t.Status?.State === 'running').length,
        ...(published ? { publishedPort: published } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function readSwarm(stack?: string, socketPath?: string): Promise<SwarmService[]> {
  const [services, tasks] = await Promise.all([
    engineGet<EngineService[]>('/services', socketPath),
    engineGet<EngineTask[]>('/tasks', socketPath),
  ]);
  return parseSwarm(services, tasks, stack);
}
