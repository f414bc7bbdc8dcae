/** Every error this module raises says what happened to which message, so callers can log it as is. */
export class MessagingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The publisher holds as many unconfirmed messages as it may while the broker is away: this one is refused. */
export class PublishBufferFullError extends MessagingError {}

/** The publisher was closed before the broker confirmed the message; it may or may not have arrived. */
export class PublisherClosedError extends MessagingError {}

/** Not connected, and the caller asked not to buffer (e.g. an HTTP request that must answer now). */
export class BrokerUnavailableError extends MessagingError {}

/** The broker refused the message (basic.nack), e.g. a queue at its length limit with reject-publish. */
export class PublishNackedError extends MessagingError {}

/** The broker could not route the message to any queue (mandatory publish returned). */
export class UnroutableMessageError extends MessagingError {}

/** A delivery that cannot be parsed or validated: retrying cannot help, it goes to the dead-letter queue. */
export class InvalidMessageError extends MessagingError {}

/**
 * Thrown by a message handler for a failure that may pass (a dependency briefly down): the message
 * is requeued once; failing again on redelivery, it goes to the dead-letter queue. Any other error
 * a handler throws sends the message to the dead-letter queue at once.
 */
export class RetryableError extends MessagingError {}
