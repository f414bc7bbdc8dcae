import type { Route } from '../../common/http';
import type { Handlers } from './handlers';

/**
 * The Spring Cloud Config Server HTTP API (the resources its quick start lists).
 * `extra` rows go before the catch-all GET patterns: chapter 04 adds Spring Cloud Bus's
 * `POST /actuator/busrefresh` (and `/monitor`) there, without touching the rows below.
 */
export function routes(handlers: Handlers, extra: Route[] = []): Route[] {
  return [
    { name: 'HealthCheck', method: 'GET', pattern: '/health', handler: handlers.health },
    ...extra,
    { name: 'EnvironmentAsFile', method: 'GET', pattern: '/:file', handler: handlers.getFile },
    {
      name: 'EnvironmentOrLabelledFile',
      method: 'GET',
      pattern: '/:first/:second',
      handler: handlers.getEnvironmentOrLabelledFile,
    },
    {
      name: 'LabelledEnvironment',
      method: 'GET',
      pattern: '/:application/:profile/:label',
      handler: handlers.getLabelledEnvironment,
    },
  ];
}
