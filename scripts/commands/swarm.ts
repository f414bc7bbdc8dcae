import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { distDir, totalBytes } from '../lib/bundle';
import { engineAnswers, hasCommand } from '../lib/docker';
import { type Manifest, readManifest } from '../lib/manifest';
import { type Chapter, UsageError, relative, twoDigits } from '../lib/paths';
import { pc, say } from '../lib/ui';
import { swarmState } from '../swarm/docker';
import { commandLine } from '../swarm/exec';
import { bundleService, dockerBuildArgs } from '../swarm/images';
import { type MergedStack, mergeStack, stackDeployArgs } from '../swarm/stack';

/**
 * `tsx scripts/cli.ts swarm <build|deploy|scale|ps|rm> N …`: the chapter's stack on Docker
 * Swarm, on the same layer as `npm run test:swarm` (scripts/swarm: bundling, image builds, stack
 * merging). Every docker command is printed before it runs, so a presenter can show (and an
 * audience can copy) exactly what happens. --dry-run only prints them.
 */
const SWARM_USAGE = `  swarm build N [--base-image IMG] [--with FILE] [--mine]
                       bundle each service and build its image (images named as in stack.yml)
  swarm deploy N [--with FILE] [--stack NAME]
                       docker stack deploy the chapter's stack.yml (default stack name chNN)
  swarm scale N SERVICE=REPLICAS    e.g. swarm scale 2 quotes-service=3
  swarm ps N | swarm rm N          what runs / remove the stack
  swarm secrets N      make the files of the stack's Docker secrets (chapter 8 on: keys,
                       client secrets, the edge's certificate) into secrets/, git-ignored
  (every swarm command takes --dry-run: print the docker commands, run nothing)`;

export interface SwarmOptions {
  chapter: Chapter;
  /** Positional arguments after the chapter number (e.g. quotes-service=3). */
  args: string[];
  flags: Set<string>;
  /** Extra stack files merged over stack.yml (docker stack deploy -c stack.yml -c FILE). */
  withFiles: string[];
  baseImage?: string;
  stack?: string;
}

interface Command {
  argv: string[];
  env?: Record<string, string>;
}

/** Images named like this are built from the chapter's services; any other image is pulled. */
const OUR_IMAGES = 'lean-and-mean/';

