import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { bindHostSchema } from '../../common/http';
import { DEFAULT_AMQP_URL } from '../../common/messaging';

/** The chapter's config-repo/, next to this service (the same in solutions/ and chapters/). */
export const DEFAULT_REPO_DIR = path.resolve(__dirname, '..', '..', 'config-repo');

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8888),
  /** The address to bind: 0.0.0.0 in a container, 127.0.0.1 in local mode. */
  HOST: bindHostSchema(),
  /** The folder of Spring-style YAML files to serve; relative paths are taken from the working directory. */
  CONFIG_REPO_DIR: z.string().min(1).default(DEFAULT_REPO_DIR),
  /** The broker the Spring Cloud Bus runs on (chapter 04); it may hold a password, so it is never printed. */
  AMQP_URL: z
    .string()
    .regex(/^amqps?:\/\/\S+$/, 'an amqp:// or amqps:// URL')
    .default(DEFAULT_AMQP_URL),
  /** Spring's spring.cloud.bus.destination: the bus's topic exchange. */
  SPRING_CLOUD_BUS_DESTINATION: z.string().min(1).default('springCloudBus'),
});

export interface Config {
  host: string;
  port: number;
  repoDir: string;
  amqpUrl: string;
  busExchange: string;
}

export class ConfigError extends Error {}

/** Reads the server's own settings from the environment; throws ConfigError naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const defined = Object.fromEntries(
    Object.keys(ConfigSchema.shape).flatMap((key) => (env[key] ? [[key, env[key]]] : [])),
  );
  const parsed = ConfigSchema.safeParse(defined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const shown = key === 'AMQP_URL' ? '<hidden>' : JSON.stringify(env[key]);
      return `  ${key}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration, refusing to start:\n${problems.join('\n')}`);
  }
  const repoDir = path.resolve(parsed.data.CONFIG_REPO_DIR);
  if (!fs.existsSync(repoDir) || !fs.statSync(repoDir).isDirectory()) {
    throw new ConfigError(
      `Invalid configuration, refusing to start:\n  CONFIG_REPO_DIR=${JSON.stringify(repoDir)}: no such folder`,
    );
  }
  return {
    host: parsed.data.HOST,
    port: parsed.data.PORT,
    repoDir,
    amqpUrl: parsed.data.AMQP_URL,
    busExchange: parsed.data.SPRING_CLOUD_BUS_DESTINATION,
  };
}
