import type { Response } from 'express';
import { sendError } from '../http';

/** Why a request was refused, in RFC 6750's terms: the status, `error` and its description. */
export class AuthError extends Error {
  constructor(
    readonly code: 'invalid_token' | 'insufficient_scope' | 'missing_token',
    message: string,
    /** For insufficient_scope: the scope the resource needs (it goes into WWW-Authenticate). */
    readonly scope?: string,
  ) {
    super(message);
  }

  get status(): 401 | 403 {
    return this.code === 'insufficient_scope' ? 403 : 401;
  }
}

/**
 * 401 / 403 with `WWW-Authenticate: Bearer …` (RFC 6750 §3) and the landscape's JSON error. A
 * request with no credentials gets no error code, as the RFC asks: it may simply not know yet.
 */
export function sendAuthError(res: Response, err: AuthError, realm = 'lean-and-mean'): void {
  const params = [`realm="${realm}"`];
  if (err.code !== 'missing_token') params.push(`error="${err.code}"`, `error_description="${quoted(err.message)}"`);
  if (err.scope) params.push(`scope="${quoted(err.scope)}"`);
  res.set('WWW-Authenticate', `Bearer ${params.join(', ')}`);
  sendError(res, err.status, err.code, err.message);
}

function quoted(text: string): string {
  return text.replace(/["\\]/g, "'");
}
