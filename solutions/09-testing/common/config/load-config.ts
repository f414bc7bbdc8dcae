import type { z } from 'zod';
import { ConfigError, ConfigServerUnavailableError } from './errors';
import { type EnvironmentRequest, environmentUrl, fetchEnvironment } from './fetch-environment';
import { canonicalKey, keyWithin } from './keys';
import { mergeSources } from './merge';
import { applyOverrides, pickKnown, shapeLists } from './overrides';
import { type RefreshResult, planRefresh } from './refresh';
import { DEFAULT_RETRY, type RetryOptions, withRetry } from './retry';
import { type SchemaKey, schemaKeys } from './schema-keys';
import type { SpringEnvironment } from './spring-environment';
import { type Leaves, deepFreeze, leavesOf, toTree } from './tree';
import { validate } from './validate';

export interface ConfigLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface LoadConfigOptions<S extends z.ZodType> {
  /** Spring's {application}: the service's name, e.g. 'accountservice'. */
  application: string;
  /** Spring's {profile}: 'dev', or several comma-separated ('dev,docker': the last one wins). */
  profile: string;
  /** Where the config server is, e.g. http://127.0.0.1:8888 (CONFIG_SERVER_URL). */
  serverUrl: string;
  /** Spring's {label} (a git branch on a git-backed server); omitted by default. */
  label?: string;
  /** The service's configuration, camelCase keys (`quotes.timeoutMs` for `quotes.timeout-ms`). */
  schema: S;
  /** Keys (or prefixes: `quotes` covers `quotes.language`) safe to change while running. */
  liveKeys?: string[];
  /** Keys that are secrets: read from `<secretsDir>/<key_with_underscores>` or env, never from the server. */
  secrets?: string[];
  /** Where Docker secrets are mounted. Default /run/secrets. */
  secretsDir?: string;
  /** The environment to take overrides from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** More variable names for keys. Default { PORT: 'server.port' }. */
  envAliases?: Record<string, string>;
  /** How long to retry at start while the server is not up. Default 30 s (overrides retry.maxWaitMs). */
  maxWaitMs?: number;
  retry?: Partial<RetryOptions>;
  /** Per request. Default 5 s. */
  requestTimeoutMs?: number;
  /** Default: console. Never receives a secret's value. */
  logger?: ConfigLogger;
}

/** The configuration of a running service: typed, current, and refreshable. */
export interface LiveConfig<T> {
  /** The configuration in effect (frozen; a refresh replaces it, so read it where you use it). */
  readonly current: T;
  /** The property sources the config server answered with, most specific first. */
  readonly sources: string[];
  /** Re-fetches once and applies the keys safe to change live (serialised: one refresh at a time). */
  refresh(): Promise<RefreshResult>;
  /** Called after a refresh that changed something; returns the unsubscribe function. */
  onChange(listener: (config: T, changed: string[]) => void): () => void;
}

export const DEFAULT_ENV_ALIASES: Record<string, string> = { PORT: 'server.port', HOST: 'server.host' };

/**
 * Fetches `{serverUrl}/{application}/{profile}[/{label}]` (retrying with backoff while the server
 * is not up), merges the property sources by precedence, applies environment and secret overrides,
 * and validates the result against the service's schema. Throws ConfigError (the service must
 * refuse to start) with a message naming what is wrong.
 */
