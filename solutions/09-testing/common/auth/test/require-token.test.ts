import express from 'express';
import request from 'supertest';
import { AuthError, type VerifiedToken, requireToken, verifiedToken } from '..';

// The middleware a service mounts (defence in depth), with a stub verifier: status, challenge, JSON.
const good: VerifiedToken = {
  token: 'h.p.s',
  subject: 'edge',
  clientId: 'edge',
  scopes: new Set(['accounts:read']),
  jti: 'j1',
  expiresAt: 0,
};

function app(verify: (token: string) => Promise<VerifiedToken>, isRevoked = (_jti: string) => false) {
  const service = express();
  service.get('/accounts/:id', requireToken(verify, { scope: 'accounts:read', isRevoked }), (_req, res) => {
    res.json({ client: verifiedToken(res)?.clientId });
  });
  return service;
}

describe('requireToken', () => {
  it('[auth-scope] passes a verified token with the scope on to the handler', async () => {
    const res = await request(app(async () => good))
      .get('/accounts/1')
      .set('Authorization', 'Bearer h.p.s');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ client: 'edge' });
  });

  it('[auth-scope] answers 403 insufficient_scope naming the scope when it is missing', async () => {
    const res = await request(app(async () => ({ ...good, scopes: new Set(['other']) })))
      .get('/accounts/1')
      .set('Authorization', 'Bearer h.p.s');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: { code: 'insufficient_scope', message: 'the token lacks the scope accounts:read' },
    });
    expect(res.headers['www-authenticate']).toContain('scope="accounts:read"');
  });

  it("answers 401 with the verifier's reason, and for a revoked token", async () => {
    const refused = await request(
      app(async () => Promise.reject(new AuthError('invalid_token', 'the token has expired'))),
    )
      .get('/accounts/1')
      .set('Authorization', 'Bearer h.p.s');
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe(
      'Bearer realm="lean-and-mean", error="invalid_token", error_description="the token has expired"',
    );
    const revoked = await request(
      app(
        async () => good,
        (jti) => jti === 'j1',
      ),
    )
      .get('/accounts/1')
      .set('Authorization', 'Bearer h.p.s');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.message).toBe('the token has been revoked');
  });
});
