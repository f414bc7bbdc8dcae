import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import { ConfigError } from './config';
import { type SecretPlaces, isDockerSecret, readSecret, writeSecret } from './secrets';

export const SIGNING_KEYS_SECRET = 'authserver-signing-keys';
export const SIGNING_ALG = 'RS256';

/** A private signing key (JWK) with when it was made and, once replaced, when it stopped signing. */
export interface StoredKey {
  jwk: JWK & { kid: string };
  createdAt: number;
  retiredAt?: number;
}

/**
 * The signing keys, newest first: the first one signs, the others stay in the JWKS until every
 * token they signed has expired (retired + token lifetime + clock skew), then they are dropped.
 */
export class SigningKeys {
  private keys: StoredKey[];

  constructor(
    private readonly places: SecretPlaces,
    private readonly keepAfterRetireMs: number,
  ) {
    this.keys = parseKeys(readSecret(SIGNING_KEYS_SECRET, places, () => JSON.stringify([newKey()])));
  }

  get current(): StoredKey {
    return this.keys[0]!;
  }

  /** Private JWKs for oidc-provider's `jwks` setting, the signing key first. */
  get privateJwks(): JWK[] {
    return this.keys.map((key) => key.jwk);
  }

  /** Adds a new signing key; the previous one keeps verifying until its tokens have expired. */
  rotate(now = Date.now()): StoredKey {
    if (isDockerSecret(SIGNING_KEYS_SECRET, this.places)) {
      throw new ConfigError('the signing keys are a Docker secret: rotate them by updating the secret');
    }
    const previous = this.current;
    this.keys = [newKey(now), { ...previous, retiredAt: now }, ...this.keys.slice(1)];
    this.prune(now);
    this.save();
    return this.current;
  }

  /** Drops retired keys whose tokens have all expired; true when one went. */
  prune(now = Date.now()): boolean {
    const before = this.keys.length;
    this.keys = this.keys.filter((key) => key.retiredAt === undefined || now - key.retiredAt < this.keepAfterRetireMs);
    if (this.keys.length === before) return false;
    if (!isDockerSecret(SIGNING_KEYS_SECRET, this.places)) this.save();
    return true;
  }

  private save(): void {
    writeSecret(this.places, SIGNING_KEYS_SECRET, JSON.stringify(this.keys));
  }
}

function newKey(now = Date.now()): StoredKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return { jwk: { ...jwk, kid: randomUUID(), alg: SIGNING_ALG, use: 'sig' }, createdAt: now };
}

function parseKeys(text: string): StoredKey[] {
  const keys = JSON.parse(text) as StoredKey[];
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((key) => typeof key.jwk?.kid !== 'string' || !key.jwk.d)) {
    throw new ConfigError(`invalid secret ${SIGNING_KEYS_SECRET}: expected a JSON array of private JWKs with a kid`);
  }
  return keys;
}
