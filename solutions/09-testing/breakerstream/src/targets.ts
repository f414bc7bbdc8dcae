import type { RequestHandler } from 'express';
import type { BreakerAggregator } from '../../common/discovery';

/**
 * GET /targets[?service=NAME]: every announced instance in the shape of Prometheus' HTTP service
 * discovery (`http_sd_configs`): `[{ targets: ["host:port"], labels: {...} }]`. Local replicas share
 * one port, so Prometheus learns each replica's own address here, as `tasks.NAME` gives it in Swarm.
 */
export function targetsHandler(aggregator: BreakerAggregator): RequestHandler {
  return (req, res) => {
    const service = typeof req.query.service === 'string' ? req.query.service : undefined;
    const groups = aggregator
      .view()
      .instances.filter((i) => service === undefined || i.service === service)
      .map((i) => ({ targets: [new URL(i.url).host], labels: { service: i.service } }));
    res.json(groups);
  };
}
