import { type RequestHandler, Router } from 'express';
import { ConfigError, ConfigServerUnavailableError } from './errors';
import type { LiveConfig } from './load-config';

type Refreshable = Pick<LiveConfig<unknown>, 'refresh'>;

/**
 * `POST /actuator/refresh` (Spring Boot Actuator's name): re-fetches the configuration and answers
 *   200 { changed: [...], needsRestart: [...] }
 *   503 CONFIG_SERVER_UNAVAILABLE when the config server does not answer (nothing changes)
 *   422 INVALID_CONFIG naming the bad key when the new configuration is invalid (nothing changes)
 * For a routes table: { name: 'Refresh', method: 'POST', pattern: '/actuator/refresh', handler: refreshHandler(config) }.
 */
export function refreshHandler(config: Refreshable): RequestHandler {
  return async (_req, res, next) => {
    try {
      res.json(await config.refresh());
    } catch (err) {
      if (err instanceof ConfigServerUnavailableError) {
        res.status(503).json({ error: { code: 'CONFIG_SERVER_UNAVAILABLE', message: err.message } });
      } else if (err instanceof ConfigError) {
        res.status(422).json({ error: { code: 'INVALID_CONFIG', message: err.message } });
      } else {
        next(err);
      }
    }
  };
}

/** The same as a router to mount before the app's unknown-route handler: `app.use(refreshRouter(config))`. */
export function refreshRouter(config: Refreshable): Router {
  const router = Router();
  router.post('/actuator/refresh', refreshHandler(config));
  return router;
}
