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