export async function loadConfig<S extends z.ZodType>(options: LoadConfigOptions<S>): Promise<LiveConfig<z.output<S>>> {
  const logger = options.logger ?? { info: console.log, warn: console.warn };
  const keys = schemaKeys(options.schema);
  const secrets = (options.secrets ?? []).map(canonicalKey);
  for (const secret of secrets) {
    if (!keys.some((k) => k.key === secret)) throw new Error(`Secret ${secret} is not a key of the schema`);
  }
  const liveKeys = (options.liveKeys ?? []).map(canonicalKey);
  const isLive = (key: string) => liveKeys.some((live) => keyWithin(key, live));
  const request: EnvironmentRequest = {
    serverUrl: options.serverUrl,
    application: options.application,
    profile: options.profile,
    label: options.label,
    timeoutMs: options.requestTimeoutMs ?? 5000,
  };
  const retry: RetryOptions = {
    ...DEFAULT_RETRY,
    ...options.retry,
    ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
  };
  const build = (environment: SpringEnvironment) =>
    effectiveConfig(environment, keys, secrets, {
      env: options.env ?? process.env,
      aliases: options.envAliases ?? DEFAULT_ENV_ALIASES,
      secretsDir: options.secretsDir ?? '/run/secrets',
    });
  const check = (effective: Effective) =>
    validate({
      schema: options.schema,
      leaves: effective.leaves,
      origins: effective.origins,
      secrets: new Set(secrets),
    });

  const url = environmentUrl(request);
  logger.info(`config: fetching ${url}`);
  const environment = await fetchAtStart(request, retry, logger);
  const first = build(environment);
  let current: z.output<S> = deepFreeze(check(first));
  let applied: Leaves = first.leaves;
  let sources = environment.propertySources.map((source) => source.name);
  logger.info(describeLoad(url, environment, first.overrides));

  const listeners = new Set<(config: z.output<S>, changed: string[]) => void>();
  async function refreshOnce(): Promise<RefreshResult> {
    const fetched = await fetchEnvironment(request);
    const next = build(fetched);
    check(next); // a broken repository is refused as a whole, before anything is applied
    const plan = planRefresh({ applied, next: next.leaves, isLive });
    current = deepFreeze(check({ ...next, leaves: plan.leaves }));
    applied = plan.leaves;
    sources = fetched.propertySources.map((source) => source.name);
    logger.info(
      `config: refreshed from ${url}: changed [${plan.changed.join(', ')}]` +
        (plan.needsRestart.length ? `; needs a restart [${plan.needsRestart.join(', ')}]` : ''),
    );
    if (plan.changed.length) {
      for (const listener of listeners) {
        try {
          listener(current, plan.changed);
        } catch (err) {
          logger.warn(`config: a change listener failed: ${(err as Error).message}`);
        }
      }
    }
    return { changed: plan.changed, needsRestart: plan.needsRestart };
  }

  /** A refused refresh changes nothing: say so in the log, and in the error the caller gets. */
  async function refreshLogged(): Promise<RefreshResult> {
    try {
      return await refreshOnce();
    } catch (err) {
      const message = (err as Error).message.replace('refusing to start', 'refresh refused, nothing changed');
      logger.warn(`config: refresh from ${url} failed, the running configuration stays: ${message}`);
      if (err instanceof ConfigError && !(err instanceof ConfigServerUnavailableError)) throw new ConfigError(message);
      throw err;
    }
  }

  let queue: Promise<unknown> = Promise.resolve();
  return {
    get current() {
      return current;
    },
    get sources() {
      return sources;
    },
    refresh() {
      const run = queue.then(refreshLogged, refreshLogged);
      queue = run.catch(() => undefined);
      return run;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

interface Effective {
  leaves: Leaves;
  origins: Map<string, string>;
  overrides: Map<string, string>;
}

/** Merge by precedence, then env and secret overrides, then keep what the schema declares. */
function effectiveConfig(
  environment: SpringEnvironment,
  keys: SchemaKey[],
  secrets: string[],
  options: { env: NodeJS.ProcessEnv; aliases: Record<string, string>; secretsDir: string },
): Effective {
  const merged = mergeSources(environment.propertySources);
  const all = leavesOf(toTree(Object.entries(merged.values)));
  const overrides = applyOverrides(all, merged.origins, keys, { ...options, secrets });
  const leaves = pickKnown(all, keys);
  shapeLists(leaves, keys);
  return { leaves, origins: merged.origins, overrides };
}

async function fetchAtStart(request: EnvironmentRequest, retry: RetryOptions, logger: ConfigLogger) {
  let attempts = 1;
  try {
    return await withRetry(
      () => fetchEnvironment(request),
      retry,
      (error) => error instanceof ConfigServerUnavailableError,
      ({ attempt, error, delayMs }) => {
        attempts = attempt + 1;
        logger.warn(`config: attempt ${attempt} failed: ${error.message}; retrying in ${delayMs} ms`);
      },
    );
  } catch (err) {
    if (err instanceof ConfigServerUnavailableError) {
      throw new ConfigServerUnavailableError(
        `Refusing to start: no configuration from ${environmentUrl(request)} after ${attempts} attempt(s) ` +
          `in ${Math.round(retry.maxWaitMs / 100) / 10} s; last error: ${err.message}`,
      );
    }
    if (err instanceof ConfigError) throw new ConfigError(`Refusing to start: ${err.message}`);
    throw err;
  }
}

function describeLoad(url: string, environment: SpringEnvironment, overrides: Map<string, string>): string {
  const names = environment.propertySources.map((source) => source.name);
  const version = environment.version ? ` (version ${environment.version})` : '';
  const overridden = [...overrides].map(([key, origin]) => `${key} ← ${origin}`);
  return (
    `config: loaded ${url}${version} from ${names.length} source(s): ${names.join(', ') || 'none'}` +
    (overridden.length ? `; overridden: ${overridden.join(', ')}` : '')
  );
}