export async function swarmCommand(sub: string | undefined, options: SwarmOptions): Promise<number> {
  const dir = options.flags.has('--mine') ? options.chapter.starterDir : options.chapter.solutionDir;
  const stackFile = path.join(dir, 'stack.yml');
  if (!fs.existsSync(stackFile)) {
    throw new UsageError(`Chapter ${options.chapter.number} has no stack file (${relative(stackFile)}).`);
  }
  const manifest = readManifest(dir);
  const stack = options.stack ?? `ch${twoDigits(options.chapter.number)}`;
  const files = [stackFile, ...options.withFiles.map((f) => resolveFile(f, dir))];
  const dryRun = options.flags.has('--dry-run');

  switch (sub) {
    case 'build': {
      const images = await imagesOf(files, manifest);
      // Only our own images are built; a supporting server (Spring's configserver) is pulled.
      const ours = manifest.services.filter((spec) => images[spec.name].startsWith(OUR_IMAGES));
      for (const spec of ours) {
        const out = distDir(dir, spec.name);
        if (dryRun) {
          console.log(`${pc.dim('#')} bundle ${relative(path.join(dir, spec.entry))} into ${relative(out)} (esbuild)`);
          continue;
        }
        const result = await bundleService(dir, spec);
        say.ok(`${spec.name}: bundled into ${relative(out)} (${(totalBytes(result) / 1024 / 1024).toFixed(1)} MiB)`);
      }
      const legacy = !dryRun && hasCommand('docker') && !hasBuildx();
      return run(
        ours.map((spec) => ({
          argv: [
            'docker',
            ...dockerBuildArgs({ name: spec.name, port: spec.port, image: images[spec.name] }, options.baseImage),
            relative(dir),
          ],
          // Without the buildx plugin the docker CLI needs the legacy builder asked for by name.
          env: legacy ? { DOCKER_BUILDKIT: '0' } : undefined,
        })),
        dryRun,
      );
    }
    case 'deploy':
      if (!dryRun && engineAnswers() && (await swarmState()) !== 'active') {
        say.fail('This Docker engine is not a swarm manager yet. Make it one (a single-node swarm is fine):');
        console.log(`    ${pc.cyan('docker swarm init --advertise-addr 127.0.0.1')}`);
        return 1;
      }
      return run([{ argv: ['docker', ...stackDeployArgs(files, stack)] }], dryRun, () => {
        // The last service started is the landscape's front door (accountservice in chapter 2).
        const entry = [...manifest.services].reverse().find((s) => s.try) ?? manifest.services[0];
        say.info(`Watch it converge: ${pc.cyan(`docker stack ps ${stack}`)}`);
        say.info(`Then: ${pc.cyan(`curl -s http://127.0.0.1:${entry.port}${entry.try ?? entry.health}`)}`);
      });
    case 'scale': {
      const targets = options.args.map((arg) => scaleTarget(arg, manifest, stack));
      if (targets.length === 0) throw new UsageError('Say what to scale, e.g. "swarm scale 2 quotes-service=3".');
      return run([{ argv: ['docker', 'service', 'scale', ...targets] }], dryRun);
    }
    case 'ps':
      return run(
        [{ argv: ['docker', 'stack', 'services', stack] }, { argv: ['docker', 'stack', 'ps', stack] }],
        dryRun,
      );
    case 'rm':
      return run([{ argv: ['docker', 'stack', 'rm', stack] }], dryRun);
    case 'secrets': {
      // Chapter 08 on: a chapter whose stack reads secrets from files ships the script that makes them.
      const script = path.join(dir, 'stack-secrets.ts');
      if (!fs.existsSync(script))
        throw new UsageError(`Chapter ${options.chapter.number}'s stack needs no secrets files.`);
      return run([{ argv: [process.execPath, '--import', 'tsx', script, path.join(dir, 'secrets')] }], dryRun);
    }
    default:
      throw new UsageError(`Usage:\n${SWARM_USAGE}`);
  }
}

/** The image each service runs, as the stack files say after merging (no engine needed). */
async function imagesOf(files: string[], manifest: Manifest): Promise<Record<string, string>> {
  let services: Partial<MergedStack['services']>;
  if (hasCommand('docker')) {
    const merged = await mergeStack(files).catch((err: Error) => {
      throw new UsageError(err.message);
    });
    services = merged.services;
  } else {
    // No docker CLI: read stack.yml alone, only to print the commands.
    services = (YAML.parse(fs.readFileSync(files[0], 'utf8')) as MergedStack).services;
  }
  return Object.fromEntries(
    manifest.services.map((spec) => {
      const image = services[spec.name]?.image;
      if (!image) throw new UsageError(`The stack file has no image for ${spec.name}.`);
      return [spec.name, image];
    }),
  );
}

function scaleTarget(arg: string, manifest: Manifest, stack: string): string {
  const match = /^([a-z][a-z0-9-]*)=(\d{1,2})$/.exec(arg);
  if (!match) throw new UsageError(`Write SERVICE=REPLICAS, e.g. quotes-service=3 (got "${arg}").`);
  if (!manifest.services.some((s) => s.name === match[1])) {
    throw new UsageError(`Chapter ${manifest.chapter} has no service "${match[1]}".`);
  }
  return `${stack}_${match[1]}=${match[2]}`;
}

function resolveFile(file: string, dir: string): string {
  const candidates = [path.resolve(file), path.join(dir, file)];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new UsageError(`No stack file ${file} (looked in . and ${relative(dir)}).`);
  return found;
}

function hasBuildx(): boolean {
  return spawnSync('docker', ['buildx', 'version'], { encoding: 'utf8' }).status === 0;
}

function shown({ argv: [program, ...args], env }: Command): string {
  return [...Object.entries(env ?? {}).map(([k, v]) => `${k}=${v}`), commandLine(program, args)].join(' ');
}

/** Prints each command, then runs it (output shown as it comes); stops at the first failure. */
function run(commands: Command[], dryRun: boolean, after?: () => void): number {
  if (dryRun) {
    for (const command of commands) console.log(`${pc.green('$')} ${shown(command)}`);
    return 0;
  }
  if (!hasCommand('docker') || !engineAnswers()) {
    say.fail(
      hasCommand('docker')
        ? 'No Docker engine answers here (`docker info` failed), so nothing was run.'
        : 'The docker CLI is not installed here, so nothing was run.',
    );
    say.info('These are the commands, for a machine with Docker (`npm run doctor` says more):');
    for (const command of commands) console.log(`    ${pc.cyan(shown(command))}`);
    return 1;
  }
  for (const command of commands) {
    console.log(`${pc.green('$')} ${shown(command)}`);
    const [program, ...args] = command.argv;
    const result = spawnSync(program, args, { stdio: 'inherit', env: { ...process.env, ...command.env } });
    if (result.status !== 0) {
      say.fail(`${program} ${args[0]} failed (exit code ${result.status ?? result.signal}).`);
      return result.status || 1;
    }
  }
  after?.();
  return 0;
}
