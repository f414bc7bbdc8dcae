import { engineGet } from './engine-api';
import { run } from './exec';

/** A docker CLI command, echoed (the commands a presenter would type); resolves to its stdout. */
export async function docker(args: string[], echo = true): Promise<string> {
  return (await run('docker', args, { echo })).stdout;
}

/** The parts of a swarm task this script reads (Engine API `GET /tasks`). */
export interface Task {
  ID: string;
  ServiceID: string;
  Slot?: number;
  DesiredState: string;
  Status: {
    State: string;
    Err?: string;
    Message?: string;
    ContainerStatus?: { ContainerID?: string; PID?: number; ExitCode?: number };
    PortStatus?: { Ports?: { TargetPort: number; PublishedPort: number; PublishMode: string }[] };
  };
  NetworksAttachments?: { Network: { Spec: { Name: string } }; Addresses: string[] }[];
}

export interface Container {
  Id: string;
  State: { Status: string; Pid: number; Health?: { Status: string; Log?: { ExitCode: number; Output: string }[] } };
}

export interface Service {
  ID: string;
  Spec: {
    Name: string;
    Mode: { Replicated?: { Replicas: number }; Global?: object };
    TaskTemplate: { ContainerSpec: { Image: string } };
  };
  UpdateStatus?: { State: string; Message?: string };
}

export interface Image {
  Id: string;
  Size: number;
  RootFS: { Layers: string[] };
}

export async function swarmState(): Promise<string> {
  return (await engineGet<{ Swarm: { LocalNodeState: string } }>('/info')).Swarm.LocalNodeState;
}

export function stackServices(stack: string): Promise<Service[]> {
  return engineGet<Service[]>('/services', { filters: { label: [`com.docker.stack.namespace=${stack}`] } });
}

export function serviceTasks(serviceName: string): Promise<Task[]> {
  return engineGet<Task[]>('/tasks', { filters: { service: [serviceName] } });
}

export function inspectContainer(id: string): Promise<Container> {
  return engineGet<Container>(`/containers/${id}/json`);
}

/** The image, or undefined when it does not exist. */
export async function inspectImage(name: string): Promise<Image | undefined> {
  try {
    return await engineGet<Image>(`/images/${encodeURIComponent(name)}/json`);
  } catch (err) {
    if (/HTTP 404/.test((err as Error).message)) return undefined;
    throw err;
  }
}

/** The tasks Swarm wants running whose container is running. */
export function runningTasks(tasks: Task[]): Task[] {
  return tasks.filter((t) => t.DesiredState === 'running' && t.Status.State === 'running');
}

/** The host port a task publishes for `target` (host-mode publishing), if any. */
export function publishedPort(task: Task, target: number): number | undefined {
  return task.Status.PortStatus?.Ports?.find((p) => p.TargetPort === target && p.PublishedPort > 0)?.PublishedPort;
}

/** The task's IP addresses on its overlay network(s), without the prefix length. */
export function taskAddresses(task: Task): string[] {
  return (task.NetworksAttachments ?? []).flatMap((n) => n.Addresses.map((a) => a.split('/')[0]));
}
