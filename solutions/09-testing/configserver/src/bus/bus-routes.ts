import express, { type NextFunction, type RequestHandler, type Response } from 'express';
import type { Route } from '../../../common/http';
import { BrokerUnavailableError } from '../../../common/messaging';
import type { BusPublisher } from './bus-publisher';
import { changedPaths, serviceNamesFor } from './monitor';

type Publish = Pick<BusPublisher, 'publishRefresh'>;

/**
 * The configserver's bus endpoints, Spring's names:
 *   POST /actuator/busrefresh                   → refresh every instance on the bus; 204
 *   POST /actuator/busrefresh/accountservice:** → refresh one service's instances (path segments join with ':'); 204
 *   POST /monitor                               → spring-cloud-config-monitor's webhook: `path=accountservice.yml`
 *                                                 (form or JSON) or a push `{commits:[{modified:[…]}]}`; 200 [services]
 * The broker away → 503 BROKER_UNAVAILABLE (nothing was sent).
 */
export function busRefreshRoutes(bus: Publish): Route[] {
  const refreshAll: RequestHandler = (_req, res, next) =>
    answer(res, next, async () => {
      await bus.publishRefresh();
      res.status(204).end();
    });
  const refreshSome: RequestHandler<{ destination: string[] }> = (req, res, next) =>
    answer(res, next, async () => {
      await bus.publishRefresh(req.params.destination.join(':'));
      res.status(204).end();
    });
  const parseForm = express.urlencoded({ extended: false, limit: '16kb' });
  const monitor: RequestHandler = (req, res, next) =>
    parseForm(req, res, (err?: unknown) => {
      if (err) return next(err);
      answer(res, next, async () => {
        const services = [...new Set(changedPaths(req.body).flatMap(serviceNamesFor))];
        for (const service of services) await bus.publishRefresh(service);
        res.json(services);
      });
    });
  return [
    { name: 'BusRefresh', method: 'POST', pattern: '/actuator/busrefresh', handler: refreshAll },
    {
      name: 'BusRefreshDestination',
      method: 'POST',
      pattern: '/actuator/busrefresh/*destination',
      handler: refreshSome as RequestHandler,
    },
    { name: 'Monitor', method: 'POST', pattern: '/monitor', handler: monitor },
  ];
}

function answer(res: Response, next: NextFunction, work: () => Promise<void>): void {
  work().catch((err: unknown) => {
    if (err instanceof BrokerUnavailableError) {
      res.status(503).json({ error: { code: 'BROKER_UNAVAILABLE', message: err.message } });
    } else {
      next(err);
    }
  });
}
