import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { makeSecrets } from '../stack-secrets';

// The files stack.yml's Docker secrets are read from: made once, every one the stack names, kept on a rerun.
const chapterDir = path.resolve(__dirname, '..');

describe('stack-secrets.ts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ch09-secrets-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a file for every file-based secret of stack.yml, private to its owner', async () => {
    const made = await makeSecrets(dir);
    const stack = YAML.parse(fs.readFileSync(path.join(chapterDir, 'stack.yml'), 'utf8')) as {
      secrets: Record<string, { file?: string }>;
    };
    const fromFiles = Object.values(stack.secrets)
      .filter((s) => s.file)
      .map((s) => path.basename(s.file as string));
    expect(made).toEqual(fromFiles.sort());
    for (const name of made) expect((fs.statSync(path.join(dir, name)).mode & 0o077).toString(8)).toBe('0');
  });

  it('makes keys that are what authserver and edge expect: a private RSA signing JWK, a certificate for localhost', async () => {
    const keys = JSON.parse(fs.readFileSync(path.join(dir, 'authserver-signing-keys'), 'utf8')) as {
      jwk: { kty: string; kid: string; d?: string };
    }[];
    expect(keys).toHaveLength(1);
    expect(keys[0]!.jwk).toMatchObject({ kty: 'RSA', kid: expect.any(String), d: expect.any(String) });
    const cert = new X509Certificate(fs.readFileSync(path.join(dir, 'edge-tls-cert')));
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.checkPrivateKey(createPrivateKey(fs.readFileSync(path.join(dir, 'edge-tls-key'))))).toBe(true);
  });

  it('keeps what is already there on a second run', async () => {
    const before = fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name), 'utf8'));
    await makeSecrets(dir);
    expect(fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))).toEqual(before);
  });
});
