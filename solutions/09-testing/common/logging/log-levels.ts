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
  // @exercise live-levels: Collect every logging.level.<logger> key into a map from logger name to pino level, accepting Spring's names in any case (OFF means silent) and refusing anything else with a LogLevelError that names the key.
  // @hint Read every logging.level.<logger> key, turn Spring's level names into pino's, refuse the whole change if any value is unknown, and only then apply it and report what changed.
  // @hint-api Keep keys that start with LEVEL_KEY_PREFIX and have a name after it; String(value).trim().toLowerCase() looked up in SPRING_LEVELS gives the pino level; throw new LogLevelError(`${key}: …`) when the lookup fails.
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
  // @starter
  // const root = entriesOf(config).find(([key]) => key === `${LEVEL_KEY_PREFIX}root`);
  // return new Map(root ? [['root', SPRING_LEVELS[String(root[1]).toLowerCase()] ?? 'info']] : []);
  // @end
}
