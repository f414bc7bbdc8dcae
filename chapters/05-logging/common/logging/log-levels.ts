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
  // TODO(exercise live-levels): Collect every logging.level.<logger> key into a map from logger name to pino level, accepting Spring's names in any case (OFF means silent) and refusing anything else with a LogLevelError that names the key.
  // Check it with `npm run verify:5`; a hint: `npm run verify:5 -- --hint live-levels`.
  const root = entriesOf(config).find(([key]) => key === `${LEVEL_KEY_PREFIX}root`);
  return new Map(root ? [['root', SPRING_LEVELS[String(root[1]).toLowerCase()] ?? 'info']] : []);
}
