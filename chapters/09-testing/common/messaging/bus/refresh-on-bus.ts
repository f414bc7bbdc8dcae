import type { BrokerConnection } from '../broker-connection';
import { type MessagingLogger, consoleLogger } from '../logger';
import { busIdFor } from './bus-event';
import { BusListener } from './bus-listener';

/** What a refresh needs from chapter 03's LiveConfig (kept structural: messaging does not import config). */
export interface Refreshable {
  refresh(): Promise<{ changed: string[]; needsRestart: string[] }>;
}

export interface RefreshOnBusOptions {
  /** Spring's application name and profile: destinations like `accountservice:**` match on them. */
  application: string;
  profile: string;
  port: number;
  /** Default springCloudBus; tests use their own. */
  exchange?: string;
  logger?: MessagingLogger;
}

/**
 * Spring Cloud Bus for one service instance: a refresh event addressed to it re-fetches its
 * configuration (chapter 03's `config.refresh()`), exactly as `POST /actuator/refresh` does.
 */
export function refreshOnBus(broker: BrokerConnection, config: Refreshable, options: RefreshOnBusOptions): BusListener {
  const logger = options.logger ?? consoleLogger;
  return new BusListener(broker, {
    busId: busIdFor(options.application, options.profile, options.port),
    exchange: options.exchange,
    logger,
    onRefresh: async () => {
      const { changed, needsRestart } = await config.refresh();
      const restart = needsRestart.length ? `; needs a restart: [${needsRestart.join(', ')}]` : '';
      logger.info(`bus: config refreshed: changed [${changed.join(', ')}]${restart}`);
    },
  });
}
