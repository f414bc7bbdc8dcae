import fs from 'node:fs';
import path from 'node:path';
import { readManifest } from '../lib/manifest';
import { WORK_DIR } from '../lib/paths';
import type { Landscape } from '../lib/runner';

/** One service of the running landscape, as the console polls it. */
export interface ServiceInfo {
  name: string;
  /** Its base URL (local mode: http://127.0.0.1:PORT). */
  url: string;
  /** Health path, e.g. /health. */
  health: string;
  /** Prometheus metrics path (chapter 07), when it serves one. */
  metrics?: string;
  /** Replicas behind the one port (local `--replicas`), or Swarm's desired count. */
  replicas?: number;
  pid?: number;
}

/** What the console needs to know about the running landscape: written by `chapter:N`, read by `console`. */
export interface LandscapeInfo {
  chapter: number;
  title: string;
  mode: 'local' | 'swarm';
  services: ServiceInfo[];
  /** Env given to every service (e.g. VIP_QUEUE in tests and demos: the queue names to watch). */
  env: Record<string, string>;
  /** The runner's pid: a file whose runner is gone is stale. */
  pid: number;
  prometheus?: string;
}

/** Where `npm run chapter:N` says what it runs (git-ignored, like the rest of .workshop/). */
export const INFO_FILE = path.join(WORK_DIR, 'landscape.json');

export function infoFromLandscape(landscape: Landscape, env: Record<string, string> = {}): LandscapeInfo {
  return {
    chapter: landscape.manifest.chapter,
    title: landscape.manifest.title,
    mode: 'local',
    env,
    pid: process.pid,
    services: landscape.services.map((s) => ({
      name: s.spec.name,
      url: s.url,
      health: s.spec.health,
      ...(s.spec.metrics ? { metrics: s.spec.metrics } : {}),
      ...(s.replicas ? { replicas: s.replicas } : {}),
      ...(s.process.pid ? { pid: s.process.pid } : {}),
    })),
  };
}

/** A chapter's landscape at its documented ports, from its landscape.yml (when no runner wrote a file). */
export function infoFromManifest(dir: string): LandscapeInfo {
  const manifest = readManifest(dir);
  return {
    chapter: manifest.chapter,
    title: manifest.title,
    mode: 'local',
    env: {},
    pid: process.pid,
    services: manifest.services.map((s) => ({
      name: s.name,
      url: `http://127.0.0.1:${s.port}`,
      health: s.health,
      ...(s.metrics ? { metrics: s.metrics } : {}),
    })),
  };
}

export function writeInfo(info: LandscapeInfo, file = INFO_FILE): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`);
}

/** Removes the file if it still describes this process's landscape. */
export function removeInfo(file = INFO_FILE): void {
  const info = readInfo(file);
  if (info?.pid === process.pid) fs.rmSync(file, { force: true });
}

/** The file's landscape, or undefined when there is none or its runner has gone. */
export function readInfo(file = INFO_FILE): LandscapeInfo | undefined {
  if (!fs.existsSync(file)) return undefined;
  const info = JSON.parse(fs.readFileSync(file, 'utf8')) as LandscapeInfo;
  return isAlive(info.pid) ? info : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A service by name, when the landscape has it (a panel whose source is missing is not shown). */
export function serviceOf(info: LandscapeInfo, name: string): ServiceInfo | undefined {
  return info.services.find((s) => s.name === name);
}
