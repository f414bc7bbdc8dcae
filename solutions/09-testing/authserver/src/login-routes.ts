import express, { type Request, type Response, type Router } from 'express';
import type Provider from 'oidc-provider';
import { sendError } from '../../common/http';
import { loginPage } from './login-page';

export interface LoginDeps {
  provider: () => Provider;
  /** The account id of the person whose username and password these are, if any. */
  checkPassword: (username: string, password: string) => string | undefined;
  /** Where a finished sign-in may go: the clients' redirect URIs (the CSP's form-action). */
  redirectUris: string[];
}

/**
 * The interaction oidc-provider sends a browser to: sign in (our page), then consent, which a
 * first-party client gets granted at once for the scopes and the API it asked for.
 */
export function loginRoutes({ provider, checkPassword, redirectUris }: LoginDeps): Router {
  const router = express.Router();
  // The form posts here, and the redirects after it end at a client's redirect URI: nowhere else.
  const formTargets = ["'self'", ...new Set(redirectUris.map((uri) => new URL(uri).origin))].join(' ');
  const PAGE_HEADERS = {
    'Content-Security-Policy': `default-src 'none'; form-action ${formTargets}; frame-ancestors 'none'; base-uri 'none'`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  router.get('/interaction/:uid', async (req, res) => {
    const details = await interaction(provider(), req, res);
    if (!details) return;
    if (details.prompt.name === 'login') {
      res
        .set(PAGE_HEADERS)
        .type('html')
        .send(loginPage(details.uid, String(details.params.client_id)));
      return;
    }
    await grantConsent(provider(), req, res, details);
  });

  router.post('/interaction/:uid/login', form, async (req, res) => {
    const details = await interaction(provider(), req, res);
    if (!details) return;
    const { username = '', password = '' } = req.body as Record<string, string | undefined>;
    const accountId = checkPassword(username, password);
    if (!accountId) {
      res.status(401).set(PAGE_HEADERS).type('html');
      res.send(loginPage(details.uid, String(details.params.client_id), 'Wrong username or password.'));
      return;
    }
    await provider().interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  });

  return router;
}

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

async function interaction(provider: Provider, req: Request, res: Response): Promise<Interaction | undefined> {
  try {
    return await provider.interactionDetails(req, res);
  } catch {
    sendError(
      res,
      400,
      'INTERACTION_EXPIRED',
      'This sign-in has expired or is unknown; start again from the application',
    );
    return undefined;
  }
}

async function grantConsent(provider: Provider, req: Request, res: Response, details: Interaction): Promise<void> {
  const { prompt, params, session, grantId } = details;
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) });
  if (!grant) {
    sendError(res, 400, 'INTERACTION_EXPIRED', 'This sign-in has expired; start again from the application');
    return;
  }
  const missing = prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  const savedGrantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId: savedGrantId } },
    { mergeWithLastSubmission: true },
  );
}
