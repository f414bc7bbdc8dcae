import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../errors';
import { applyOverrides, pickKnown, shapeLists } from '../overrides';
import type { SchemaKey } from '../schema-keys';

const KEYS: SchemaKey[] = [
  { key: 'server.port', kind: 'value' },
  { key: 'quotes.timeout-ms', kind: 'value' },
  { key: 'quotes.service-url', kind: 'value' },
  { key: 'accounts.vip-ids', kind: 'list' },
  { key: 'amqp.password', kind: 'value' },
  { key: 'hystrix', kind: 'map' },
];

function served(): { leaves: Map<string, unknown>; origins: Map<string, string> } {
  return {
    leaves: new Map<string, unknown>([
      ['server.port', 6767],
      ['quotes.timeout-ms', 1000],
      ['accounts.vip-ids', ['10000']],
    ]),
    origins: new Map([
      ['server.port', 'file:/repo/accountservice.yml'],
      ['quotes.timeout-ms', 'file:/repo/accountservice.yml'],
      ['accounts.vip-ids', 'file:/repo/accountservice.yml'],
    ]),
  };
}

describe('environment overrides', () => {
  const options = { aliases: { PORT: 'server.port' }, secrets: [], secretsDir: '/nonexistent' };

  it('lets QUOTES_TIMEOUT_MS override quotes.timeout-ms, and records where the value came from', () => {
    const { leaves, origins } = served();
    const applied = applyOverrides(leaves, origins, KEYS, { ...options, env: { QUOTES_TIMEOUT_MS: '250' } });
    expect(leaves.get('quotes.timeout-ms')).toBe('250');
    expect(origins.get('quotes.timeout-ms')).toBe('env QUOTES_TIMEOUT_MS');
    expect(Object.fromEntries(applied)).toEqual({ 'quotes.timeout-ms': 'env QUOTES_TIMEOUT_MS' });
  });

  it('sets a key the config server does not serve at all (QUOTES_SERVICE_URL in local mode)', () => {
    const { leaves, origins } = served();
    applyOverrides(leaves, origins, KEYS, { ...options, env: { QUOTES_SERVICE_URL: 'http://127.0.0.1:9999' } });
    expect(leaves.get('quotes.service-url')).toBe('http://127.0.0.1:9999');
  });

  it('takes an alias (PORT for server.port) before the key’s own name', () => {
    const { leaves, origins } = served();
    applyOverrides(leaves, origins, KEYS, { ...options, env: { PORT: '7001', SERVER_PORT: '7002' } });
    expect(leaves.get('server.port')).toBe('7001');
    expect(origins.get('server.port')).toBe('env PORT');
  });

  it('treats an empty variable as unset and ignores variables for keys the schema does not declare', () => {
    const { leaves, origins } = served();
    const applied = applyOverrides(leaves, origins, KEYS, {
      ...options,
      env: { QUOTES_TIMEOUT_MS: '', LOGGING_LEVEL: 'debug', HYSTRIX: 'x' },
    });
    expect(leaves.get('quotes.timeout-ms')).toBe(1000);
    expect(leaves.has('logging.level')).toBe(false);
    expect(leaves.has('hystrix')).toBe(false);
    expect(applied.size).toBe(0);
  });

  it('reads a comma-separated variable for a list key as a list', () => {
    const { leaves, origins } = served();
    applyOverrides(leaves, origins, KEYS, { ...options, env: { ACCOUNTS_VIP_IDS: '10000, 10042,,10099' } });
    shapeLists(leaves, KEYS);
    expect(leaves.get('accounts.vip-ids')).toEqual(['10000', '10042', '10099']);
  });

  it('reads the "" Spring serves for an empty list as an empty list', () => {
    const leaves = new Map<string, unknown>([['accounts.vip-ids', '']]);
    shapeLists(leaves, KEYS);
    expect(leaves.get('accounts.vip-ids')).toEqual([]);
  });

  it('keeps only the keys the schema declares (a map key keeps everything under it)', () => {
    const leaves = new Map<string, unknown>([
      ['server.port', 1],
      ['logging.level', 'info'],
      ['hystrix.command.quotes.timeout', 5],
      ['hystrixx', 1],
    ]);
    expect([...pickKnown(leaves, KEYS).keys()]).toEqual(['server.port', 'hystrix.command.quotes.timeout']);
  });
});

describe('secrets', () => {
  let secretsDir: string;
  beforeEach(() => {
    secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secrets-'));
  });
  afterEach(() => fs.rmSync(secretsDir, { recursive: true, force: true }));
  const options = () => ({ aliases: {}, secrets: ['amqp.password'], secretsDir });

  it('reads a secret from its Docker secret file, without the trailing newline, before env', () => {
    fs.writeFileSync(path.join(secretsDir, 'amqp_password'), 's3cret-from-file\n');
    const { leaves, origins } = served();
    const applied = applyOverrides(leaves, origins, KEYS, { ...options(), env: { AMQP_PASSWORD: 'from-env' } });
    expect(leaves.get('amqp.password')).toBe('s3cret-from-file');
    expect(applied.get('amqp.password')).toBe(`secret file ${path.join(secretsDir, 'amqp_password')}`);
  });

  it('falls back to the environment variable when there is no secret file (local mode)', () => {
    const { leaves, origins } = served();
    applyOverrides(leaves, origins, KEYS, { ...options(), env: { AMQP_PASSWORD: 'from-env' } });
    expect(leaves.get('amqp.password')).toBe('from-env');
    expect(origins.get('amqp.password')).toBe('env AMQP_PASSWORD');
  });

  it('refuses a secret the config server serves in plain text, naming the file, without printing the value', () => {
    const { leaves, origins } = served();
    leaves.set('amqp.password', 'hunter2');
    origins.set('amqp.password', 'file:/repo/application.yml');
    const attempt = () => applyOverrides(leaves, origins, KEYS, { ...options(), env: {} });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /amqp\.password is a secret.*file:\/repo\/application\.yml.*"amqp_password".*AMQP_PASSWORD/,
    );
    expect(attempt).not.toThrow(/hunter2/);
  });
});
