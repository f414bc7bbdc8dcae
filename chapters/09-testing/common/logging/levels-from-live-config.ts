import type { Logger } from 'pino';
import { z } from 'zod';
import { LEVEL_KEY_PREFIX } from './log-levels';
import type { LevelChange, NamedLoggers } from './named-loggers';

/**
 * `logging.level.<logger>: <level>` in the config repository, as a service's schema declares it
 * (spread into the schema: `logging: LoggingConfigSchema`). A map: its keys are logger names.
 */
export const LoggingConfigSchema = z.object({ level: z.record(z.string(), z.string()).default({}) }).prefault({});

/** The live key to add to a service's LIVE_KEYS: every `logging.level.*` applies without a restart. */
export const LOGGING_LIVE_KEY = 'logging.level';

/** The schema's `{ root: 'info', amqp: 'warn' }` as the flat keys NamedLoggers.applyLevels reads. */
export function flatLevelKeys(level: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(level).map(([name, value]) => [`${LEVEL_KEY_PREFIX}${name}`, value]));
}

interface LiveLoggingConfig {
  readonly current: { readonly logging: { readonly level: Readonly<Record<string, string>> } };
  onChange(
    listener: (config: { readonly logging: { readonly level: Readonly<Record<string, string>> } }) => void,
  ): unknown;
}

function describe(changes: LevelChange[]): string {
  return changes.map(({ logger, from, to }) => `${logger} ${from} → ${to}`).join(', ');
}

/**
 * Applies the configured levels now (a bad level throws: the service refuses to start) and again
 * after every refresh, local or over the bus, so a level changes with no restart. Each change is
 * logged at warn (so it shows whatever the new level is).
 */
export function followConfiguredLevels(loggers: NamedLoggers, config: LiveLoggingConfig, log: Logger = loggers.root) {
  const apply = (level: Readonly<Record<string, string>>) => {
    const changes = loggers.applyLevels(flatLevelKeys(level));
    if (changes.length) log.warn(`logging: levels changed: ${describe(changes)}`);
  };
  apply(config.current.logging.level);
  config.onChange((next) => apply(next.logging.level));
}
