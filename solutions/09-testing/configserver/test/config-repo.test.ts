import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { buildApp } from '../src/app';
import { DEFAULT_REPO_DIR } from '../src/config';
import { nativeRepository } from '../src/repository/native-repository';

// The chapter's config-repo/ itself: every file is served, keys are canonical, nothing is secret.
const app = buildApp({ repository: nativeRepository(DEFAULT_REPO_DIR) });
const files = fs.readdirSync(DEFAULT_REPO_DIR).filter((file) => /\.ya?ml$/.test(file));

function sourcesOf(body: { propertySources: { source: Record<string, unknown> }[] }): Record<string, unknown>[] {
  return body.propertySources.map((s) => s.source);
}

describe('config-repo/', () => {
  it('is the folder the configserver serves by default', () => {
    expect(DEFAULT_REPO_DIR).toBe(path.resolve(__dirname, '..', '..', 'config-repo'));
    expect(files).toEqual(expect.arrayContaining(['application.yml', 'accountservice.yml', 'quotes-service.yml']));
  });

  it.each(files)('serves %s without error', async (file) => {
    const [, application, profile = 'default'] = /^(.+?)(?:-(dev|test|prod))?\.ya?ml$/.exec(file) ?? [];
    const res = await request(app).get(`/${application}/${profile}`);
    expect(res.status).toBe(200);
    expect(res.body.propertySources.map((s: { name: string }) => path.basename(s.name))).toContain(file);
  });

  it('writes every key in kebab-case, Spring’s canonical form', async () => {
    for (const application of ['accountservice', 'quotes-service']) {
      const res = await request(app).get(`/${application}/dev,test,prod`);
      for (const source of sourcesOf(res.body)) {
        for (const key of Object.keys(source))
          expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*(\[\d+\])?)*$/);
      }
    }
  });

  it('holds no secret in plain text', async () => {
    for (const application of ['accountservice', 'quotes-service']) {
      const res = await request(app).get(`/${application}/dev,test,prod`);
      for (const source of sourcesOf(res.body)) {
        for (const key of Object.keys(source))
          expect(key).not.toMatch(/password|secret|token|credential|api-key|private/);
        for (const value of Object.values(source)) expect(String(value)).not.toMatch(/:\/\/[^/\s:@]+:[^/\s@]+@/);
      }
    }
  });

  it('gives accountservice the keys it needs: port, quotes-service and imageservice URLs, breakers, the VIP accounts', async () => {
    const res = await request(app).get('/accountservice-dev.json');
    expect(res.body).toMatchObject({
      server: { port: 6767 },
      quotes: { 'service-url': 'http://127.0.0.1:8080' },
      image: { url: 'http://127.0.0.1:7777' },
      breakers: { 'quotes-service': { 'timeout-ms': 1000, 'reset-timeout-ms': 2000 } },
      accounts: { 'vip-ids': ['10000'] },
    });
  });

  it('gives quotes-service its port and the language that is safe to change live', async () => {
    const res = await request(app).get('/quotes-service-dev.json');
    expect(res.body).toMatchObject({ server: { port: 8080 }, quotes: { language: 'en' } });
  });
});

describe('our answer next to a recorded Spring Cloud Config Server answer', () => {
  it('has the same shape, the same sources in the same order and the same keys as the real server over config-repo/', async () => {
    const recorded = JSON.parse(
      fs.readFileSync(
        path.join(__dirname, '..', '..', 'common', 'config', 'test', 'fixtures', 'native-accountservice-dev.json'),
        'utf8',
      ),
    ) as { propertySources: { name: string; source: Record<string, unknown> }[] };
    const ours = (await request(app).get('/accountservice/dev')).body as typeof recorded;
    expect(Object.keys(ours)).toEqual(Object.keys(recorded));
    const names = (env: typeof recorded) => env.propertySources.map((s) => s.name.replace(/^file:.*\//, 'file:…/'));
    expect(names(ours)).toEqual(names(recorded));
    recorded.propertySources.forEach(({ source }, i) => {
      expect(Object.keys(ours.propertySources[i].source)).toEqual(expect.arrayContaining(Object.keys(source)));
    });
  });
});
