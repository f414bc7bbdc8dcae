/**
 * Chapter 08: the Docker secrets stack.yml reads from files — authserver's signing keys, cookie key,
 * the service clients' secrets and the demo person's password, and the edge's TLS key and
 * certificate — made once into a folder that git ignores (secrets/ beside stack.yml). A file that
 * is already there is kept, so running it again changes nothing; delete one to make it anew.
 *
 *   npm run swarm -- secrets 9          (or: npx tsx solutions/09-testing/stack-secrets.ts DIR)
 */
import fs from 'node:fs';
import path from 'node:path';
import { SERVICE_CLIENTS } from './authserver/src/clients';
import { readSecret } from './authserver/src/secrets';
import { SigningKeys } from './authserver/src/signing-keys';
import { loadOrCreateTls } from './edge/src/tls';

export async function makeSecrets(dir: string): Promise<string[]> {
  // The same code authserver and edge use at a local first start, pointed at the secrets folder.
  const places = { keysDir: dir, secretsDir: path.join(dir, '.none'), production: false };
  new SigningKeys(places, 0);
  readSecret('authserver-cookie-key', places);
  for (const client of Object.keys(SERVICE_CLIENTS)) readSecret(`client-secret-${client}`, places);
  readSecret('demo-user-password', places);
  const tlsDir = path.join(dir, '.edge-tls');
  const tls = await loadOrCreateTls(tlsDir, places.secretsDir);
  for (const [name, pem] of [
    ['edge-tls-key', tls.key],
    ['edge-tls-cert', tls.cert],
  ] as const) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) fs.writeFileSync(file, pem, { mode: 0o600 });
  }
  fs.rmSync(tlsDir, { recursive: true, force: true });
  return fs
    .readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort();
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, 'secrets'));
  makeSecrets(dir).then(
    (names) => console.log(`Docker secrets in ${dir} (git-ignored): ${names.join(', ')}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
