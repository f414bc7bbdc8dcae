import { judgeService } from '../converge';
import type { Container, Service, Task } from '../docker';

// judgeService decides when `npm run test:swarm` may go on: converged AND healthy, nothing less.

function service(replicas: number, update?: string): Service {
  return {
    ID: 's1',
    Spec: {
      Name: 'ch02ci_accountservice',
      Mode: { Replicated: { Replicas: replicas } },
      TaskTemplate: { ContainerSpec: { Image: 'x' } },
    },
    ...(update && { UpdateStatus: { State: update } }),
  };
}

function task(id: string, desired: string, state: string, err?: string): Task {
  return {
    ID: id,
    ServiceID: 's1',
    DesiredState: desired,
    Status: { State: state, Err: err, ContainerStatus: { ContainerID: `c-${id}` } },
  };
}

function containers(health: Record<string, string | undefined>): Map<string, Container> {
  return new Map(
    Object.entries(health).map(([id, status]) => [
      `c-${id}`,
      { Id: `c-${id}`, State: { Status: 'running', Pid: 1, ...(status && { Health: { Status: status } }) } },
    ]),
  );
}

describe('judgeService', () => {
  it('is converged when every wanted task runs with a healthy container', () => {
    const state = judgeService(
      service(2),
      [task('a', 'running', 'running'), task('b', 'running', 'running')],
      containers({ a: 'healthy', b: 'healthy' }),
    );
    expect(state).toMatchObject({ desired: 2, running: 2, healthy: 2, waitingFor: [] });
  });

  it('waits for tasks that run but whose health check has not passed yet', () => {
    const state = judgeService(
      service(2),
      [task('a', 'running', 'running'), task('b', 'running', 'running')],
      containers({ a: 'healthy', b: 'starting' }),
    );
    expect(state.waitingFor).toEqual(['1 task(s) not healthy yet']);
  });

  it('refuses containers without a health check', () => {
    const state = judgeService(service(1), [task('a', 'running', 'running')], containers({ a: undefined }));
    expect(state.waitingFor).toEqual(['1 task(s) without a container health check']);
  });

  it('waits for missing tasks and reports why Swarm could not start them', () => {
    const tasks = [
      task('a', 'running', 'running'),
      task('b', 'running', 'pending', 'host-mode port already in use on 1 node'),
    ];
    const state = judgeService(service(2), tasks, containers({ a: 'healthy' }));
    expect(state.waitingFor).toEqual(['1/2 tasks running']);
    expect(state.errors).toEqual(['host-mode port already in use on 1 node']);
  });

  it('waits while an old task is still stopping or an update is in progress', () => {
    const tasks = [task('a', 'running', 'running'), task('old', 'shutdown', 'running')];
    expect(judgeService(service(1), tasks, containers({ a: 'healthy' })).waitingFor).toEqual([
      '1 old task(s) still stopping',
    ]);
    const updating = judgeService(
      service(1, 'updating'),
      [task('a', 'running', 'running')],
      containers({ a: 'healthy' }),
    );
    expect(updating.waitingFor).toEqual(['update updating']);
  });

  it('ignores finished tasks of earlier versions', () => {
    const tasks = [
      task('a', 'running', 'running'),
      task('old', 'shutdown', 'shutdown'),
      task('x', 'shutdown', 'failed', 'task: non-zero exit (1)'),
    ];
    const state = judgeService(service(1, 'completed'), tasks, containers({ a: 'healthy' }));
    expect(state.waitingFor).toEqual([]);
  });
});
