import request from 'supertest';
import { buildApp } from '../src/app';
import { nativeRepository } from '../src/repository/native-repository';
import { FIXTURE_REPO, copyRepo } from './repo-copy';

const app = buildApp({ repository: nativeRepository(FIXTURE_REPO) });
const file = (name: string) => `file:${FIXTURE_REPO}/${name}`;

describe('GET /{application}/{profile}: the Spring Environment JSON', () => {
  it('answers the documented shape: name, profiles, label, version, state, propertySources', async () => {
    const res = await request(app).get('/foo/dev');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(Object.keys(res.body)).toEqual(['name', 'profiles', 'label', 'version', 'state', 'propertySources']);
    expect(res.body).toMatchObject({ name: 'foo', profiles: ['dev'], label: null, version: null, state: null });
    for (const source of res.body.propertySources) expect(Object.keys(source)).toEqual(['name', 'source']);
  });

  it('lists the most specific source first: app-profile, application-profile, app, application', async () => {
    const res = await request(app).get('/foo/dev');
    expect(res.body.propertySources.map((s: { name: string }) => s.name)).toEqual([
      file('foo-dev.yml'),
      file('application-dev.yml'),
      file('foo.yml'),
      file('application.yml'),
    ]);
  });

  it('flattens nested YAML to dotted keys and keeps numbers and booleans typed', async () => {
    const res = await request(app).get('/foo/default');
    const foo = res.body.propertySources[0];
    expect(foo.name).toBe(file('foo.yml'));
    expect(foo.source).toMatchObject({
      'server.port': 7000,
      'foo.nested.deeper.value': 'from foo.yml',
      'foo.flag': true,
      'foo.ratio': 0.5,
      'foo.quoted-number': '10000',
      'shared.greeting': 'hello from foo.yml',
    });
  });

  it('indexes list items the Spring way, in lists of maps and nested lists too', async () => {
    const { source } = (await request(app).get('/foo/default')).body.propertySources[0];
    expect(source).toMatchObject({
      'foo.list[0]': 'a',
      'foo.list[1]': 'b',
      'foo.list[2]': 'c',
      'foo.items[0].name': 'first',
      'foo.items[0].tags[0]': 'x',
      'foo.items[0].tags[1]': 'y',
      'foo.items[1].name': 'second',
      'foo.matrix[0][0]': 1,
      'foo.matrix[0][1]': 2,
      'foo.matrix[1][0]': 3,
    });
    expect(source).not.toHaveProperty('foo.list');
  });

  it('turns an empty list and a null into "" and drops an empty map, as Spring does', async () => {
    const { source } = (await request(app).get('/foo/default')).body.propertySources[0];
    expect(source['foo.empty-list']).toBe('');
    expect(source['foo.nothing']).toBe('');
    expect(Object.keys(source).some((key) => key.startsWith('foo.empty-map'))).toBe(false);
  });

  it('takes several profiles comma-separated; the last one wins, so its files come first', async () => {
    const res = await request(app).get('/foo/dev,mysql');
    expect(res.body.profiles).toEqual(['dev', 'mysql']);
    expect(res.body.propertySources.map((s: { name: string }) => s.name)).toEqual([
      file('foo-mysql.yml'),
      file('application-mysql.yaml'),
      file('foo-dev.yml'),
      file('application-dev.yml'),
      file('foo.yml'),
      file('application.yml'),
    ]);
    const reversed = await request(app).get('/foo/mysql,dev');
    expect(reversed.body.propertySources[0].name).toBe(file('foo-dev.yml'));
  });

  it('gives an unknown application the shared application*.yml sources only', async () => {
    const res = await request(app).get('/nobody/dev');
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('nobody');
    expect(res.body.propertySources.map((s: { name: string }) => s.name)).toEqual([
      file('application-dev.yml'),
      file('application.yml'),
    ]);
  });

  it('does not list application.yml twice when the application is "application"', async () => {
    const res = await request(app).get('/application/dev');
    expect(res.body.propertySources.map((s: { name: string }) => s.name)).toEqual([
      file('application-dev.yml'),
      file('application.yml'),
    ]);
  });

  it('skips an empty file, as Spring does', async () => {
    const res = await request(app).get('/empty/default');
    expect(res.body.propertySources.map((s: { name: string }) => s.name)).toEqual([file('application.yml')]);
  });

  it('echoes the label of /{application}/{profile}/{label} (a folder has no branches)', async () => {
    const res = await request(app).get('/foo/dev/main');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'foo', profiles: ['dev'], label: 'main' });
    expect(res.body.propertySources).toHaveLength(4);
  });

  it('re-reads the files on every request, so an edit is served at the next fetch', async () => {
    const repo = copyRepo();
    try {
      const live = buildApp({ repository: nativeRepository(repo.dir) });
      const before = await request(live).get('/foo/dev');
      expect(before.body.propertySources[0].source['foo.nested.deeper.value']).toBe('from foo-dev.yml');
      repo.write('foo-dev.yml', 'foo:\n  nested:\n    deeper:\n      value: edited\n');
      const after = await request(live).get('/foo/dev');
      expect(after.body.propertySources[0].source).toEqual({ 'foo.nested.deeper.value': 'edited' });
    } finally {
      repo.remove();
    }
  });

  it('logs one line per environment served', async () => {
    const lines: string[] = [];
    await request(buildApp({ repository: nativeRepository(FIXTURE_REPO), log: (l) => lines.push(l) })).get(
      '/foo/dev,mysql/main',
    );
    expect(lines).toEqual(['foo/dev,mysql/main → 6 source(s)']);
  });
});

describe('broken repository files', () => {
  const repo = copyRepo();
  const broken = buildApp({ repository: nativeRepository(repo.dir) });
  repo.write('broken.yml', 'key: [unclosed\nother: 1\n');
  repo.write('multi.yml', 'a: 1\n---\nb: 2\n');
  repo.write('listtop.yml', '- just\n- a list\n');
  afterAll(() => repo.remove());
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['invalid YAML', 'broken', /broken\.yml: /],
    ['several YAML documents', 'multi', /multi\.yml: holds 2 YAML documents/],
    ['a list at the top level', 'listtop', /listtop\.yml: the top level must be a map/],
  ])('answers 500 INVALID_CONFIG_FILE naming the file for %s', async (_label, application, message) => {
    const res = await request(broken).get(`/${application}/default`);
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INVALID_CONFIG_FILE');
    expect(res.body.error.message).toMatch(message);
  });

  it('still serves the other applications', async () => {
    expect((await request(broken).get('/foo/dev')).status).toBe(200);
  });
});
