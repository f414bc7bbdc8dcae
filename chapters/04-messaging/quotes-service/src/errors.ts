import type { ErrorRequestHandler, RequestHandler, Response } from 'express';

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

/** The last middleware: a client mistake Express detected keeps its 4xx; anything else is a plain 500. */
export const errorHandler: ErrorRequestHandler = (err: { status?: number; message?: string }, req, res, _next) => {
  const status = err.status ?? 500;
  if (status >= 400 && status < 500) {
    sendError(res, status, 'BAD_REQUEST', err.message ?? 'Bad request');
    return;
  }
  console.error(`Unhandled error on ${req.method} ${req.originalUrl}:`, err);
  sendError(res, 500, 'INTERNAL_ERROR', 'Something went wrong on our side');
};
