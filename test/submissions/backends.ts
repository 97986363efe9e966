/**
 * The two back ends every submission test runs against (describe.each(backends)): SQLite in a fresh temp folder, and
 * PostgreSQL — a fresh database per store in the server pg-setup.ts provides (or one started for this file).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { startPostgres, stopPostgres, type TestPostgres } from './pg-setup.ts';

export interface OpenedStore {
  store: SubmissionStore;
  /** How to open the same data again (CLI --data, or DATABASE_URL). */
  dataDir?: string;
  databaseUrl?: string;
  /** The folder holding the audit signing key (the SQLite data folder; a temp folder beside PostgreSQL). */
  keyDir: string;
  /** Closes the store (if still open) and opens the same data again. */
  reopen(): Promise<SubmissionStore>;
  /** Closes the store (if still open) and removes the data. */
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  open(): Promise<OpenedStore>;
}

let ownCluster: TestPostgres | undefined;

/** The PostgreSQL server to create test databases in. */
export function pgServerUrl(): string {
  let url: string | undefined;
  try {
    url = inject('submissionsPgUrl');
  } catch {
    url = undefined;
  }
  url ??= process.env.DATABASE_URL;
  if (url) return url;
  if (!ownCluster) {
    ownCluster = startPostgres();
    const cluster = ownCluster;
    process.once('exit', () => stopPostgres(cluster));
  }
  return ownCluster.url;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgServerUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function databaseUrlFor(name: string): string {
  const u = new URL(pgServerUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createDatabase(template?: string): Promise<string> {
  const name = `yoshiki_t_${crypto.randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export function tempDir(prefix = 'yoshiki-sub-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Keeps `store` pointing at the open store, so `reopen` (after a test closed it) and `cleanup` see the current one. */
function opened(open: () => Promise<SubmissionStore>, store: SubmissionStore, extra: Pick<OpenedStore, 'dataDir' | 'databaseUrl' | 'keyDir'>, remove: () => Promise<void>): OpenedStore {
  const self: OpenedStore = {
    store,
    ...extra,
    async reopen() {
      await self.store.close();
      self.store = await open();
      return self.store;
    },
    async cleanup() {
      await self.store.close();
      await remove();
    },
  };
  return self;
}

export const backends: Backend[] = [
  {
    name: 'sqlite',
    async open() {
      const dataDir = tempDir();
      const open = () => openStore({ dataDir, databaseUrl: '' });
      return opened(open, await open(), { dataDir, keyDir: dataDir }, async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    },
  },
  {
    name: 'postgres',
    async open() {
      const name = await createDatabase();
      const databaseUrl = databaseUrlFor(name);
      // The signing key lives in a data folder with PostgreSQL too; a temp one, so tests never write ./data.
      const keyDir = tempDir('yoshiki-key-');
      const open = () => openStore({ databaseUrl, poolSize: 20, dataDir: keyDir });
      return opened(open, await open(), { databaseUrl, keyDir }, async () => {
        await dropDatabase(name);
        fs.rmSync(keyDir, { recursive: true, force: true });
      });
    },
  },
];
