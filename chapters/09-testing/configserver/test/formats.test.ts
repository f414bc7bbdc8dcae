import request from 'supertest';
import YAML from 'yaml';
import { buildApp } from '../src/app';
import { nativeRepository } from '../src/repository/native-repository';
import { FIXTURE_REPO } from './repo-copy';

const app = buildApp({ repository: nativeRepository(FIXTURE_REPO) });

// foo + dev, merged: foo-dev.yml beats foo.yml beats application*.yml, and foo-dev.yml's
// one-item list replaces foo.yml's three-item list as a whole.
const EXPECTED = {
  foo: {
    nested: { deeper: { value: 'from foo-dev.yml' } },
    flag: true,
    ratio: 0.5,
    big: 12345,
    'quoted-number': '10000',
    'empty-list': '',
    nothing: '',
    list: ['dev-a'],
    items: [{ name: 'first', tags: ['x', 'y'] }, { name: 'second' }],
    matrix: [[1, 2], [3]],
  },
  logging: { level: 'debug' },
  server: { port: 7000 },
  shared: { greeting: 'hello from foo.yml', 'only-in-application': 'shared value' },
};

describe('/{application}-{profile}.json|.yml|.yaml|.properties: the merged environment as one file', () => {
  it('.json is the merged tree, most specific value winning, lists replaced whole', async () => {
    const res = await request(app).get('/foo-dev.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual(EXPECTED);
  });

  it.each(['yml', 'yaml'])('.%s is the same tree as YAML', async (extension) => {
    const res = await request(app).get(`/foo-dev.${extension}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(YAML.parse(res.text)).toEqual(EXPECTED);
  });

  it('.properties is one sorted "key: value" line per flat key', async () => {
    const res = await request(app).get('/foo-dev.properties');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text.split('\n')).toEqual([
      'foo.big: 12345',
      'foo.empty-list: ',
      'foo.flag: true',
      'foo.items[0].name: first',
      'foo.items[0].tags[0]: x',
      'foo.items[0].tags[1]: y',
      'foo.items[1].name: second',
      'foo.list[0]: dev-a',
      'foo.matrix[0][0]: 1',
      'foo.matrix[0][1]: 2',
      'foo.matrix[1][0]: 3',
      'foo.nested.deeper.value: from foo-dev.yml',
      'foo.nothing: ',
      'foo.quoted-number: 10000',
      'foo.ratio: 0.5',
      'logging.level: debug',
      'server.port: 7000',
      'shared.greeting: hello from foo.yml',
      'shared.only-in-application: shared value',
    ]);
  });

  it('splits at the last hyphen, so an application name may hold hyphens', async () => {
    const res = await request(app).get('/quotes-service-dev.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      logging: { level: 'debug' },
      shared: { greeting: 'hello from application.yml', 'only-in-application': 'shared value' },
    });
  });

  it('takes several profiles (dev,mysql) and a label: /{label}/{application}-{profile}.yml', async () => {
    const res = await request(app).get('/main/foo-dev,mysql.yml');
    expect(res.status).toBe(200);
    const tree = YAML.parse(res.text);
    expect(tree.foo.nested.deeper.value).toBe('from foo-mysql.yml');
    expect(tree.db).toBe('mysql');
    expect(tree['db-driver']).toBe('mysql-connector');
  });

  it('answers 404 as JSON for a single segment that is no file form', async () => {
    const res = await request(app).get('/foo.yml');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
