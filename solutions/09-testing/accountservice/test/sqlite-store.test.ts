import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openSqliteStore } from '../src/store/sqlite-store';

describe('the SQLite store', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accountservice-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('[seed-in-one-transaction] is seeded with Person_0…Person_99 under ids 10000…10099', async () => {
    const store = openSqliteStore(':memory:');
    await expect(store.findAccount('10000')).resolves.toEqual({ id: '10000', name: 'Person_0' });
    await expect(store.findAccount('10042')).resolves.toEqual({ id: '10042', name: 'Person_42' });
    await expect(store.findAccount('10099')).resolves.toEqual({ id: '10099', name: 'Person_99' });
    await expect(store.findAccount('10100')).resolves.toBeUndefined();
    await store.close();
  });

  it('[seed-in-one-transaction] seeds idempotently: reopening a database file adds nothing', async () => {
    const file = path.join(dir, 'accounts.db');
    await openSqliteStore(file).close();
    await openSqliteStore(file).close();
    const db = new DatabaseSync(file, { readOnly: true });
    expect({ ...db.prepare('SELECT count(*) AS n FROM accounts').get() }).toEqual({ n: 100 });
    db.close();
  });

  it('[seed-in-one-transaction] runs every seed insert inside one transaction', async () => {
    const insideTransaction: boolean[] = [];
    const realPrepare = DatabaseSync.prototype.prepare;
    const spy = jest.spyOn(DatabaseSync.prototype, 'prepare').mockImplementation(function (
      this: DatabaseSync,
      sql: string,
    ) {
      const statement = realPrepare.call(this, sql);
      if (/^\s*INSERT/i.test(sql)) {
        const realRun = statement.run;
        statement.run = ((...params: unknown[]) => {
          insideTransaction.push(this.isTransaction);
          return realRun.apply(statement, params as never);
        }) as typeof realRun;
      }
      return statement;
    });
    try {
      await openSqliteStore(':memory:').close();
    } finally {
      spy.mockRestore();
    }
    expect(insideTransaction).toHaveLength(100);
    expect(insideTransaction.every(Boolean)).toBe(true);
  });

  it('check() resolves while open and rejects once closed', async () => {
    const store = openSqliteStore(':memory:');
    await expect(store.check()).resolves.toBeUndefined();
    await store.close();
    await expect(store.check()).rejects.toThrow(/not open/);
  });
});
