import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config';

export interface SecretPlaces {
  /** Docker secrets (read-only): a file named like the secret wins. */
  secretsDir: string;
  /** Local mode: made at first start, git-ignored, kept across restarts. */
  keysDir: string;
  production: boolean;
}

/**
 * A secret by name: the Docker secret `/run/secrets/<name>` when present; in production nothing
 * else (refuse to start, naming it); locally the file in the keys folder, made at first start.
 */
export function readSecret(name: string, places: SecretPlaces, make: () => string = randomSecret): string {
  const docker = path.join(places.secretsDir, name);
  if (fs.existsSync(docker)) return fs.readFileSync(docker, 'utf8').trim();
  if (places.production) throw new ConfigError(`missing secret ${name}: provide it as a Docker secret at ${docker}`);
  const local = path.join(places.keysDir, name);
  if (!fs.existsSync(local)) writeSecret(places, name, make());
  return fs.readFileSync(local, 'utf8').trim();
}

/** Whether the secret comes from Docker secrets (then this process may not rewrite it). */
export function isDockerSecret(name: string, places: SecretPlaces): boolean {
  return fs.existsSync(path.join(places.secretsDir, name));
}

export function writeSecret(places: SecretPlaces, name: string, value: string): void {
  fs.mkdirSync(places.keysDir, { recursive: true, mode: 0o700 });
  const file = path.join(places.keysDir, name);
  // Write then rename: a crash never leaves half a key behind.
  fs.writeFileSync(`${file}.tmp`, `${value}\n`, { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}
