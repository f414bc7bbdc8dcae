/** What the console pushes to the page (GET /events, `event: snapshot`): the whole view, every second it changes. */
export interface Snapshot {
  at: string;
  chapter: number;
  title: string;
  mode: 'local' | 'swarm';
  services: ServiceView[];
  /** Edges between services seen in recent traces (chapter 06+). */
  edges?: Edge[];
  /** The newest traced requests, newest first (chapter 06+). */
  requests?: RequestView[];
  /** Every instance's breakers, from breakerstream (chapter 07+). */
  breakers?: BreakerView[];
  /** The newest log lines (chapter 05+: logtail). */
  logs?: LogLineView[];
  /** The VIP queues (chapter 04+). */
  queues?: QueueView[];
  /** The last config load or refresh each service logged (chapter 03+). */
  config?: ConfigView[];
  /** What a panel cannot show and why (e.g. "RabbitMQ: connection refused"). */
  notes: string[];
}

export interface ServiceView {
  name: string;
  url: string;
  healthy: boolean;
  /** The health URL's status, 0 when nothing answered. */
  status: number;
  replicas?: number;
  /** Swarm: tasks running. */
  running?: number;
}

export interface Edge {
  from: string;
  to: string;
  kind: 'http' | 'amqp';
  count: number;
}

export interface RequestView {
  traceId: string;
  service: string;
  name: string;
  durationMs: number;
  /** Epoch ms of the first span. */
  at: number;
  services: string[];
  error: boolean;
}

export interface BreakerView {
  service: string;
  instance: string;
  name: string;
  state: 'closed' | 'open' | 'half-open';
  reachable: boolean;
  failures: number;
  successes: number;
  fallbacks: number;
}

export interface LogLineView {
  time: string;
  service: string;
  level: string;
  msg: string;
  reqId?: string;
  traceId?: string;
  /** The request's path, for a line pino-http wrote about a request. */
  path?: string;
}

export interface QueueView {
  name: string;
  messages: number;
  consumers: number;
  /** Messages per second into and out of it, from the services' counters (chapter 07's /metrics), else undefined. */
  inPerSecond?: number;
  outPerSecond?: number;
}

export interface ConfigView {
  service: string;
  event: 'loaded' | 'refreshed';
  /** The config server's version of the files, when it gives one (a git repository); null for a native one. */
  version: string | null;
  time: string;
  detail: string;
}
