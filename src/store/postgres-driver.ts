/**
 * The shared back end: PostgreSQL via `pg`, chosen when DATABASE_URL is set. Server instances keep no state of their own —
 * attachment bytes live in the database too (table `blobs`), so any instance can serve any file. Rows a transaction will
 * change are read with `FOR UPDATE`; the audit chain is serialised by a transaction-scoped advisory lock.
 */
import fs from 'node:fs';
import pg from 'pg';
import type { BlobStore, SqlDriver, SqlTx, SqlValue } from './sql.ts';

/** An arbitrary, fixed key for pg_advisory_xact_lock: "the audit chain". */
const AUDIT_LOCK_KEY = 0x59534b41; // "YSKA"
/** The same for attachment bytes: filings hold it shared, a purge exclusive. */
const BLOB_LOCK_KEY = 0x59534b42; // "YSKB"

/** `?` placeholders → `$1, $2, …` (our SQL never holds a literal question mark). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const toParams = (params: SqlValue[] = []) => params.map((p) => (p instanceof Uint8Array ? Buffer.from(p) : p));

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
}

class PostgresTx implements SqlTx {
  constructor(readonly client: Queryable) {}
  async all<T>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return (await this.client.query(numbered(sql), toParams(params))).rows as T[];
  }
  async get<T>(sql: string, params?: SqlValue[]): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }
  async run(sql: string, params?: SqlValue[]): Promise<number> {
    return (await this.client.query(numbered(sql), toParams(params))).rowCount ?? 0;
  }
}

class DatabaseBlobStore implements BlobStore {
  constructor(private readonly db: PostgresTx) {}
  async put(tx: SqlTx, sha256: string, content: Uint8Array | { file: string }): Promise<string> {
    // The database keeps the bytes itself: an upload staged on disk is read one attachment at a time.
    const bytes = content instanceof Uint8Array ? content : await fs.promises.readFile(content.file);
    await tx.run('INSERT INTO blobs (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING', [sha256, bytes]);
    return `db:${sha256}`;
  }
  async get(location: string): Promise<Uint8Array | undefined> {
    const row = await this.db.get<{ bytes: Buffer }>('SELECT bytes FROM blobs WHERE sha256 = ?', [location.replace(/^db:/, '')]);
    return row ? new Uint8Array(row.bytes) : undefined;
  }
  async remove(tx: SqlTx, location: string): Promise<void> {
    await tx.run('DELETE FROM blobs WHERE sha256 = ?', [location.replace(/^db:/, '')]);
  }
  async list(tx: SqlTx): Promise<string[]> {
    return (await tx.all<{ sha256: string }>('SELECT sha256 FROM blobs')).map((r) => `db:${r.sha256}`);
  }
  async removeTemporary(): Promise<number> {
    return 0; // rows are written whole or not at all
  }
}

export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  readonly forUpdate = ' FOR UPDATE';
  readonly blobs: BlobStore;
  private readonly pool: pg.Pool;
  private readonly direct: PostgresTx;

  constructor(databaseUrl: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10 });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.direct = new PostgresTx(this.pool);
    this.blobs = new DatabaseBlobStore(this.direct);
  }

  all<T>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return this.direct.all<T>(sql, params);
  }
  get<T>(sql: string, params?: SqlValue[]): Promise<T | undefined> {
    return this.direct.get<T>(sql, params);
  }
  run(sql: string, params?: SqlValue[]): Promise<number> {
    return this.direct.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await fn(new PostgresTx(client));
      await client.query('COMMIT');
      return value;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async lockAuditChain(tx: SqlTx): Promise<void> {
    await tx.get(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  }

  async lockBlobs(tx: SqlTx, exclusive: boolean): Promise<void> {
    await tx.get(`SELECT ${exclusive ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared'}(${BLOB_LOCK_KEY})`);
  }

  async exec(tx: SqlTx, script: string): Promise<void> {
    // A query without parameters may hold several statements (simple query protocol).
    await (tx as PostgresTx).client.query(script);
  }

  isUniqueViolation(error: unknown): boolean {
    return (error as { code?: string })?.code === '23505';
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
