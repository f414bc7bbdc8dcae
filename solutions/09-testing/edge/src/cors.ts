import type { RequestHandler } from 'express';

/**
 * CORS for the one site origin that may call the API from a browser; any other origin gets no
 * CORS headers (the browser then keeps the response from it). Preflights are answered here.
 */
export function corsFor(origin: string | undefined): RequestHandler {
  return (req, res, next) => {
    res.vary('Origin');
    if (!origin || req.headers.origin !== origin) {
      next();
      return;
    }
    res.set({
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Expose-Headers': 'WWW-Authenticate, Retry-After, X-Request-ID',
    });
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.set({
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Request-ID',
        'Access-Control-Max-Age': '600',
      });
      res.status(204).end();
      return;
    }
    next();
  };
}
