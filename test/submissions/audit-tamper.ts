/**
 * Tampering with a copy of a store, as someone with write access to the database (but not the signing key) would: the
 * copy's append-only triggers are dropped, the statements run, and `yoshiki audit verify` is run on the copy with the
 * public key an auditor exported beforehand (`audit public-key`), never with the data folder's own key.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_FILE } from '../../src/store/sqlite-driver.ts';
import { createDatabase, databaseUrlFor, dropDatabase, tempDir, type OpenedStore } from './backends.ts';
import { runCli } from './cli-run.ts';

/** An SQL string literal. */
export const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

export interface TamperContext {
  /** The copy's data folder (SQLite) — attachment files live there. */
  copyDir?: string;
}

/** Exports the public key through the CLI, as an auditor would, into a file of its own. */
export async function exportPublicKey(opened: OpenedStore): Promise<string> {
  const res = await runCli(['audit', 'public-key', '--data', opened.keyDir], opened.databaseUrl ? { databaseUrl: opened.databaseUrl } : {});
  if (res.code !== 0) throw new Error(res.err);
  const file = path.join(tempDir('yoshiki-pub-'), 'audit-public-key.pem');
  fs.writeFileSync(file, res.out);
  return file;
}

/**
 * Closes the store, copies it, applies `statements` (and `files`, for the copy's data folder), runs verify on the copy
 * with `args`, removes the copy and reopens the store. Returns the CLI's answer.
 */
export async function verifyTamperedCopy(
  opened: OpenedStore,
  statements: string[],
  args: string[],
  files?: (ctx: TamperContext) => void,
): Promise<{ code: number; out: string; err: string }> {
  await opened.store.close(); // SQLite: checkpoints the WAL into the file
  try {
    if (opened.dataDir) {
      const copy = tempDir();
      fs.cpSync(opened.dataDir, copy, { recursive: true });
      // Only the database and the files travel with the copy; the key stays behind (verify uses the exported public key).
      fs.rmSync(path.join(copy, 'audit-signing-key.pem'), { force: true });
      const db = new Database(path.join(copy, SQLITE_FILE));
      for (const t of ['audit_log_no_update', 'audit_log_no_delete', 'audit_checkpoints_no_update', 'audit_checkpoints_no_delete']) db.exec(`DROP TRIGGER ${t}`);
      for (const s of statements) db.exec(s);
      db.close();
      files?.({ copyDir: copy });
      try {
        return await runCli(['audit', 'verify', '--data', copy, ...args]);
      } finally {
        fs.rmSync(copy, { recursive: true, force: true });
      }
    }
    const original = new URL(opened.databaseUrl!).pathname.slice(1);
    const name = await createDatabase(original);
    const client = new pg.Client({ connectionString: databaseUrlFor(name) });
    await client.connect();
    await client.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await client.query('ALTER TABLE audit_checkpoints DISABLE TRIGGER USER');
    for (const s of statements) await client.query(s);
    await client.end();
    try {
      return await runCli(['audit', 'verify', ...args], { databaseUrl: databaseUrlFor(name) });
    } finally {
      await dropDatabase(name);
    }
  } finally {
    await opened.reopen();
  }
}
