import { say } from '../lib/ui';
import { waitConverged } from './converge';
import { endpoint } from './deployed-checks';
import { docker, stackServices } from './docker';
import { run } from './exec';
import { type PhaseCounts, phases, startInSwarmLoad } from './in-swarm-load';
import type { LoadSummary } from './load-client';
import { type PlannedService, STACK, type StackPlan } from './stack';

export interface RollingUpdateResult {
  service: string;
  replicas: number;
  ratePerSecond: number;
  updateMs: number;
  load: LoadSummary;
  /** Requests and failures before, during and after the update (from the client's progress). */
  phases: Record<'before' | 'during' | 'after', PhaseCounts>;
  oldAddresses: string[];
  newAddresses: string[];
  oldTasks: string[];
  newTasks: string[];
}

const LOAD_CONTAINER = `${STACK}-load`;
/** Steady load before and after the update, so a failure can be placed in time. */
const BASELINE_MS = 3000;

/** Scales a service and waits until the stack has converged with healthy tasks again. */
export async function scale(
  service: PlannedService,
  replicas: number,
  onProgress?: (text: string) => void,
): Promise<void> {
  await docker(['service', 'scale', '--detach', `${service.swarmName}=${replicas}`]);
  await waitConverged(STACK, { onProgress });
}

/**
 * `docker service update --force` on a service (every task replaced, one at a time, by the
 * stack's update_config) while the in-swarm load client sends a steady stream of requests to it
 * by name. Throws unless the update completed (not rolled back) and not one request failed.
 */
export async function rollingUpdateUnderLoad(
  plan: StackPlan,
  service: PlannedService,
  {
    image,
    workDir,
    ratePerSecond,
    replicas,
    onProgress,
  }: {
    image: string;
    workDir: string;
    ratePerSecond: number;
    replicas: number;
    onProgress?: (text: string) => void;
  },
): Promise<RollingUpdateResult> {
  const current = (await endpoint(service)).tasks.length;
  if (current < replicas) await scale(service, replicas, onProgress);
  const before = await endpoint(service);
  const maxMs = 240_000;
  const load = await startInSwarmLoad(
    { network: plan.network, image, workDir, name: LOAD_CONTAINER },
    {
      urlPrefix: `http://${service.name}:${service.port}/accounts/`,
      ratePerSecond,
      maxMs,
      maxRequests: (ratePerSecond * maxMs) / 1000,
    },
  );
  let summary: LoadSummary | undefined;
  const update = { started: 0, ended: 0 };
  try {
    await load.flowing();
    await load.runFor(BASELINE_MS);
    say.ok(`load is flowing (${ratePerSecond} req/s, half on fresh connections, half kept alive)`);
    update.started = Date.now();
    await run('docker', ['service', 'update', '--force', '--quiet', service.swarmName], { timeoutMs: 240_000 });
    await waitConverged(STACK, { onProgress });
    update.ended = Date.now();
    await load.runFor(BASELINE_MS);
    summary = await load.stop();
  } finally {
    if (!summary) await run('docker', ['rm', '--force', LOAD_CONTAINER], { echo: false, allowFailure: true });
  }
  const status = (await stackServices(STACK)).find((s) => s.Spec.Name === service.swarmName)?.UpdateStatus;
  if (status?.State !== 'completed') {
    throw new Error(`the update of ${service.swarmName} ended "${status?.State}": ${status?.Message ?? ''}`);
  }
  const after = await endpoint(service);
  return {
    service: service.name,
    replicas,
    ratePerSecond,
    updateMs: update.ended - update.started,
    load: summary,
    phases: phases(load.progress, update.started, update.ended),
    oldAddresses: before.addresses,
    newAddresses: after.addresses,
    oldTasks: before.tasks.map((t) => t.ID),
    newTasks: after.tasks.map((t) => t.ID),
  };
}

/** " (to old tasks 3, to new tasks 1, …)": where failed requests were sent. */
function where(failedTo: Record<string, number>, result: RollingUpdateResult): string {
  const kinds: Record<string, number> = {};
  for (const [address, n] of Object.entries(failedTo)) {
    const kind = result.oldAddresses.includes(address)
      ? 'old tasks'
      : result.newAddresses.includes(address)
        ? 'new tasks'
        : address === '(no address)'
          ? 'no address (lookup failed)'
          : `other addresses`;
    kinds[kind] = (kinds[kind] ?? 0) + n;
  }
  const parts = Object.entries(kinds).map(([kind, n]) => `to ${kind}: ${n}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** What must hold after a zero-loss update; empty when it all holds. */
export function zeroLossProblems(result: RollingUpdateResult): string[] {
  const problems: string[] = [];
  for (const [mode, stats] of Object.entries(result.load.modes)) {
    if (stats.failed > 0)
      problems.push(
        `${mode}: ${stats.failed} of ${stats.sent} requests failed ${JSON.stringify(stats.errors)}${where(stats.failedTo, result)}`,
      );
    if (stats.sent !== stats.ok + stats.failed)
      problems.push(`${mode}: ${stats.sent - stats.ok - stats.failed} requests unaccounted for`);
    const servers = Object.keys(stats.servedBy);
    if (!servers.some((s) => result.oldAddresses.includes(s))) problems.push(`${mode}: no request reached an old task`);
    if (!servers.some((s) => result.newAddresses.includes(s))) problems.push(`${mode}: no request reached a new task`);
  }
  if (result.newTasks.some((id) => result.oldTasks.includes(id))) problems.push('some tasks were not replaced');
  if (result.phases.before.failed > 0) {
    problems.push(
      `${result.phases.before.failed} requests failed before the update began: the machine could not carry ` +
        `${result.ratePerSecond} req/s (busy CPU?); lower SWARM_UPDATE_RATE or free the machine`,
    );
  }
  return problems;
}
