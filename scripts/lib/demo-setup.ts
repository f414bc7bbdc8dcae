import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrokerNames, deleteBrokerObjects, ownBrokerNames as ownRunBrokerNames } from './rabbitmq';
import { twoDigits } from './paths';
import { say } from './ui';

export type { BrokerNames };

/**
 * Names no other run uses, for unattended demo runs (rehearsals, tests) that share the broker with
 * others, and the env that gives them to the services.
 */
export function ownBrokerNames(
  chapter: number,
  options: { discovery?: boolean } = {},
): { names: BrokerNames; env: Record<string, string> } {
  const { names, env } = ownRunBrokerNames(`demo-ch${twoDigits(chapter)}`, options);
  return { names, env };
}

/** Deletes a run's own queues and exchanges, dead-letter pair included, and says so. */
export async function deleteBrokerNames(names: BrokerNames): Promise<void> {
  await deleteBrokerObjects(names, 'demo');
  const { exchange, queue, bus, discovery } = names;
  say.info(
    `deleted this run's queues ${queue}(.dlq) and exchanges ${exchange}(.dlx), ${[bus, discovery].filter(Boolean).join(', ')}`,
  );
}

/**
 * A private copy of the chapter's config-repo/ for the demo's configserver to serve (CONFIG_REPO_DIR):
 * the demo edits it live and the committed files stay untouched. Remove it when the demo ends.
 */
export function copyConfigRepo(solutionDir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'config-repo-'));
  fs.cpSync(path.join(solutionDir, 'config-repo'), copy, { recursive: true });
  say.info(`private copy of config-repo: ${copy}`);
  return copy;
}

/** What a demo of a secured landscape (chapter 08 on) keeps of its own, removed when it ends. */
export interface SecuredRun {
  /** The authserver's keys (keys/) and the edge's certificate (tls/). */
  dir: string;
  names?: BrokerNames;
  env: Record<string, string>;
}

/**
 * Chapter 08 on: the authserver's keys and the edge's certificate in a folder of the run's own (the
 * chapter's own stay untouched), no Docker secrets; unattended runs also get broker objects of their own.
 */
export function securedRun(chapter: number, auto: boolean): SecuredRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `demo-ch${twoDigits(chapter)}-`));
  const own = auto ? ownBrokerNames(chapter, { discovery: true }) : undefined;
  return {
    dir,
    names: own?.names,
    env: {
      KEYS_DIR: path.join(dir, 'keys'),
      TLS_DIR: path.join(dir, 'tls'),
      SECRETS_DIR: path.join(dir, 'no-secrets'),
      ...own?.env,
    },
  };
}

export async function removeSecuredRun(run: SecuredRun): Promise<void> {
  fs.rmSync(run.dir, { recursive: true, force: true });
  if (run.names) await deleteBrokerNames(run.names);
}
