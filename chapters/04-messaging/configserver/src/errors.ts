import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { BadNameError } from './repository/names';
import { ConfigFileError, RepositoryUnavailableError } from './repository/native-repository';

/** Every error this service answers has this shape: `{ "error": { "code", "message" } }`. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

export const unknownRoute: RequestHandler = (req, res) => {
  sendError(res, 404, 'NOT_FOUND', `No route for ${req.method} ${req.path}`);
};

export function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req, res) => {
    res.set('Allow', allowed.join(', '));
    sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here; use ${allowed.join(' or ')}`);
  };
}

interface HttpishError {
  status?: number;
  type?: string;
  message?: string;
}

/**
 * The last middleware. A bad application/profile/label name is the client's mistake (400); a
 * broken file in the repository or an unreadable repository is ours (500/503), and says which
 * file so the operator can fix it; anything else is a bug, logged and answered without details.
 */
export const errorHandler: ErrorRequestHandler = (err: HttpishError, req, res, _next) => {
  if (err instanceof BadNameError) {
    sendError(res, 400, 'INVALID_NAME', err.message);
    return;
  }
  if (err instanceof ConfigFileError) {
    console.error(`configserver: ${err.message}`);
    sendError(res, 500, 'INVALID_CONFIG_FILE', err.message);
    return;
  }
  if (err instanceof RepositoryUnavailableError) {
    sendError(res, 503, 'REPOSITORY_UNAVAILABLE', err.message);
    return;
  }
  const status = err.status ?? 500;
  if (status >= 400 && status < 500) {
    sendError(
      res,
      status,
      err.type === 'entity.parse.failed' ? 'MALFORMED_BODY' : 'BAD_REQUEST',
      err.message ?? 'Bad request',
    );
    return;
  }
  console.error(`Unhandled error on ${req.method} ${req.originalUrl}:`, err);
  sendError(res, 500, 'INTERNAL_ERROR', 'Something went wrong on our side');
};
