import { EventEmitter } from 'node:events';
import amqp, { type ChannelModel } from 'amqplib';
import * as Backoff from './backoff';
import { type MessagingLogger, consoleLogger } from './logger';
import { redactUrl, withHeartbeat } from './broker-url';

/**
 * Something that lives on the broker connection (a publisher, a consumer): `attach` runs on every
 * new connection, before it counts as connected (open channels, declare topology, start
 * consuming; a throw makes the attempt fail and be retried); `detach` runs once, on close, while
 * the connection is still there (stop consuming, wait for in-flight work).
 */
export interface ConnectionClient {
  attach(connection: ChannelModel): Promise<void>;
  detach(): Promise<void>;
}

export interface BrokerConnectionOptions {
  /** amqp://user:pass@host:port[/vhost] (AMQP_URL). */
  url: string;
  /** Shown in the broker's connection list (`connection_name`) and in every log line. */
  name: string;
  backoff?: Partial<Backoff.BackoffOptions>;
  /** Seconds between heartbeats unless the URL names its own. Default 10. */
  heartbeatSeconds?: number;
  logger?: MessagingLogger;
  /** Spreads the waits of replicas that lost the broker together (default Math.random; tests pass () => 1). */
  random?: () => number;
}

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'waiting' | 'closed';

export interface ConnectionStatus {
  state: ConnectionState;
  url: string;
  /** Failed attempts since the last connection that worked. */
  failedAttempts: number;
  /** Connections made so far (2 or more means it has reconnected). */
  connections: number;
  lastError?: string;
}

/**
 * One AMQP connection that keeps itself up (RabbitMQ's reliability guide: the client must notice a
 * lost connection, open a new one and re-open its channels). `start()` connects in the background
 * and reconnects after every loss with capped exponential backoff, logging each attempt; the
 * clients re-create their channels, topology and consumers on every connection. `close()` stops
 * the loop, detaches the clients gracefully and closes the connection.
 *
 * Events: 'connected' (connection number), 'disconnected' (the reason).
 */
export class BrokerConnection extends EventEmitter {
  readonly name: string;
  private readonly url: string;
  protected readonly backoff: Backoff.BackoffOptions;
  private readonly logger: MessagingLogger;
  protected readonly random: () => number;
  private readonly clients: ConnectionClient[] = [];
  private current: ChannelModel | undefined;
  private state: ConnectionState = 'idle';
  private failedAttempts = 0;
  private connections = 0;
  private lastError: string | undefined;
  private closing = false;
  private loop: Promise<void> | undefined;
  private closed: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(options: BrokerConnectionOptions) {
    super();
    this.name = options.name;
    this.url = withHeartbeat(options.url, options.heartbeatSeconds ?? 10);
    this.backoff = { ...Backoff.DEFAULT_BACKOFF, ...options.backoff };
    this.logger = options.logger ?? consoleLogger;
    this.random = options.random ?? Math.random;
  }

  /** Starts connecting in the background; never throws (watch `status`, `waitForConnected`). */
  start(): this {
    if (!this.loop && !this.closing) this.loop = this.run();
    return this;
  }

  /** Adds a client; on a live connection it is attached at once (a failure there forces a reconnect). */
  use(client: ConnectionClient): void {
    this.clients.push(client);
    const model = this.current;
    if (model) {
      client.attach(model).catch((err: Error) => this.recycle(model, `attaching a client failed: ${err.message}`));
    }
  }

  get connected(): boolean {
    return this.state === 'connected';
  }

