import type { RequestHandler } from 'express';
import type { ConnectionStatus } from '../../common/messaging';
import type { RecentVips } from './recent-vips';

export interface HandlerDeps {
  recent: Pick<RecentVips, 'list'>;
  broker: { readonly connected: boolean; readonly status: ConnectionStatus };
}

export type Handlers = ReturnType<typeof makeHandlers>;

export function makeHandlers({ recent, broker }: HandlerDeps) {
  const recentVips: RequestHandler = (_req, res) => {
    res.json(recent.list());
  };

  /** UP only while connected to the broker: an instance that cannot consume should not look healthy. */
  const health: RequestHandler = (_req, res) => {
    const { state, url, lastError, failedAttempts } = broker.status;
    if (!broker.connected) {
      const why = lastError ? `: ${lastError}` : '';
      res.status(503).json({
        status: 'DOWN',
        reason: `Not connected to RabbitMQ at ${url} (${state}, ${failedAttempts} failed attempt(s))${why}`,
      });
      return;
    }
    res.json({ status: 'UP' });
  };

  return { recentVips, health };
}
