import type { RequestHandler } from 'express';

/**
 * Headers every edge response carries (what helmet would set, written out): HTTPS only for a year
 * (HSTS, when we serve TLS), no MIME sniffing, never framed, no referrer leaks, and a CSP that
 * lets our pages load only from us.
 */
export function securityHeaders(tls: boolean): RequestHandler {
  return (_req, res, next) => {
    if (tls) res.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    res.set({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Content-Security-Policy':
        "default-src 'none'; connect-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    });
    res.removeHeader('X-Powered-By');
    next();
  };
}
