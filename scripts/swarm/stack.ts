import path from 'node:path';
import YAML from 'yaml';
import { readManifest } from '../lib/manifest';
import { say } from '../lib/ui';
import { docker, stackServices, swarmState } from './docker';
import { engineGet } from './engine-api';
import { pollUntil } from '../lib/poll';
import { run } from './exec';

/** The stack name CI deploys under (not the presenter's `ch02`, so both can live on one engine). */
export const STACK = 'ch02ci';
/** Set to 0 so stack.ci.yml's host-mode entry replaces stack.yml's ingress port (see stack.ci.yml). */
const DEPLOY_ENV = { ACCOUNTSERVICE_PORT: '0' };

export interface PlannedService {
  /** The service's name in the stack file and the manifest, e.g. "accountservice". */
  name: string;
  /** Its name in the deployed stack, e.g. "ch02ci_accountservice". */
  swarmName: string;
  image: string;
  /** The container port the service listens on (the manifest's port). */
  port: number;
  health: string;
}

export interface StackPlan {
  chapterDir: string;
  files: string[];
  services: PlannedService[];
  /** The overlay network the in-swarm load client joins, e.g. "ch02ci_landscape". */
  network: string;
}

export interface MergedStack {
  services: Record<
    string,
    {
      image: string;
      ports?: { target: number; published?: number | string; mode?: string }[];
      deploy?: { endpoint_mode?: string };
      networks?: Record<string, unknown> | string[];
    }
  >;
  networks?: Record<string, { attachable?: boolean } | null>;
}

/** Stack files merged exactly as `docker stack deploy` merges them (`docker stack config`, offline: no engine needed). */
export async function mergeStack(files: string[], env: Record<string, string> = {}): Promise<MergedStack> {
  const { stdout } = await run('docker', ['stack', 'config', ...files.flatMap((f) => ['-c', f])], {
    echo: false,
    env: { ...process.env, ...env },
  });
  return YAML.parse(stdout) as MergedStack;
}

/** `docker stack deploy` of these files as stack `name` (images are never re-resolved: ours are local). */
export function stackDeployArgs(files: string[], name: string): string[] {
  return ['stack', 'deploy', '--resolve-image', 'never', ...files.flatMap((f) => ['-c', f]), name];
}

/**
 * What CI will deploy: stack.yml merged with stack.ci.yml exactly as `docker stack deploy` merges
 * them (`docker stack config`, offline), checked for what this machine needs: dnsrr, host-mode
 * ports on Docker-chosen host ports, and an attachable network for the load client.
 */
export async function planStack(chapterDir: string): Promise<StackPlan> {
  const files = ['stack.yml', 'stack.ci.yml'].map((f) => path.join(chapterDir, f));
  const merged = await mergeStack(files, DEPLOY_ENV);
  const problems: string[] = [];
  const services = readManifest(chapterDir).services.map((spec): PlannedService => {
    const service = merged.services[spec.name];
    if (!service) {
      problems.push(`${spec.name} is in landscape.yml but not in the stack`);
      return { name: spec.name, swarmName: `${STACK}_${spec.name}`, image: '', port: spec.port, health: spec.health };
    }
    if (service.deploy?.endpoint_mode !== 'dnsrr') problems.push(`${spec.name}: endpoint_mode must be dnsrr here`);
    for (const port of service.ports ?? []) {
      if (port.mode !== 'host')
        problems.push(`${spec.name}: port ${port.target} is published in ${port.mode ?? 'ingress'} mode`);
      if (port.published !== undefined && Number(port.published) !== 0) {
        problems.push(
          `${spec.name}: port ${port.target} is published on fixed host port ${port.published} ` +
            '(stack.yml should publish ${ACCOUNTSERVICE_PORT:-6767}, so the CI override can replace it)',
        );
      }
    }
    if (!service.ports?.some((p) => p.target === spec.port))
      problems.push(`${spec.name}: port ${spec.port} is not published`);
    return {
      name: spec.name,
      swarmName: `${STACK}_${spec.name}`,
      image: service.image,
      port: spec.port,
      health: spec.health,
    };
  });
  const attachable = Object.entries(merged.networks ?? {}).filter(([, n]) => n?.attachable);
  if (attachable.length === 0) problems.push('the stack has no attachable overlay network for the load client');
  if (problems.length) throw new Error(`The CI stack cannot run on this machine:\n  ${problems.join('\n  ')}`);
  return { chapterDir, files, services, network: `${STACK}_${attachable[0][0]}` };
}

/**
 * Initialises a single-node swarm unless one is active. Resolves to true when it did.
 * `ours`: an interrupted earlier run of this test made the active swarm (so it is left at the end).
 */
export async function ensureSwarm(ours = false): Promise<boolean> {
  const state = await swarmState();
  if (state === 'active') {
    say.ok(
      `This engine is already a swarm node (${ours ? 'made by an earlier run: left at the end' : 'left as it is at the end'})`,
    );
    return false;
  }
  if (state !== 'inactive') throw new Error(`The engine's swarm state is "${state}"; expected inactive or active`);
  await docker(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
  return true;
}

export async function deployStack(plan: StackPlan): Promise<void> {
  const args = stackDeployArgs(
    plan.files.map((f) => path.relative(process.cwd(), f)),
    STACK,
  );
  say.info(
    `(with ${Object.entries(DEPLOY_ENV)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')})`,
  );
  await run('docker', args, { env: { ...process.env, ...DEPLOY_ENV } });
}

interface Labelled {
  Id: string;
}

/** Removes the stack and waits until its containers and networks are gone (`stack rm` returns before). */
export async function removeStack(): Promise<void> {
  if ((await swarmState()) !== 'active') return;
  if ((await stackServices(STACK)).length > 0) await docker(['stack', 'rm', STACK]);
  const filters = { label: [`com.docker.stack.namespace=${STACK}`] };
  await pollUntil(
    `the containers and networks of stack ${STACK} to be removed`,
    async () => {
      const containers = await engineGet<Labelled[]>('/containers/json', { all: 'true', filters });
      const networks = await engineGet<Labelled[]>('/networks', { filters });
      return containers.length + networks.length === 0 ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
}
