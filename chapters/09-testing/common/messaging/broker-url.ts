/** Where the broker is when AMQP_URL is not set: the local RabbitMQ with its default user. */
export const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

/** The URL without its password, for logs and health answers. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '<invalid AMQP URL>';
  }
}

/**
 * The URL amqplib is given: a heartbeat of `heartbeatSeconds` unless the URL names one, so a
 * dead TCP connection (a pulled cable, a frozen broker) is noticed in seconds, not minutes.
 */
export function withHeartbeat(url: string, heartbeatSeconds: number): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(heartbeatSeconds));
  return parsed.toString();
}
