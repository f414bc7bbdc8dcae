/**
 * Paths pino replaces with "[Redacted]" in every line: credentials in HTTP headers (pino-http's
 * req/res, an axios error's config) and passwords or secrets in config objects, one or two levels
 * down (`{ amqp: { password } }`, `{ config: { amqp: { password } } }`).
 */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'err.config.headers.Authorization',
  'err.config.headers.authorization',
  'amqp.password',
  'password',
  '*.password',
  '*.*.password',
  'secret',
  '*.secret',
  '*.*.secret',
  '*["client-secret"]',
  '*.clientSecret',
];

export const REDACTION_CENSOR = '[Redacted]';
