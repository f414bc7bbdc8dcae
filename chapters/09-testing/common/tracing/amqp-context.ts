import { type Context, ROOT_CONTEXT, type TextMapGetter, context, propagation } from '@opentelemetry/api';

/** AMQP message headers as amqplib gives them: values may be strings, Buffers, numbers… */
export type AmqpHeaders = Record<string, unknown>;

/** Reads header values as text: the propagators expect strings, amqplib may hand back Buffers. */
export const amqpHeaderGetter: TextMapGetter<AmqpHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key] ?? carrier[Object.keys(carrier).find((k) => k.toLowerCase() === key) ?? ''];
    if (value === undefined || value === null) return undefined;
    return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  },
};

/**
 * Writes the active trace context into a message's headers (traceparent, b3 …) and returns them,
 * for a path the amqplib instrumentation does not cover (e.g. a message built and sent later, or
 * a transport other than amqplib's publish).
 */
export function injectContext(headers: AmqpHeaders = {}, from: Context = context.active()): AmqpHeaders {
  propagation.inject(from, headers);
  return headers;
}

/**
 * The trace context a received message carries (ROOT_CONTEXT's when none): run the handler with
 * context.with(extractContext(msg.properties.headers), …) so its spans join the sender's trace.
 */
export function extractContext(headers: AmqpHeaders | undefined): Context {
  return propagation.extract(ROOT_CONTEXT, headers ?? {}, amqpHeaderGetter);
}
