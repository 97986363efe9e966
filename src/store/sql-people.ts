/**
 * People, their sessions and invitations (migration 4), over the shared SqlDriver. Expiry and hashing are decided by the
 * callers (src/submissions/people.ts, src/submissions/invitations.ts); this file only stores and reads.
 */
import { appendAuditInTx } from './sql-audit.ts';
import type { SqlDriver } from './sql.ts';
import type { AuditInput, InvitationRecord, PendingLogin, PersonBinding, PersonRecord, PersonSessionRecord } from './types.ts';

interface PersonRow {
  id: string;
  issuer: string;
  subject: string;
  name: string | null;
  email: string | null;
  role: 'office' | 'city' | null;
  office_number: string | null;
  municipality: string | null;
  created_at: string;
  updated_at: string;
}

const PERSON_COLUMNS = 'p.id, p.issuer, p.subject, p.name, p.email, p.role, p.office_number, p.municipality, p.created_at, p.updated_at';

const bindingOf = (role: string | null, officeNumber: string | null, municipality: string | null): PersonBinding | null =>
  role === 'office' ? { role, officeNumber: officeNumber! } : role === 'city' ? { role, municipality: municipality! } : null;

const toPerson = (r: PersonRow): PersonRecord => ({
  id: r.id,
  issuer: r.issuer,
  subject: r.subject,
  name: r.name,
  email: r.email,
  binding: bindingOf(r.role, r.office_number, r.municipality),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function upsertPerson(driver: SqlDriver, p: { id: string; issuer: string; subject: string; name: string | null; email: string | null }, at: string): Promise<PersonRecord> {
  await driver.transaction(async (tx) => {
    const changed = await tx.run('UPDATE people SET name = ?, email = ?, updated_at = ? WHERE issuer = ? AND subject = ?', [p.name, p.email, at, p.issuer, p.subject]);
    if (changed === 0)
      await tx.run('INSERT INTO people (id, issuer, subject, name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [p.id, p.issuer, p.subject, p.name, p.email, at, at]);
  });
  return (await personByIssuerSubject(driver, p.issuer, p.subject))!;
}

async function personByIssuerSubject(driver: SqlDriver, issuer: string, subject: string): Promise<PersonRecord | undefined> {
  const r = await driver.get<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM people p WHERE p.issuer = ? AND p.subject = ?`, [issuer, subject]);
  return r && toPerson(r);
}

export async function personById(driver: SqlDriver, id: string): Promise<PersonRecord | undefined> {
  const r = await driver.get<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM people p WHERE p.id = ?`, [id]);
  return r && toPerson(r);
}

const bindingColumns = (b: PersonBinding) => [b.role, b.role === 'office' ? b.officeNumber : null, b.role === 'city' ? b.municipality : null];

export async function bindPerson(driver: SqlDriver, personId: string, binding: PersonBinding, audit: AuditInput, at: string): Promise<void> {
  await driver.transaction(async (tx) => {
    await tx.run('UPDATE people SET role = ?, office_number = ?, municipality = ?, updated_at = ? WHERE id = ?', [...bindingColumns(binding), at, personId]);
    await appendAuditInTx(driver, tx, [audit], at);
  });
}

export async function officeEmails(driver: SqlDriver, officeNumber: string): Promise<string[]> {
  const rows = await driver.all<{ email: string }>(
    `SELECT email FROM people WHERE role = 'office' AND office_number = ? AND email IS NOT NULL
     UNION SELECT email FROM invitations WHERE role = 'office' AND office_number = ?`,
    [officeNumber, officeNumber],
  );
  return [...new Set(rows.map((r) => r.email))].sort();
}

/* ---- sessions ---- */

export async function createPersonSession(
  driver: SqlDriver,
  s: { idHash: string; personId: string | null; csrfToken: string; login: PendingLogin | null; at: number },
  expired: { createdBefore: number; idleSince: number },
  audit: AuditInput | undefined,
  at: string,
): Promise<void> {
  await driver.transaction(async (tx) => {
    // Sessions nobody signed out of are removed here, so the table holds only live ones (no sweeper to run).
    await tx.run('DELETE FROM person_sessions WHERE created_at < ? OR last_seen_at < ?', [expired.createdBefore, expired.idleSince]);
    await tx.run('INSERT INTO person_sessions (id_hash, person_id, csrf_token, login_json, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)', [
      s.idHash,
      s.personId,
      s.csrfToken,
      s.login ? JSON.stringify(s.login) : null,
      s.at,
      s.at,
    ]);
    if (audit) await appendAuditInTx(driver, tx, [audit], at);
  });
}

export async function readPersonSession(driver: SqlDriver, idHash: string): Promise<PersonSessionRecord | undefined> {
  const r = await driver.get<{ id_hash: string; person_id: string | null; csrf_token: string; login_json: string | null; s_created: number | string; s_seen: number | string }>(
    'SELECT id_hash, person_id, csrf_token, login_json, created_at AS s_created, last_seen_at AS s_seen FROM person_sessions WHERE id_hash = ?',
    [idHash],
  );
  if (!r) return undefined;
  const person = r.person_id ? await personById(driver, r.person_id) : undefined;
  return {
    idHash: r.id_hash,
    person: person ?? null,
    csrfToken: r.csrf_token,
    login: r.login_json ? (JSON.parse(r.login_json) as PendingLogin) : null,
    // PostgreSQL returns BIGINT as a string.
    createdAt: Number(r.s_created),
    lastSeenAt: Number(r.s_seen),
  };
}

export async function touchPersonSession(driver: SqlDriver, idHash: string, at: number): Promise<void> {
  await driver.run('UPDATE person_sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?', [at, idHash, at]);
}

export async function deletePersonSession(driver: SqlDriver, idHash: string, audit?: AuditInput, at?: string): Promise<boolean> {
  return driver.transaction(async (tx) => {
    const removed = (await tx.run('DELETE FROM person_sessions WHERE id_hash = ?', [idHash])) > 0;
    if (removed && audit && at) await appendAuditInTx(driver, tx, [audit], at);
    return removed;
  });
}

/* ---- invitations ---- */

interface InvitationRow {
  id: string;
  secret_hash: string;
  role: 'office' | 'city';
  office_number: string | null;
  municipality: string;
  email: string;
  created_by: string;
  created_at: string;
  expires_at: number | string;
  redeemed_at: string | null;
  redeemed_by: string | null;
}

const toInvitation = (r: InvitationRow): InvitationRecord => ({
  id: r.id,
  secretHash: r.secret_hash,
  binding: bindingOf(r.role, r.office_number, r.municipality)!,
  municipality: r.municipality,
  email: r.email,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: Number(r.expires_at),
  redeemedAt: r.redeemed_at,
  redeemedBy: r.redeemed_by,
});

const INVITATION_COLUMNS = 'id, secret_hash, role, office_number, municipality, email, created_by, created_at, expires_at, redeemed_at, redeemed_by';

export async function addInvitation(driver: SqlDriver, i: InvitationRecord, audit: AuditInput, at: string): Promise<void> {
  await driver.transaction(async (tx) => {
    await tx.run(`INSERT INTO invitations (${INVITATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      i.id,
      i.secretHash,
      i.binding.role,
      i.binding.role === 'office' ? i.binding.officeNumber : null,
      i.municipality,
      i.email,
      i.createdBy,
      i.createdAt,
      i.expiresAt,
      null,
      null,
    ]);
    await appendAuditInTx(driver, tx, [audit], at);
  });
}

export async function invitationByHash(driver: SqlDriver, secretHash: string): Promise<InvitationRecord | undefined> {
  const r = await driver.get<InvitationRow>(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE secret_hash = ?`, [secretHash]);
  return r && toInvitation(r);
}

export async function listInvitations(driver: SqlDriver, municipality: string): Promise<InvitationRecord[]> {
  const rows = await driver.all<InvitationRow>(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE municipality = ? ORDER BY created_at DESC, id`, [municipality]);
  return rows.map(toInvitation);
}

export async function redeemInvitation(driver: SqlDriver, secretHash: string, personId: string, now: number, audit: AuditInput, at: string): Promise<boolean> {
  return driver.transaction(async (tx) => {
    // One conditional UPDATE: of two redemptions racing, only one changes the row.
    const won = (await tx.run('UPDATE invitations SET redeemed_at = ?, redeemed_by = ? WHERE secret_hash = ? AND redeemed_at IS NULL AND expires_at > ?', [at, personId, secretHash, now])) > 0;
    if (!won) return false;
    const r = (await tx.get<InvitationRow>(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE secret_hash = ?`, [secretHash]))!;
    await tx.run('UPDATE people SET role = ?, office_number = ?, municipality = ?, updated_at = ? WHERE id = ?', [...bindingColumns(toInvitation(r).binding), at, personId]);
    await appendAuditInTx(driver, tx, [audit], at);
    return true;
  });
}
