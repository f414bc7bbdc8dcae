import os from 'node:os';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { REDACTED_PATHS, REDACTION_CENSOR } from './redaction';
import { currentRequestId } from './request-context';

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  /** On every line: which service wrote it. */
  service: string;
  /** On every line: which replica ("10.0.0.5", "127.0.0.1#2"). Default: the host name. */
  instance?: string;
  /** The starting level; logging.level.* from config changes it later. Default: LOG_LEVEL or info. */
  level?: string;
  /** json (default; what logtail parses) or pretty (readable, for running one service by hand). */
  format?: LogFormat;
  /** Where lines go. Default: stdout. Tests pass a stream that collects them. */
  destination?: DestinationStream;
  /** More paths to redact, beside REDACTED_PATHS. */
  redact?: readonly string[];
}

/** LOG_FORMAT=pretty asks for readable lines; anything else is JSON. */
export function logFormatFromEnv(env: NodeJS.ProcessEnv = process.env): LogFormat {
  return env.LOG_FORMAT === 'pretty' ? 'pretty' : 'json';
}

function destinationFor(format: LogFormat, destination: DestinationStream | undefined): DestinationStream {
  // pino's own stdout writer (synchronous: no line lost when the process exits).
  if (format === 'json') return destination ?? pino.destination({ dest: 1, sync: true });
  // In-process (not a transport's worker thread): works the same under tsx, jest and a bundle.
  return pretty({ destination: destination ?? 1, sync: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' });
}

/**
 * The service's root logger: one JSON line per call with `service`, `instance`, `level` and — inside a
 * request or a consumed message — `reqId`, taken from the request context. Secrets are redacted.
 */
export function createLogger(options: LoggerOptions): Logger {
  const format = options.format ?? logFormatFromEnv();
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: options.service, instance: options.instance ?? os.hostname() },
      redact: { paths: [...REDACTED_PATHS, ...(options.redact ?? [])], censor: REDACTION_CENSOR },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId === undefined ? {} : { reqId };
      },
    },
    destinationFor(format, options.destination),
  );
}