  get status(): ConnectionStatus {
    return {
      state: this.state,
      url: redactUrl(this.url),
      failedAttempts: this.failedAttempts,
      connections: this.connections,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Resolves once connected; rejects after `timeoutMs` naming the state and the last error. */
  waitForConnected(timeoutMs: number): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onConnected = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.off('connected', onConnected);
        const { state, lastError } = this.status;
        reject(
          new Error(`amqp ${this.name}: not connected after ${timeoutMs} ms (${state}; ${lastError ?? 'no error'})`),
        );
      }, timeoutMs);
      this.once('connected', onConnected);
    });
  }

  /**
   * Closes `model` if it is still the current connection, so the loop reconnects and every client
   * sets itself up afresh. Clients call it when one of their channels dies under a live connection.
   */
  recycle(model: ChannelModel, reason: string): void {
    // A lost connection closes its channels first: let its own 'close' land before deciding.
    setImmediate(() => {
      if (this.current !== model || this.closing) return;
      this.logger.warn(`amqp ${this.name}: ${reason}; reconnecting`);
      model.close().catch(() => undefined);
    });
  }

  /** Stops reconnecting, detaches the clients (graceful), closes the connection. Idempotent. */
  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    this.wake?.();
    for (const client of [...this.clients].reverse()) {
      await client.detach().catch((err: Error) => this.logger.warn(`amqp ${this.name}: detach failed: ${err.message}`));
    }
    await this.current?.close().catch(() => undefined);
    await this.loop;
    this.state = 'closed';
    this.logger.info(`amqp ${this.name}: closed`);
  }

  /** The reconnect loop: connect, serve until the connection is lost, wait, try again — until close(). */
  private async run(): Promise<void> {
    while (!this.closing) {
      await this.connectAndServe();
      if (this.closing) break;
      const delayMs = Backoff.backoffDelay(Math.max(1, this.failedAttempts), this.backoff, this.random);
      this.logger.warn(`amqp ${this.name}: reconnecting in ${delayMs} ms (attempt ${this.failedAttempts + 1})`);
      await this.pause(delayMs);
    }
  }

  /** One connection's life: 'failed' if it never came up, 'lost' once a working connection ends. */
  private async connectAndServe(): Promise<'failed' | 'lost'> {
    this.state = 'connecting';
    let model: ChannelModel;
    try {
      // A connect that hangs (a host that drops packets) counts as a failed attempt after 10 s.
      model = await amqp.connect(this.url, { clientProperties: { connection_name: this.name }, timeout: 10_000 });
    } catch (err) {
      return this.failed(`connecting to ${redactUrl(this.url)} failed: ${(err as Error).message}`);
    }
    const lost = new Promise<Error | undefined>((resolve) => model.once('close', resolve));
    model.on('error', (err: Error) => (this.lastError = err.message));
    model.on('blocked', (reason: string) =>
      this.logger.warn(`amqp ${this.name}: broker blocked publishing: ${reason}`),
    );
    model.on('unblocked', () => this.logger.info(`amqp ${this.name}: broker unblocked publishing`));
    try {
      for (const client of this.clients) await client.attach(model);
    } catch (err) {
      await model.close().catch(() => undefined);
      return this.failed(`setting up channels failed: ${(err as Error).message}`);
    }
    if (this.closing) {
      await model.close().catch(() => undefined);
      return 'lost';
    }
    this.current = model;
    this.state = 'connected';
    this.failedAttempts = 0;
    this.connections += 1;
    this.logger.info(`amqp ${this.name}: connected to ${redactUrl(this.url)} (connection #${this.connections})`);
    this.emit('connected', this.connections);

    const reason = await lost;
    this.current = undefined;
    if (!this.closing) {
      this.state = 'waiting';
      this.lastError = reason?.message ?? 'connection closed';
      this.logger.warn(`amqp ${this.name}: connection lost: ${this.lastError}`);
      this.emit('disconnected', reason);
    }
    return 'lost';
  }

  private failed(message: string): 'failed' {
    this.state = 'waiting';
    this.failedAttempts += 1;
    this.lastError = message;
    this.logger.warn(`amqp ${this.name}: attempt ${this.failedAttempts}: ${message}`);
    return 'failed';
  }

  /** Waits `ms`, or less if close() is called meanwhile. */
  protected pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
