/**
 * Opens the store the environment asks for: PostgreSQL when DATABASE_URL is set, else SQLite in the data folder
 * (YOSHIKI_DATA, default `./data`). The schema is migrated on open.
 */
import path from 'node:path';
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
}

export const DEFAULT_DATA_DIR = 'data';

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
  const store = databaseUrl
    ? new SqlSubmissionStore(new PostgresDriver(databaseUrl, { max: options.poolSize }), redactUrl(databaseUrl))
    : (() => {
        const dir = path.resolve(options.dataDir ?? process.env.YOSHIKI_DATA ?? DEFAULT_DATA_DIR);
        return new SqlSubmissionStore(new SqliteDriver(dir), dir);
      })();
  try {
    await store.migrate();
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
  return store;
}
