import type { ErrorRequestHandler } from 'express';
import { sendError } from '../../common/http';
import { BadNameError } from './repository/names';
import { ConfigFileError, RepositoryUnavailableError } from './repository/native-repository';

/**
 * The configserver's own errors, before the common JSON error handler. A bad application/profile/
 * label name is the client's mistake (400); a broken file in the repository or an unreadable
 * repository is ours (500/503), and says which file so the operator can fix it.
 */
export const repositoryErrors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (err instanceof BadNameError) {
    sendError(res, 400, 'INVALID_NAME', err.message);
  } else if (err instanceof ConfigFileError) {
    console.error(`configserver: ${err.message}`);
    sendError(res, 500, 'INVALID_CONFIG_FILE', err.message);
  } else if (err instanceof RepositoryUnavailableError) {
    sendError(res, 503, 'REPOSITORY_UNAVAILABLE', err.message);
  } else {
    next(err);
  }
};
