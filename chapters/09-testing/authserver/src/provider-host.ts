import type Provider from 'oidc-provider';
import type { JWK } from 'jose';
import type { SigningKeys } from './signing-keys';

/**
 * The current Provider. oidc-provider reads its keys once, at construction; a key rotation (or a
 * retired key being dropped) builds a new one from the new key list, with no restart: grants,
 * sessions and interactions live in its shared store, so sign-ins in progress carry on.
 */
export class ProviderHost {
  private provider: Provider;

  constructor(
    private readonly keys: SigningKeys,
    private readonly build: () => Provider,
  ) {
    this.provider = build();
  }

  get current(): Provider {
    return this.provider;
  }

  /** The public halves of the signing keys (what /jwks publishes). */
  publicJwks(): JWK[] {
    return this.keys.privateJwks.map(({ kty, n, e, crv, x, y, kid, alg, use }) => ({
      kty,
      n,
      e,
      crv,
      x,
      y,
      kid,
      alg,
      use,
    }));
  }

  rotate(): string {
    const key = this.keys.rotate();
    this.provider = this.build();
    return key.jwk.kid;
  }

  /** Drops retired keys whose tokens have all expired; rebuilds when one went. */
  prune(): void {
    if (this.keys.prune()) this.provider = this.build();
  }
}
