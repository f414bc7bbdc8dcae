/**
 * The logging kit every service imports: a pino logger with service, instance and request id on every
 * line; the request-id middleware; propagation into axios calls and AMQP headers; live levels from
 * `logging.level.*` config keys; redaction of credentials.
 */
export { createLogger, logFormatFromEnv, type LogFormat, type LoggerOptions } from './create-logger';
export { requestIdFor, requestLogging, type RequestLoggingOptions } from './http-logging';
export { type FlatConfig, LEVEL_KEY_PREFIX, LogLevelError, levelsFromConfig } from './log-levels';
export { NamedLoggers, type LevelChange } from './named-loggers';
export { propagateRequestId, runWithRequestIdFrom, withRequestIdHeader, type AmqpHeaders } from './propagation';
export { REDACTED_PATHS, REDACTION_CENSOR } from './redaction';
export { currentRequestId, runWithRequestContext, type RequestContext } from './request-context';
export { REQUEST_ID_HEADER, SANE_REQUEST_ID, acceptRequestId, newRequestId } from './request-id';
export {
  LOGGING_LIVE_KEY,
  LoggingConfigSchema,
  flatLevelKeys,
  followConfiguredLevels,
} from './levels-from-live-config';
