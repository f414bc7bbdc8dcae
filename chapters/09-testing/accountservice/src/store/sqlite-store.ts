import { DatabaseSync } from 'node:sqlite';
import { withSpan } from '../../../common/tracing';
import { seedAccounts } from './seed';
import type { AccountStore } from './store';

/**
 * Opens (or creates) the SQLite database at `path` and seeds it. Node's built-in `node:sqlite`
 * needs no native addon to compile or ship.
 * `:memory:` gives every process its own private database, which is what local mode uses.
 */
export function openSqliteStore(path: string): AccountStore {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, name TEXT NOT NULL)');
  seed(db);

  const FIND_BY_ID = 'SELECT id, name FROM accounts WHERE id = ?';
  const byId = db.prepare(FIND_BY_ID);
  const ping = db.prepare('SELECT 1');

  return {
    // Chapter 06: the query is a span of the request's trace, as goblog's BoltDB read was.
    findAccount: (id) =>
      withSpan(
        'accounts.find',
        { 'db.system': 'sqlite', 'db.operation': 'SELECT', 'db.statement': FIND_BY_ID },
        (span) => {
          const row = byId.get(id);
          span.setAttribute('db.rows', row ? 1 : 0);
          return row ? { id: String(row.id), name: String(row.name) } : undefined;
        },
      ),
    check: async () => {
      if (!db.isOpen) throw new Error('the database is not open');
      ping.get();
    },
    close: async () => {
      if (db.isOpen) db.close();
    },
  };
}

function seed(db: DatabaseSync): void {
  const insert = db.prepare('INSERT OR IGNORE INTO accounts (id, name) VALUES (?, ?)');
  db.exec('BEGIN');
  try {
    for (const account of seedAccounts()) insert.run(account.id, account.name);
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}
