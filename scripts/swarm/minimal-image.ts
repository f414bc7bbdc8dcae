import path from 'node:path';
import { pollUntil } from '../lib/poll';
import { relative } from '../lib/paths';
import { distDir } from '../lib/bundle';
import { docker, inspectImage } from './docker';
import { pipeTar, run } from './exec';
import { type ImageSpec, dockerBuildArgs } from './images';

/** The chapter's smallest image: FROM scratch, the node binary, the libraries it links, one bundle. */
const DOCKERFILE = 'Dockerfile.minimal';
/** The one container this step runs at a time (the run's tear-down removes it too). */
export const MINIMAL_CONTAINER = 'ch02ci-minimal';

/** One image run alone: how it started and whether it works. */
export interface ImageRun {
  image: string;
  MiB: number;
  /** `docker run` to the first 200 from /health through the published port. */
  startToFirst200Ms: number;
  /** Docker's own HEALTHCHECK (`node healthcheck.js`, no shell involved) said healthy. */
  healthCheckPassed: boolean;
  /** The status of one request to the service's API (it serves, not only starts). */
  apiStatus: number;
}

export interface MinimalImageReport {
  service: string;
  apiPath: string;
  minimal: ImageRun;
  /** The same service's regular image (Debian base + bundle), run the same way. */
  regular: ImageRun;
}

/** The minimal image's tag beside the regular one: local/quotes-service:ch02-ci → local/quotes-service:ch02-minimal. */
export function minimalTag(image: string): string {
  return image.replace(/:[^:/]+$/, '') + ':ch02-minimal';
}

/**
 * Builds `service`'s image from Dockerfile.minimal on the same base image (its bundle is already in
 * <service>/dist from the regular build), then runs it and the regular image one after the other, the
 * same way (see runAlone), and removes the minimal image (the build stage's untagged images go with
 * the run's other leftovers at tear-down).
 */
export async function tryMinimalImage(
  chapterDir: string,
  service: ImageSpec,
  baseImage: string,
  apiPath: string,
): Promise<MinimalImageReport> {
  const image = minimalTag(service.image);
  const dist = path.relative(chapterDir, distDir(chapterDir, service.name));
  const args = [...dockerBuildArgs({ ...service, image }, baseImage, DOCKERFILE), '--quiet', '-'];
  await pipeTar(chapterDir, [DOCKERFILE, dist], 'docker', args, {
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    echoDir: relative(chapterDir),
  });
  try {
    const minimal = await runAlone(image, service.port, apiPath);
    const regular = await runAlone(service.image, service.port, apiPath);
    return { service: service.name, apiPath, minimal, regular };
  } finally {
    await run('docker', ['image', 'rm', '--force', image], { echo: false, allowFailure: true });
  }
}

/**
 * Runs an image alone with its port published on loopback, waits for /health and for Docker's health
 * check, asks `apiPath` once and removes the container.
 */
async function runAlone(image: string, port: number, apiPath: string): Promise<ImageRun> {
  const info = await inspectImage(image);
  if (!info) throw new Error(`${image} does not exist`);
  await run('docker', ['rm', '--force', MINIMAL_CONTAINER], { echo: false, allowFailure: true });
  const started = Date.now();
  await docker(['run', '--detach', '--name', MINIMAL_CONTAINER, '--publish', `127.0.0.1::${port}`, image]);
  try {
    const published = (await docker(['port', MINIMAL_CONTAINER, `${port}/tcp`], false)).split('\n')[0].trim();
    const url = `http://${published}`;
    await pollUntil(
      `${image} to answer ${url}/health`,
      async () => ((await fetch(`${url}/health`).catch(() => undefined))?.status === 200 ? true : undefined),
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    const startToFirst200Ms = Date.now() - started;
    const health = await pollUntil(
      `Docker's health check of ${image}`,
      async () => {
        const status = (
          await docker(['inspect', '--format', '{{.State.Health.Status}}', MINIMAL_CONTAINER], false)
        ).trim();
        return status === 'starting' ? undefined : status;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const answer = await fetch(`${url}${apiPath}`);
    return {
      image,
      MiB: mib(info.Size),
      startToFirst200Ms,
      healthCheckPassed: health === 'healthy',
      apiStatus: answer.status,
    };
  } catch (err) {
    const logs = await run('docker', ['logs', '--tail', '20', MINIMAL_CONTAINER], { echo: false, allowFailure: true });
    throw new Error(`${(err as Error).message}\n${image}'s last lines:\n${logs.stdout}${logs.stderr}`, { cause: err });
  } finally {
    await run('docker', ['rm', '--force', MINIMAL_CONTAINER], { echo: false, allowFailure: true });
  }
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
