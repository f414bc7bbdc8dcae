import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import amqp from 'amqplib';
import { DEFAULT_AMQP_URL } from './rabbitmq';
import { say } from './ui';

/** The broker objects a demo's services use (the dead-letter pair is named after them: .dlx, .dlq). */
export interface BrokerNames {
  exchange: string;
  queue: string;
  bus: string;
}

/**
 * Names no other run uses, for unattended demo runs (rehearsals, tests) that share the broker with
 * others, and the env that gives them to the services.
 */
export function ownBrokerNames(chapter: number): { names: BrokerNames; env: Record<string, string> } {
  const name = `demo-ch${String(chapter).padStart(2, '0')}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const names = { exchange: `${name}.vip`, queue: `${name}.vip_queue`, bus: `${name}.bus` };
  return {
    names,
    env: { VIP_EXCHANGE: names.exchange, VIP_QUEUE: names.queue, SPRING_CLOUD_BUS_DESTINATION: names.bus },
  };
}

/** Deletes a run's own queues and exchanges, dead-letter pair included, and says so. */
export async function deleteBrokerNames({ exchange, queue, bus }: BrokerNames): Promise<void> {
  const connection = await amqp.connect(process.env.AMQP_URL ?? DEFAULT_AMQP_URL);
  try {
    const channel = await connection.createChannel();
    for (const q of [queue, `${queue}.dlq`]) await channel.deleteQueue(q);
    for (const x of [exchange, `${exchange}.dlx`, bus]) await channel.deleteExchange(x);
  } finally {
    await connection.close().catch(() => undefined);
  }
  say.info(`deleted this run's queues ${queue}(.dlq) and exchanges ${exchange}(.dlx), ${bus}`);
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
