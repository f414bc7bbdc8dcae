import express from 'express';
import { type BreakerAggregator, breakerStreamHandler } from '../../common/discovery';
import { type Route, mountRoutes } from '../../common/http';
import { pageHandler } from './page';
import { targetsHandler } from './targets';

/** Builds the Express app: the stream, its JSON view, Prometheus' targets, the page. No I/O here. */
export function buildApp(aggregator: BreakerAggregator) {
  const app = express();
  app.disable('x-powered-by');
  const routes: Route[] = [
    { name: 'Page', method: 'GET', pattern: '/', handler: pageHandler },
    // Turbine's output: every instance's breakers, live (Server-Sent Events, `event: breakers`).
    { name: 'BreakerStream', method: 'GET', pattern: '/breakers/stream', handler: breakerStreamHandler(aggregator) },
    { name: 'Breakers', method: 'GET', pattern: '/breakers', handler: (_req, res) => res.json(aggregator.view()) },
    { name: 'Targets', method: 'GET', pattern: '/targets', handler: targetsHandler(aggregator) },
    { name: 'HealthCheck', method: 'GET', pattern: '/health', handler: (_req, res) => res.json({ status: 'UP' }) },
  ];
  return mountRoutes(app, routes);
}
