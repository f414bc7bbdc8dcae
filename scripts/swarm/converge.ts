import { pollUntil } from '../lib/poll';
import { type Container, type Service, type Task, inspectContainer, serviceTasks, stackServices } from './docker';

export interface ServiceState {
  name: string;
  desired: number;
  running: number;
  healthy: number;
  /** Why the service is not converged yet; empty when it is. */
  waitingFor: string[];
  /** Errors Swarm reported on recent tasks (no such image, port in use, failed health checks…). */
  errors: string[];
}

const UPDATING = new Set(['updating', 'rollback_started', 'paused', 'rollback_paused']);

/**
 * Whether one service has converged: as many tasks running as it wants, each one's container
 * health check "healthy", no old task still running, and no update in progress. Pure, so it can be
 * unit-tested with recorded Engine API answers.
 */
export function judgeService(service: Service, tasks: Task[], containers: Map<string, Container>): ServiceState {
  const name = service.Spec.Name;
  const desired = service.Spec.Mode.Replicated?.Replicas ?? 1;
  const wanted = tasks.filter((t) => t.DesiredState === 'running');
  const running = wanted.filter((t) => t.Status.State === 'running');
  const healthStatus = (t: Task) => containers.get(t.Status.ContainerStatus?.ContainerID ?? '')?.State.Health?.Status;
  const healthy = running.filter((t) => healthStatus(t) === 'healthy');
  const waitingFor: string[] = [];
  if (running.length !== desired) waitingFor.push(`${running.length}/${desired} tasks running`);
  const noCheck = running.filter((t) => healthStatus(t) === undefined);
  if (noCheck.length) waitingFor.push(`${noCheck.length} task(s) without a container health check`);
  const unhealthy = running.length - healthy.length - noCheck.length;
  if (unhealthy > 0) waitingFor.push(`${unhealthy} task(s) not healthy yet`);
  const stopping = tasks.filter(
    (t) => t.DesiredState !== 'running' && ['running', 'starting'].includes(t.Status.State),
  );
  if (stopping.length) waitingFor.push(`${stopping.length} old task(s) still stopping`);
  if (service.UpdateStatus && UPDATING.has(service.UpdateStatus.State))
    waitingFor.push(`update ${service.UpdateStatus.State}`);
  const errors = [...new Set(tasks.flatMap((t) => (t.Status.Err ? [t.Status.Err] : [])))];
  return { name, desired, running: running.length, healthy: healthy.length, waitingFor, errors };
}

async function stackState(stack: string): Promise<ServiceState[]> {
  const services = await stackServices(stack);
  if (services.length === 0) throw new Error(`stack ${stack} has no services`);
  const states: ServiceState[] = [];
  for (const service of services) {
    const tasks = await serviceTasks(service.Spec.Name);
    const containers = new Map<string, Container>();
    for (const task of tasks) {
      const id = task.Status.ContainerStatus?.ContainerID;
      if (!id || task.Status.State !== 'running') continue;
      // A container can vanish between the two calls (a task being replaced): skip it this round.
      const container = await inspectContainer(id).catch(() => undefined);
      if (container) containers.set(id, container);
    }
    states.push(judgeService(service, tasks, containers));
  }
  return states.sort((a, b) => a.name.localeCompare(b.name));
}

export function describe(states: ServiceState[]): string {
  return states
    .map(
      (s) => `${s.name} ${s.healthy}/${s.desired} healthy${s.waitingFor.length ? ` (${s.waitingFor.join(', ')})` : ''}`,
    )
    .join(' · ');
}

/**
 * Polls the Engine API until every service of the stack has converged with healthy containers.
 * On timeout the error lists what each service still waits for and the errors Swarm reported.
 */
export async function waitConverged(
  stack: string,
  { timeoutMs = 120_000, onProgress }: { timeoutMs?: number; onProgress?: (text: string) => void } = {},
): Promise<ServiceState[]> {
  let last: ServiceState[] = [];
  try {
    return await pollUntil(
      `stack ${stack} to converge`,
      async () => {
        last = await stackState(stack);
        onProgress?.(describe(last));
        return last.every((s) => s.waitingFor.length === 0) ? last : undefined;
      },
      { timeoutMs, intervalMs: 250 },
    );
  } catch (err) {
    const errors = last.flatMap((s) => s.errors.map((e) => `  ${s.name}: ${e}`));
    throw new Error(`${(err as Error).message}\n  ${describe(last)}${errors.length ? `\n${errors.join('\n')}` : ''}`, {
      cause: err,
    });
  }
}
