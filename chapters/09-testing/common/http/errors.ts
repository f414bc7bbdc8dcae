import type { ErrorRequestHandler, RequestHandler, Response } from 'express';

/** Every error a service answers has this shape: `{ "error": { "code", "message" } }`. */
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
 * The last middleware: client mistakes Express detected (bad JSON, too large a body, broken
 * percent-encoding) keep their 4xx status; anything else is our bug, logged here and answered
 * as a plain 500 without the stack trace.
 */
export const errorHandler: ErrorRequestHandler = (err: HttpishError, req, res, _next) => {
  const status = err.status ?? 500;
  if (status >= 400 && status < 500) {
    sendError(res, status, clientErrorCode(err), err.message ?? 'Bad request');
    return;
  }
  console.error(`Unhandled error on ${req.method} ${req.originalUrl}:`, err);
  sendError(res, 500, 'INTERNAL_ERROR', 'Something went wrong on our side');
};

function clientErrorCode(err: HttpishError): string {
  if (err.type === 'entity.too.large') return 'PAYLOAD_TOO_LARGE';
  if (err.type === 'entity.parse.failed') return 'MALFORMED_BODY';
  return 'BAD_REQUEST';
}
