import type { Logger } from 'pino';
import { type LoggerOptions, createLogger } from '../create-logger';

export interface CapturedLogger {
  logger: Logger;
  /** Everything written, exactly as it would reach stdout. */
  text(): string;
  /** Each JSON line, parsed. */
  lines(): Record<string, unknown>[];
}

/** A real logger from createLogger whose output is collected instead of written to stdout. */
export function captureLogger(options: Partial<LoggerOptions> = {}): CapturedLogger {
  const written: string[] = [];
  const logger = createLogger({
    service: 'accountservice',
    instance: '127.0.0.1#1',
    format: 'json',
    level: 'info',
    ...options,
    destination: { write: (chunk: string) => void written.push(chunk) },
  });
  return {
    logger,
    text: () => written.join(''),
    lines: () =>
      written
        .join('')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
