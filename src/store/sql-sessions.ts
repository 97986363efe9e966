/**
 * The city inbox's sessions (migration 2): a row per sign-in, keyed by the SHA-256 of the random session id, bound to the
 * token used to sign in. Expiry is decided by the caller (src/submissions/sessions.ts) from the two times kept here.
 */
import { appendAuditInTx } from './sql-audit.ts';
import type { SqlDriver } from './sql.ts';
import type { AuditInput, SessionRecord } from './types.ts';

export async function createSession(
  driver: SqlDriver,
  session: { idHash: string; tokenHash: string; at: number },
  expired: { createdBefore: number; idleSince: number },
  audit: AuditInput,
  at: string,
): Promise<void> {
  await driver.transaction(async (tx) => {
    // Sessions nobody signed out of are removed here, so the table holds only live ones (no separate sweeper to run).
    await tx.run('DELETE FROM inbox_sessions WHERE created_at < ? OR last_seen_at < ?', [expired.createdBefore, expired.idleSince]);
    await tx.run('INSERT INTO inbox_sessions (id_hash, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?)', [session.idHash, session.tokenHash, session.at, session.at]);
    await appendAuditInTx(driver, tx, [audit], at);
  });
}

export async function readSession(driver: SqlDriver, idHash: string): Promise<SessionRecord | undefined> {
  const r = await driver.get<{
    id_hash: string;
    created_at: number | string;
    last_seen_at: number | string;
    hash: string;
    id: string;
    role: 'office' | 'city';
    office_number: string | null;
    municipality: string | null;
    label: string | null;
    token_created_at: string;
  }>(
    `SELECT s.id_hash, s.created_at, s.last_seen_at, t.hash, t.id, t.role, t.office_number, t.municipality, t.label, t.created_at AS token_created_at
     FROM inbox_sessions s JOIN tokens t ON t.hash = s.token_hash WHERE s.id_hash = ?`,
    [idHash],
  );
  if (!r) return undefined;
  return {
    idHash: r.id_hash,
    // PostgreSQL returns BIGINT as a string.
    createdAt: Number(r.created_at),
    lastSeenAt: Number(r.last_seen_at),
    token: { hash: r.hash, id: r.id, role: r.role, officeNumber: r.office_number, municipality: r.municipality, label: r.label, createdAt: r.token_created_at },
  };
}

export async function touchSession(driver: SqlDriver, idHash: string, at: number): Promise<void> {
  await driver.run('UPDATE inbox_sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?', [at, idHash, at]);
}

export async function deleteSession(driver: SqlDriver, idHash: string, audit?: AuditInput, at?: string): Promise<boolean> {
  return driver.transaction(async (tx) => {
    const removed = (await tx.run('DELETE FROM inbox_sessions WHERE id_hash = ?', [idHash])) > 0;
    if (removed && audit && at) await appendAuditInTx(driver, tx, [audit], at);
    return removed;
  });
}
