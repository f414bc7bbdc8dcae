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

// @exercise amqp-propagation: Inject the given context into a message's headers, and extract the context from received headers (values may be Buffers), so a consumer's span joins the publisher's trace.
// @hint Publishing, write the trace the message belongs to into its headers, the way an HTTP call writes it into request headers; receiving, read it back from the headers into a context (starting from an empty one), with a reader that copes with values that arrive as bytes.
// @hint-api propagation.inject(from, headers) writes traceparent/b3 with the global propagator and returns nothing (return the headers); propagation.extract(ROOT_CONTEXT, headers ?? {}, amqpHeaderGetter) reads them back with the getter above.
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
// @starter
// export function injectContext(headers: AmqpHeaders = {}, _from: Context = context.active()): AmqpHeaders {
//   return headers; // nothing injected yet
// }
//
// export function extractContext(_headers: AmqpHeaders | undefined): Context {
//   return propagation.extract(ROOT_CONTEXT, {}); // reads nothing yet
// }
// @end
