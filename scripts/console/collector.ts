import { EventEmitter } from 'node:events';
import { probe } from '../lib/health';
import { type LandscapeInfo, serviceOf } from './landscape-info';
import type { ConfigView, LogLineView, QueueView, ServiceView, Snapshot } from './snapshot';
import { readBreakers } from './sources/breakers';
import { configEvent, isHousekeeping, messageOf, queryLogs } from './sources/logs';
import { QueuePanel } from './sources/queues';
import { type SwarmService, readSwarm } from './sources/swarm';
import { edgesOf, isRequest, recentTraces, requestOf } from './sources/traces';

export interface CollectorOptions {
  /** Between two reads of every source. Default 1 s. */
  intervalMs?: number;
  /** Swarm mode: the services and their tasks come from the Docker engine, not from a runner's file. */
  swarm?: { stack?: string; socketPath?: string };
}

const LOG_LINES = 40;
const REQUESTS = 25;

/**
 * Reads every source of the running landscape once a second (health of each service, zipkin's
 * traces, breakerstream's breakers, logtail's lines, the queues) and emits a Snapshot when it changed.
 * A chapter shows what it has: no zipkin, no traces; no breakerstream, no breakers.
 */
export class Collector extends EventEmitter<{ snapshot: [Snapshot] }> {
  private timer?: NodeJS.Timeout;
  private last?: Snapshot;
  private lastJson = '';
  private readonly config = new Map<string, ConfigView>();
  private logCursor?: number;
  /** Whether the runner feeds the services' lines (feedLine). */
  private fed = false;
  private readonly queues = new QueuePanel();

  constructor(
    private info: LandscapeInfo,
    private readonly options: CollectorOptions = {},
  ) {
    super();
    this.setMaxListeners(1000);
  }

  get landscape(): LandscapeInfo {
    return this.info;
  }

  /** Changes what is watched (e.g. once the runner knows the ports it picked). */
  set landscape(info: LandscapeInfo) {
    this.info = info;
  }

  get snapshot(): Snapshot | undefined {
    return this.last;
  }

  start(): this {
    const tick = async () => {
      await this.collect().catch(() => undefined);
      if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs ?? 1000);
    };
    this.timer = setTimeout(tick, 0);
    return this;
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.queues.close();
  }

  /**
   * A line a service printed (when the console runs inside the runner), and when: its config loads and
   * refreshes count, in every chapter (logtail only has them from chapter 05 on).
   */
  feedLine(service: string, line: string, at = new Date()): void {
    this.fed = true;
    const { msg, time } = messageOf(line);
    const event = configEvent(service, time ?? at.toISOString(), msg);
    if (event) this.config.set(service, event);
  }

  async collect(): Promise<Snapshot> {
    const notes: string[] = [];
    const note = (what: string) => (err: unknown) => {
      notes.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    };
    const services = this.options.swarm ? await this.swarmServices().catch(note('Docker engine')) : await this.health();
    const url = (name: string) => serviceOf(this.info, name)?.url;
    const zipkin = url('zipkin');
    const logtail = url('logtail');
    const breakerstream = url('breakerstream');
    const [traces, breakers, logs, queues] = await Promise.all([
      zipkin ? recentTraces(zipkin).catch(note('traces (zipkin)')) : undefined,
      breakerstream ? readBreakers(breakerstream).catch(note('breakers (breakerstream)')) : undefined,
      logtail ? this.newLogs(logtail).catch(note('logs (logtail)')) : undefined,
      serviceOf(this.info, 'vipservice') ? this.readQueues().catch(note('queues (RabbitMQ)')) : undefined,
    ]);
    if (serviceOf(this.info, 'configserver') && !logtail && !this.fed)
      notes.push(
        'configuration: read from the lines the services print; start the console with the chapter ' +
          '(npm run chapter:N -- --console) to see them before chapter 05 (logtail)',
      );
    const snapshot: Snapshot = {
      at: new Date().toISOString(),
      chapter: this.info.chapter,
      title: this.info.title,
      mode: this.info.mode,
      services: services ?? [],
      ...(zipkin && {
        edges: traces ? edgesOf(traces) : [],
        requests: (traces ?? [])
          .flatMap((t) => {
            const request = requestOf(t);
            return request && isRequest(t, request) ? [request] : [];
          })
          .slice(0, REQUESTS),
      }),
      ...(breakerstream && { breakers: breakers ?? [] }),
      ...(logtail && { logs: logs ?? this.last?.logs ?? [] }),
      ...(serviceOf(this.info, 'vipservice') && { queues: queues ?? [] }),
      ...(serviceOf(this.info, 'configserver') && {
        config: [...this.config.values()].sort((a, b) => a.service.localeCompare(b.service)),
      }),
      notes,
    };
    this.last = snapshot;
    const { at: _at, ...content } = snapshot;
    const json = JSON.stringify(content);
    if (json !== this.lastJson) {
      this.lastJson = json;
      this.emit('snapshot', snapshot);
    }
    return snapshot;
  }

  private health(): Promise<ServiceView[]> {
    return Promise.all(
      this.info.services.map(async (s) => {
        // A URL probe cannot read (e.g. https) counts as no answer, not as the end of every panel.
        const status = await Promise.resolve()
          .then(() => probe(s.url + s.health, 800))
          .catch(() => 0);
        return {
          name: s.name,
          url: s.url,
          healthy: status === 200,
          status,
          ...(s.replicas ? { replicas: s.replicas } : {}),
        };
      }),
    );
  }

  /** Swarm: the engine's services become the landscape (their published ports are where the console reads). */
  private async swarmServices(): Promise<ServiceView[]> {
    const swarm: SwarmService[] = await readSwarm(this.options.swarm?.stack, this.options.swarm?.socketPath);
    this.info = {
      ...this.info,
      services: swarm.map((s) => ({
        name: s.name,
        url: s.publishedPort ? `http://127.0.0.1:${s.publishedPort}` : '',
        health: '/health',
        replicas: s.desired,
      })),
    };
    return swarm.map((s) => ({
      name: s.name,
      url: this.info.services.find((i) => i.name === s.name)?.url ?? '',
      healthy: s.desired > 0 && s.running >= s.desired,
      status: 0,
      replicas: s.desired,
      running: s.running,
    }));
  }

  /** The newest lines, read from where the last read stopped; config events picked out on the way. */
  private async newLogs(logtail: string): Promise<LogLineView[]> {
    const fresh = await queryLogs(logtail, { limit: 1000, ...(this.logCursor ? { since: this.logCursor } : {}) });
    const previous = this.last?.logs ?? [];
    const seen = new Set(previous.map(key));
    const added = fresh.filter((l) => !seen.has(key(l)));
    for (const line of added) {
      const event = configEvent(line.service, line.time, line.msg);
      if (event) this.config.set(line.service, event);
    }
    if (fresh.length) this.logCursor = Date.parse(fresh[fresh.length - 1].time);
    return [...previous, ...added.filter((l) => !isHousekeeping(l))].slice(-LOG_LINES);
  }

  private readQueues(): Promise<QueueView[]> {
    const metrics = this.info.services.flatMap((s) => (s.metrics ? [s.url + s.metrics] : []));
    return this.queues.read(this.info.env.VIP_QUEUE ?? 'vip_queue', metrics);
  }
}

const key = (l: LogLineView) => `${l.time}|${l.service}|${l.msg}|${l.reqId ?? ''}`;
