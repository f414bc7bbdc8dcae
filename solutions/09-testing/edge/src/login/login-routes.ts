import { randomBytes } from 'node:crypto';
import express, { type Router } from 'express';
import { sendError } from '../../../common/http';
import { PendingLogins } from './pending-logins';
import { createPkcePair } from './pkce';
import { signedInPage } from './signed-in-page';

export interface LoginSettings {
  /** Where the edge itself is reached (the callback lives here). */
  publicUrl: string;
  /** Where the browser signs in. */
  authserverPublicUrl: string;
  /** Where the edge swaps the code for a token. */
  authserverUrl: string;
  clientId: string;
  audience: string;
  scope: string;
}

const STATE_COOKIE = 'edge_login_state';

/**
 * A person signs in with the authorization code flow + PKCE: /login sends the browser to the
 * authorization server with a challenge and a `state` (also in a cookie, against login CSRF);
 * /callback checks the state, swaps the code and the verifier for an access token.
 */
export function loginRoutes(settings: LoginSettings, pending = new PendingLogins()): Router {
  const router = express.Router();
  const redirectUri = `${settings.publicUrl}/callback`;

  router.get('/login', (_req, res) => {
    const state = randomBytes(16).toString('base64url');
    const pkce = createPkcePair();
    pending.add(state, pkce.verifier);
    const url = new URL(`${settings.authserverPublicUrl}/auth`);
    url.search = new URLSearchParams({
      client_id: settings.clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: settings.scope,
      resource: settings.audience,
      state,
      code_challenge: pkce.challenge,
      code_challenge_method: pkce.method,
    }).toString();
    res.cookie(STATE_COOKIE, state, {
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
      maxAge: 5 * 60_000,
      path: '/callback',
    });
    res.redirect(303, url.toString());
  });

  router.get('/callback', async (req, res) => {
    const { code, state, error } = req.query as Record<string, string | undefined>;
    const cookieState = /(?:^|;\s*)edge_login_state=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    res.clearCookie(STATE_COOKIE, { path: '/callback' });
    if (error) return sendError(res, 400, 'LOGIN_REFUSED', `the authorization server said: ${error}`);
    const verifier = state && state === cookieState ? pending.take(state) : undefined;
    if (!code || !verifier)
      return sendError(res, 400, 'LOGIN_STATE_MISMATCH', 'unknown or expired sign-in; start again at /login');
    const tokenRes = await fetch(`${settings.authserverUrl}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: settings.clientId,
        code_verifier: verifier,
        resource: settings.audience,
      }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await tokenRes.json()) as {
      access_token?: string;
      expires_in?: number;
      scope?: string;
      error?: string;
    };
    if (!tokenRes.ok || !body.access_token) {
      return sendError(res, 502, 'TOKEN_EXCHANGE_FAILED', `the code exchange failed: ${body.error ?? tokenRes.status}`);
    }
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(signedInPage(body.access_token, body.expires_in ?? 0, body.scope ?? ''));
  });

  return router;
}
