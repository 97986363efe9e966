/**
 * Opens the store the environment asks for: PostgreSQL when DATABASE_URL is set, else SQLite in the data folder
 * (YOSHIKI_DATA, default `./data`). The schema is migrated on open.
 */
import { loadAuditKey, type AuditSigner } from './audit-key.ts';
import { resolveDataDir } from './data-dir.ts';
import { PostgresDriver } from './postgres-driver.ts';
import { SqliteDriver } from './sqlite-driver.ts';
import { SqlSubmissionStore } from './sql-store.ts';
import type { SubmissionStore } from './types.ts';

export interface OpenStoreOptions {
  /** The SQLite data folder (ignored when a database URL is given). */
  dataDir?: string;
  /** postgres://… — defaults to process.env.DATABASE_URL. */
  databaseUrl?: string;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
  /**
   * The key that signs the audit log's checkpoints. Omitted: the configured key (YOSHIKI_AUDIT_KEY, YOSHIKI_AUDIT_KEY_FILE,
   * or audit-signing-key.pem in the data folder — the data folder also with PostgreSQL), created if missing.
   * null: open to read and verify only (writing then fails).
   */
  auditSigner?: AuditSigner | null;
}

export { DEFAULT_DATA_DIR, resolveDataDir } from './data-dir.ts';

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openStore(options: OpenStoreOptions = {}): Promise<SubmissionStore> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const dir = resolveDataDir(options.dataDir);
  const signer = options.auditSigner === undefined ? loadAuditKey(dir, { create: true }) : (options.auditSigner ?? undefined);
  const store = databaseUrl
    ? new SqlSubmissionStore(new PostgresDriver(databaseUrl, { max: options.poolSize }), redactUrl(databaseUrl), signer)
    : new SqlSubmissionStore(new SqliteDriver(dir), dir, signer);
  try {
    await store.migrate();
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
  return store;
}
