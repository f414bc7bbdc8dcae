import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { buildApp } from '../src/app';
import { nativeRepository } from '../src/repository/native-repository';
import { FIXTURE_REPO } from './repo-copy';

const app = buildApp({ repository: nativeRepository(FIXTURE_REPO) });

describe('bad names and path traversal', () => {
  it.each([
    ['an encoded ../ as application', '/..%2F..%2Fetc%2Fpasswd/dev'],
    ['an encoded ../ as profile', '/foo/..%2F..%2Fetc%2Fpasswd'],
    ['.. as profile', '/foo/..'],
    ['.. as label', '/foo/dev/..'],
    ['an encoded ../ as label', '/foo/dev/..%2Fsecret'],
    ['a dot file as application', '/.hidden/dev'],
    ['a backslash', '/foo%5C..%5Cbar/dev'],
    ['a space', '/my%20app/dev'],
    ['a NUL byte', '/foo%00/dev'],
    ['an empty profile in a list', '/foo/dev,'],
    ['a 101-character name', `/${'a'.repeat(101)}/dev`],
    ['traversal in the file form', '/..%2F..%2Fetc%2Fpasswd-dev.yml'],
    ['traversal in the file form label', '/..%2Fsecret/foo-dev.yml'],
    ['traversal as a single segment', '/..%2F..%2Fetc%2Fpasswd'],
  ])('answers 400 INVALID_NAME for %s', async (_label, url) => {
    const res = await request(app).get(url);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_NAME');
  });

  it('never serves a file from outside the repository, however the path is written', async () => {
    // A real file one level above the repository, named like a config file.
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'configserver-'));
    fs.cpSync(FIXTURE_REPO, path.join(parent, 'repo'), { recursive: true });
    fs.writeFileSync(path.join(parent, 'outside.yml'), 'stolen: true\n');
    fs.writeFileSync(path.join(parent, 'outside-default.yml'), 'stolen: true\n');
    const jailed = buildApp({ repository: nativeRepository(path.join(parent, 'repo')) });
    try {
      for (const url of [
        '/..%2Foutside/default',
        '/foo/..%2Foutside',
        '/..%2Foutside-default.json',
        '/x/..%2F..%2Fa',
      ]) {
        const res = await request(jailed).get(url);
        expect(res.status).toBe(400);
        expect(res.text).not.toContain('stolen');
      }
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('the rest of the service', () => {
  it('answers GET /health with 200 UP while the repository can be read', async () => {
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'UP' });
  });

  it('answers 503 DOWN on /health and 503 REPOSITORY_UNAVAILABLE on fetches when the folder is gone', async () => {
    const gone = buildApp({ repository: nativeRepository(path.join(os.tmpdir(), 'no-such-config-repo-xyz')) });
    const health = await request(gone).get('/health');
    expect(health.status).toBe(503);
    expect(health.body.status).toBe('DOWN');
    expect(health.body.reason).toMatch(/no-such-config-repo-xyz cannot be read/);
    const fetch = await request(gone).get('/foo/dev');
    expect(fetch.status).toBe(503);
    expect(fetch.body.error.code).toBe('REPOSITORY_UNAVAILABLE');
  });

  it('answers 405 with an Allow header for a write to a config resource', async () => {
    const res = await request(app).post('/foo/dev');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers 404 as JSON for a path with too many segments', async () => {
    const res = await request(app).get('/a/b/c/d');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No route for GET /a/b/c/d' } });
  });

  it('takes extra routes ahead of the catch-all patterns (the seam chapter 04 uses for /actuator/busrefresh)', async () => {
    const withBus = buildApp({
      repository: nativeRepository(FIXTURE_REPO),
      extraRoutes: [
        {
          name: 'BusRefresh',
          method: 'POST',
          pattern: '/actuator/busrefresh',
          handler: (_req, res) => {
            res.status(204).end();
          },
        },
      ],
    });
    expect((await request(withBus).post('/actuator/busrefresh')).status).toBe(204);
    expect((await request(withBus).get('/foo/dev')).status).toBe(200);
  });
});
