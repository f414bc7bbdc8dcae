import type { RequestHandler } from 'express';
import type { BreakerAggregator, LandscapeView } from './aggregator';

/**
 * GET /breakers/stream: one live Server-Sent Events stream of every instance's breakers (the
 * Hystrix dashboard's source, Turbine's output). The current view at once, then every update.
 */
export function breakerStreamHandler(aggregator: BreakerAggregator): RequestHandler {
  return (req, res) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const send = (view: LandscapeView) => res.write(`event: breakers\ndata: ${JSON.stringify(view)}\n\n`);
    send(aggregator.view());
    aggregator.on('update', send);
    const end = () => res.end();
    aggregator.once('end', end);
    // A comment line now and then keeps proxies and load balancers from closing a quiet stream.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      aggregator.off('update', send);
      aggregator.off('end', end);
    });
  };
}
