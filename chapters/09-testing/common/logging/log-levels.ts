import type { LevelWithSilent } from 'pino';

/** Spring's level names (any case) and the pino level each means; OFF silences a logger. */
const SPRING_LEVELS: Readonly<Record<string, LevelWithSilent>> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
  off: 'silent',
};

export const LEVEL_KEY_PREFIX = 'logging.level.';

export class LogLevelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogLevelError';
  }
}

/** A flattened configuration ("logging.level.root" → "info"), as a Map or a plain object. */
export type FlatConfig = ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>;

function entriesOf(config: FlatConfig): [string, unknown][] {
  return config instanceof Map ? [...config.entries()] : Object.entries(config);
}

/**
 * The level each named logger should have, from Spring-style keys: `logging.level.root: info`,
 * `logging.level.accountservice: debug`, `logging.level.amqp: warn`. Other keys are ignored; a
 * value that is not a level throws, naming the key, before anything is applied.
 */
export function levelsFromConfig(config: FlatConfig): Map<string, LevelWithSilent> {
  const levels = new Map<string, LevelWithSilent>();
  for (const [key, value] of entriesOf(config)) {
    if (!key.startsWith(LEVEL_KEY_PREFIX) || key.length === LEVEL_KEY_PREFIX.length) continue;
    const level = SPRING_LEVELS[String(value).trim().toLowerCase()];
    if (level === undefined) {
      const allowed = Object.keys(SPRING_LEVELS).join(', ');
      throw new LogLevelError(`${key}: ${JSON.stringify(value)} is not a level (${allowed})`);
    }
    levels.set(key.slice(LEVEL_KEY_PREFIX.length), level);
  }
  return levels;
}
