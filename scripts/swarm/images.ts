import path from 'node:path';
import { type BundleResult, INSTRUMENTED_PACKAGES, bundle, distDir, imageEntries } from '../lib/bundle';
import { type ServiceSpec, readManifest } from '../lib/manifest';
import { relative } from '../lib/paths';
import { say } from '../lib/ui';
import { engineGet } from './engine-api';
import { pipeTar, run } from './exec';
import type { StackPlan } from './stack';

/** The chapter's Dockerfile takes the base image as this build argument. */
const BASE_ARG = 'BASE_IMAGE';

/** A service as its image is built: its name and port (build arguments) and the image's tag. */
export interface ImageSpec {
  name: string;
  port: number;
  image: string;
}

/** Bundles a service for its image (the chapter's own production build, scripts/lib/bundle.ts) into <service>/dist. */
export async function bundleService(chapterDir: string, spec: ServiceSpec): Promise<BundleResult> {
  // A traced service (a preload) keeps the modules its tracing patches outside the bundle.
  return bundle(imageEntries(chapterDir, spec.entry, spec.preload), distDir(chapterDir, spec.name), {
    external: spec.preload ? INSTRUMENTED_PACKAGES : [],
  });
}

/** `docker build` for one service, with the chapter's Dockerfile or `dockerfile` (the context comes last). */
export function dockerBuildArgs({ name, port, image }: ImageSpec, baseImage?: string, dockerfile?: string): string[] {
  return [
    'build',
    ...(dockerfile ? ['-f', dockerfile] : []),
    '--build-arg',
    `SERVICE=${name}`,
    '--build-arg',
    `PORT=${port}`,
    ...(baseImage ? ['--build-arg', `${BASE_ARG}=${baseImage}`] : []),
    '-t',
    image,
  ];
}

/**
 * Bundles each service and builds its image on the local base image, with the legacy builder
 * (no BuildKit on this machine). Resolves to the build time per service.
 */
export async function buildImages(plan: StackPlan, baseImage: string): Promise<Record<string, number>> {
  const manifest = readManifest(plan.chapterDir);
  const times: Record<string, number> = {};
  for (const service of plan.services) {
    const started = Date.now();
    const spec = manifest.services.find((s) => s.name === service.name);
    if (!spec) throw new Error(`${service.name} is not in landscape.yml`);
    await bundleService(plan.chapterDir, spec);
    const out = distDir(plan.chapterDir, service.name);
    say.info(`bundled ${service.name} into ${relative(out)}`);
    // The context is piped as a tar of exactly what .dockerignore means to send (the Dockerfile
    // and the bundle), whatever the builder makes of .dockerignore.
    const args = [...dockerBuildArgs(service, baseImage), '--quiet', '-'];
    await pipeTar(plan.chapterDir, ['Dockerfile', path.relative(plan.chapterDir, out)], 'docker', args, {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
      echoDir: relative(plan.chapterDir),
    });
    times[service.name] = Date.now() - started;
  }
  return times;
}

/** Every image ID the engine holds now, intermediate ones included. */
export async function imageIds(): Promise<Set<string>> {
  const images = await engineGet<{ Id: string }[]>('/images/json', { all: 'true' });
  return new Set(images.map((i) => i.Id));
}

/**
 * Removes the images this run made: its tags, then any image that did not exist before the run
 * and has no tag left (the legacy builder's intermediate images). The base image stays cached.
 */
export async function removeRunImages(plan: StackPlan, before: Set<string>, keep: string): Promise<void> {
  const tags = plan.services.map((s) => s.image);
  await run('docker', ['image', 'rm', '--force', ...tags], { allowFailure: true });
  const images = await engineGet<{ Id: string; RepoTags: string[] | null }[]>('/images/json', { all: 'true' });
  const leftovers = images.filter(
    (i) => !before.has(i.Id) && !(i.RepoTags ?? []).some((t) => t !== '<none>:<none>' && t !== keep),
  );
  const ours = leftovers.filter((i) => !(i.RepoTags ?? []).includes(keep)).map((i) => i.Id);
  if (ours.length) await run('docker', ['image', 'rm', '--force', ...ours], { echo: false, allowFailure: true });
}
