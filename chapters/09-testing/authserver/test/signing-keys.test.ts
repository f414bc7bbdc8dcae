import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sameSecret } from '../src/constant-time';
import { SIGNING_KEYS_SECRET, SigningKeys } from '../src/signing-keys';

function places() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));
  return { dir, places: { keysDir: path.join(dir, 'keys'), secretsDir: path.join(dir, 'secrets'), production: false } };
}

describe('signing keys', () => {
  it('are made at first start into the keys folder, owner-only, and read back on the next', () => {
    const { dir, places: where } = places();
    const first = new SigningKeys(where, 60_000);
    const file = path.join(where.keysDir, SIGNING_KEYS_SECRET);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(new SigningKeys(where, 60_000).current.jwk.kid).toBe(first.current.jwk.kid);
    fs.rmSync(dir, { recursive: true });
  });

  it('rotate: the new key signs, the old one stays until its tokens have expired, then goes', () => {
    const { dir, places: where } = places();
    const keys = new SigningKeys(where, 60_000);
    const old = keys.current.jwk.kid;
    const fresh = keys.rotate(1_000_000).jwk.kid;
    expect(keys.privateJwks.map((jwk) => jwk.kid)).toEqual([fresh, old]);
    expect(keys.prune(1_000_000 + 59_999)).toBe(false);
    expect(keys.prune(1_000_000 + 60_000)).toBe(true);
    expect(keys.privateJwks.map((jwk) => jwk.kid)).toEqual([fresh]);
    fs.rmSync(dir, { recursive: true });
  });

  it('come from the Docker secret when present, and cannot be rotated there', () => {
    const { dir, places: where } = places();
    const keys = new SigningKeys(where, 60_000);
    fs.mkdirSync(where.secretsDir);
    fs.copyFileSync(path.join(where.keysDir, SIGNING_KEYS_SECRET), path.join(where.secretsDir, SIGNING_KEYS_SECRET));
    fs.rmSync(where.keysDir, { recursive: true });
    const fromSecret = new SigningKeys({ ...where, production: true }, 60_000);
    expect(fromSecret.current.jwk.kid).toBe(keys.current.jwk.kid);
    expect(() => fromSecret.rotate()).toThrow(/Docker secret/);
    fs.rmSync(dir, { recursive: true });
  });

  it('in production, a missing secret stops the start naming it', () => {
    const { dir, places: where } = places();
    expect(() => new SigningKeys({ ...where, production: true }, 60_000)).toThrow(
      /missing secret authserver-signing-keys/,
    );
    fs.rmSync(dir, { recursive: true });
  });
});

describe('sameSecret', () => {
  it('compares whole secrets, of any lengths', () => {
    expect(sameSecret('demo-password', 'demo-password')).toBe(true);
    expect(sameSecret('demo-passwor', 'demo-password')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });
});
