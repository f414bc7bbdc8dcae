/**
 * The config client every service imports (goblog's common/config): fetch from a Spring Cloud
 * Config Server, merge by precedence, override from env and Docker secrets, validate, refresh.
 * See README.md beside this file.
 */
export { clientSettingsFromEnv, type ClientSettings } from './settings';
export { ConfigError, ConfigServerUnavailableError } from './errors';
export {
  DEFAULT_ENV_ALIASES,
  loadConfig,
  type ConfigLogger,
  type LiveConfig,
  type LoadConfigOptions,
} from './load-config';
export { envName, secretFileName } from './keys';
export { refreshHandler, refreshRouter } from './refresh-route';
export type { RefreshResult } from './refresh';
export { configBoolean } from './schema-helpers';
export { serviceKeys } from './service-keys';
