/**
 * The embedded back end: one SQLite file (better-sqlite3) in the data folder, WAL journal with synchronous=FULL so a
 * committed filing survives a power cut, busy_timeout so the CLI and the server can share the file. better-sqlite3 is
 * synchronous; the async interface is kept for PostgreSQL's sake, and every use of the connection is queued so the
 * statements of one transaction are never interleaved with another request's.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FileBlobStore } from './file-blobs.ts';
import type { BlobStore, SqlDriver, SqlTx, SqlValue } from './sql.ts';

export const SQLITE_FILE = 'yoshiki.db';

type Params = (string | number | null | Buffer)[];
const toParams = (params: SqlValue[] = []): Params => params.map((p) => (p instanceof Uint8Array ? Buffer.from(p) : p));

class SqliteTx implements SqlTx {
  private readonly statements = new Map<string, Database.Statement>();
  constructor(protected readonly db: Database.Database) {}

  protected prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
  async all<T>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return this.prepare(sql).all(...toParams(params)) as T[];
  }
  async get<T>(sql: string, params?: SqlValue[]): Promise<T | undefined> {
    return this.prepare(sql).get(...toParams(params)) as T | undefined;
  }
  async run(sql: string, params?: SqlValue[]): Promise<number> {
    return this.prepare(sql).run(...toParams(params)).changes;
  }
}

export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  readonly forUpdate = '';
  readonly blobs: BlobStore;
  readonly file: string;
  /** The data folder: the database file, attachments under files/, batch tables and results under batches/. */
  readonly dataDir: string;
  private readonly db: Database.Database;
  private readonly tx: SqliteTx;
  /** The tail of the queue of operations on the one connection. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.dataDir = dataDir;
    this.file = path.join(dataDir, SQLITE_FILE);
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('foreign_keys = ON');
    this.tx = new SqliteTx(this.db);
    this.blobs = new FileBlobStore(dataDir);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(fn, fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  all<T>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return this.serial(() => this.tx.all<T>(sql, params));
  }
  get<T>(sql: string, params?: SqlValue[]): Promise<T | undefined> {
    return this.serial(() => this.tx.get<T>(sql, params));
  }
  run(sql: string, params?: SqlValue[]): Promise<number> {
    return this.serial(() => this.tx.run(sql, params));
  }

  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      // IMMEDIATE takes the write lock at once, so the receipt counter read and its increment cannot interleave with
      // another process's (the CLI, a second server on the same folder).
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const value = await fn(this.tx);
        this.db.exec('COMMIT');
        return value;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    });
  }

  async lockAuditChain(): Promise<void> {}
  async lockBlobs(): Promise<void> {}

  async exec(_tx: SqlTx, script: string): Promise<void> {
    this.db.exec(script);
  }

  isUniqueViolation(error: unknown): boolean {
    const code = (error as { code?: string })?.code;
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      if (this.db.open) this.db.close();
    });
  }
}
