/** The level names logtail stores and filters by: pino's, lowest first. */
export const LEVEL_NAMES = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LevelName = (typeof LEVEL_NAMES)[number];

/** Syslog severities 0–7, as GELF's `level` carries them (0 emergency … 7 debug). */
const SYSLOG_LEVELS: readonly LevelName[] = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'info', 'info', 'debug'];

const LEVEL_ALIASES: Readonly<Record<string, LevelName>> = {
  emerg: 'fatal',
  emergency: 'fatal',
  alert: 'fatal',
  crit: 'fatal',
  critical: 'fatal',
  panic: 'fatal',
  err: 'error',
  warning: 'warn',
  notice: 'info',
  informational: 'info',
};

/** 0 for trace … 5 for fatal: `level=warn` in a query means warn and above. */
export function levelRank(level: LevelName): number {
  return LEVEL_NAMES.indexOf(level);
}

function isLevelName(value: string): value is LevelName {
  return (LEVEL_NAMES as readonly string[]).includes(value);
}

/**
 * One level name for the many ways a line says it: pino numbers (10 trace … 60 fatal), syslog
 * severities (0–7, GELF's `level`), names in any case and their syslog spellings ("WARNING", "err").
 * Undefined when the value says nothing sensible.
 */
export function normaliseLevel(value: unknown): LevelName | undefined {
  if (typeof value === 'string') {
    const name = value.trim().toLowerCase();
    if (isLevelName(name)) return name;
    if (name in LEVEL_ALIASES) return LEVEL_ALIASES[name];
    return /^\d+$/.test(name) ? normaliseLevel(Number(name)) : undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return undefined;
  if (value <= 7) return SYSLOG_LEVELS[value];
  if (value < 10) return undefined;
  if (value >= 60) return 'fatal';
  return LEVEL_NAMES[Math.floor(value / 10) - 1];
}
