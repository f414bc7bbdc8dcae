/** The configuration cannot be used: the service must refuse to start (or a refresh is refused). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The config server did not answer (in time, or at all); at start-up this too refuses to start. */
export class ConfigServerUnavailableError extends ConfigError {
  override name = 'ConfigServerUnavailableError';
}
