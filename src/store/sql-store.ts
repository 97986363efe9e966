/**
 * SubmissionStore over a SqlDriver: the same SQL runs on SQLite and PostgreSQL (the drivers differ only in locking and in
 * where attachment bytes live). Filing, resubmission, reading and tokens are here; status changes with their notices and
 * registry rows in sql-lifecycle.ts; retention in sql-retention.ts.
 */
import { canonicalJson } from './canonical.ts';
import { formatReceiptNumber } from './receipt-number.ts';
import { migrate } from './migrations.ts';
import { filingAnchor } from './audit-anchors.ts';
import type { AuditSigner } from './audit-key.ts';
import { appendAuditInTx, readAuditCheckpoints, readAuditLog, setAuditSigner, signLegacyEntries } from './sql-audit.ts';
import { verifyAuditChain } from './audit-chain.ts';
import { applyStatusChange, readRegistryEntries, readRegistryEntry, readRegistryHistory } from './sql-lifecycle.ts';
import { purgeSubmissions } from './sql-retention.ts';
import { createSession, deleteSession, readSession, touchSession } from './sql-sessions.ts';
import * as people from './sql-people.ts';
import type { SqlDriver, SqlTx } from './sql.ts';
import {
  StaleSubmissionError,
  type AuditCheckpoint,
  type AuditEntry,
  type AuditInput,
  type FilingOutcome,
  type InvitationRecord,
  type PendingLogin,
  type PersonBinding,
  type PersonRecord,
  type PersonSessionRecord,
  type Json,
  type NewRevision,
  type NewFiling,
  type PurgeReport,
  type RegistryEntry,
  type RegistryHistoryRow,
  type SessionRecord,
  type StatusChange,
  type SubmissionFilter,
  type SubmissionHead,
  type SubmissionRecord,
  type SubmissionStatus,
  type SubmissionStore,
  type TokenRecord,
} from './types.ts';

interface HeadRow {
  receipt_number: string;
  municipality: string;
  year: number;
  seq: number;
  office_number: string;
  kind: string;
  status: SubmissionStatus;
  revision: number;
  received_at: string;
  updated_at: string;
}

const HEAD_COLUMNS = 'receipt_number, municipality, year, seq, office_number, kind, status, revision, received_at, updated_at';

const toHead = (r: HeadRow): SubmissionHead => ({
  receiptNumber: r.receipt_number,
  municipality: r.municipality,
  year: Number(r.year),
  seq: Number(r.seq),
  officeNumber: r.office_number,
  kind: r.kind,
  status: r.status,
  revision: Number(r.revision),
  receivedAt: r.received_at,
  updatedAt: r.updated_at,
});

/** How often a filing is retried after losing a race on its idempotency key (the retry then finds the winner's receipt). */
const UNIQUE_RETRIES = 3;

export class SqlSubmissionStore implements SubmissionStore {
  readonly dialect: SqlDriver['dialect'];

  /** Without a signer the store can read and verify but not write (anything written is audited, and audit is signed). */
  constructor(
    readonly driver: SqlDriver,
    readonly location: string,
    signer?: AuditSigner,
  ) {
    this.dialect = driver.dialect;
    setAuditSigner(driver, signer);
  }

  async migrate(): Promise<void> {
    await migrate(this.driver, new Date().toISOString());
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  /* ---- tokens ---- */

  async addToken(token: TokenRecord, audit: AuditInput, at: string): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.run('INSERT INTO tokens (hash, id, role, office_number, municipality, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        token.hash,
        token.id,
        token.role,
        token.officeNumber,
        token.municipality,
        token.label,
        token.createdAt,
      ]);
      await appendAuditInTx(this.driver, tx, [audit], at);
    });
  }

  async tokenByHash(hash: string): Promise<TokenRecord | undefined> {
    const r = await this.driver.get<{ hash: string; id: string; role: 'office' | 'city'; office_number: string | null; municipality: string | null; label: string | null; created_at: string }>(
      'SELECT hash, id, role, office_number, municipality, label, created_at FROM tokens WHERE hash = ?',
      [hash],
    );
    return r && { hash: r.hash, id: r.id, role: r.role, officeNumber: r.office_number, municipality: r.municipality, label: r.label, createdAt: r.created_at };
  }

  async tokens(): Promise<TokenRecord[]> {
    const rows = await this.driver.all<{ hash: string; id: string; role: 'office' | 'city'; office_number: string | null; municipality: string | null; label: string | null; created_at: string }>(
      'SELECT hash, id, role, office_number, municipality, label, created_at FROM tokens ORDER BY id',
    );
    return rows.map((r) => ({ hash: r.hash, id: r.id, role: r.role, officeNumber: r.office_number, municipality: r.municipality, label: r.label, createdAt: r.created_at }));
  }

  async countTokens(): Promise<number> {
    const r = await this.driver.get<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM tokens');
    return Number(r?.n ?? 0);
  }

  async officeNumberUse(officeNumber: string): Promise<{ tokens: number; submissions: number }> {
    const r = await this.driver.get<{ tokens: number; submissions: number }>(
      'SELECT CAST((SELECT COUNT(*) FROM tokens WHERE office_number = ?) AS INTEGER) AS tokens, CAST((SELECT COUNT(*) FROM submissions WHERE office_number = ?) AS INTEGER) AS submissions',
      [officeNumber, officeNumber],
    );
    return { tokens: Number(r?.tokens ?? 0), submissions: Number(r?.submissions ?? 0) };
  }

  /* ---- inbox sessions ---- */

  createSession(session: { idHash: string; tokenHash: string; at: number }, expired: { createdBefore: number; idleSince: number }, audit: AuditInput, at: string): Promise<void> {
    return createSession(this.driver, session, expired, audit, at);
  }
  sessionByHash(idHash: string): Promise<SessionRecord | undefined> {
    return readSession(this.driver, idHash);
  }
  touchSession(idHash: string, at: number): Promise<void> {
    return touchSession(this.driver, idHash, at);
  }
  deleteSession(idHash: string, audit?: AuditInput, at?: string): Promise<boolean> {
    return deleteSession(this.driver, idHash, audit, at);
  }

  /* ---- people (OpenID Connect sign-in), their sessions, invitations ---- */

  upsertPerson(person: { id: string; issuer: string; subject: string; name: string | null; email: string | null }, at: string): Promise<PersonRecord> {
    return people.upsertPerson(this.driver, person, at);
  }
  personById(id: string): Promise<PersonRecord | undefined> {
    return people.personById(this.driver, id);
  }
  bindPerson(personId: string, binding: PersonBinding, audit: AuditInput, at: string): Promise<void> {
    return people.bindPerson(this.driver, personId, binding, audit, at);
  }
  officeEmails(officeNumber: string): Promise<string[]> {
    return people.officeEmails(this.driver, officeNumber);
  }
  createPersonSession(
    session: { idHash: string; personId: string | null; csrfToken: string; login: PendingLogin | null; at: number },
    expired: { createdBefore: number; idleSince: number },
    audit: AuditInput | undefined,
    at: string,
  ): Promise<void> {
    return people.createPersonSession(this.driver, session, expired, audit, at);
  }
  personSessionByHash(idHash: string): Promise<PersonSessionRecord | undefined> {
    return people.readPersonSession(this.driver, idHash);
  }
  touchPersonSession(idHash: string, at: number): Promise<void> {
    return people.touchPersonSession(this.driver, idHash, at);
  }
  deletePersonSession(idHash: string, audit?: AuditInput, at?: string): Promise<boolean> {
    return people.deletePersonSession(this.driver, idHash, audit, at);
  }
  addInvitation(invitation: InvitationRecord, audit: AuditInput, at: string): Promise<void> {
    return people.addInvitation(this.driver, invitation, audit, at);
  }
  invitationByHash(secretHash: string): Promise<InvitationRecord | undefined> {
    return people.invitationByHash(this.driver, secretHash);
  }
  redeemInvitation(secretHash: string, personId: string, now: number, audit: AuditInput, at: string): Promise<boolean> {
    return people.redeemInvitation(this.driver, secretHash, personId, now, audit, at);
  }
  invitations(municipality: string): Promise<InvitationRecord[]> {
    return people.listInvitations(this.driver, municipality);
  }

  /* ---- filing ---- */

  private async keyInTx(tx: SqlTx, officeNumber: string, key: string): Promise<FilingOutcome | undefined> {
    const r = await tx.get<{ receipt_number: string; revision: number; body_sha256: string }>(
      'SELECT receipt_number, revision, body_sha256 FROM revisions WHERE office_number = ? AND idempotency_key = ?',
      [officeNumber, key],
    );
    return r && { created: false, receiptNumber: r.receipt_number, revision: Number(r.revision), bodySha256: r.body_sha256 };
  }

  revisionByKey(officeNumber: string, key: string): Promise<FilingOutcome | undefined> {
    return this.keyInTx(this.driver, officeNumber, key);
  }

  /**
   * Attachment bytes go in first (durably), inside the transaction and under the shared blob lock, so a purge cannot
   * remove the same (content-addressed) bytes between this write and the commit of the rows that point at them.
   */
  private async putBlobs(tx: SqlTx, revision: NewRevision): Promise<string[]> {
    if (revision.attachments.length === 0) return [];
    await this.driver.lockBlobs(tx, false);
    const locations: string[] = [];
    for (const a of revision.attachments) locations.push(await this.driver.blobs.put(tx, a.sha256, a.bytes));
    return locations;
  }

  private async insertRevision(tx: SqlTx, receiptNumber: string, revisionNo: number, r: NewRevision): Promise<void> {
    const locations = await this.putBlobs(tx, r);
    await tx.run(
      'INSERT INTO revisions (receipt_number, revision, office_number, received_at, idempotency_key, body_sha256, warnings_json, computed_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [receiptNumber, revisionNo, r.officeNumber, r.receivedAt, r.idempotencyKey, r.bodySha256, JSON.stringify(r.warnings), JSON.stringify(r.computed)],
    );
    for (const [i, d] of r.documents.entries())
      await tx.run('INSERT INTO documents (receipt_number, revision, position, form, data_json, sha256) VALUES (?, ?, ?, ?, ?, ?)', [
        receiptNumber,
        revisionNo,
        i,
        d.form,
        // Canonical, so the stored text is exactly what `sha256` (on the receipt) was computed over.
        canonicalJson(d.data),
        d.sha256,
      ]);
    for (const [i, a] of r.attachments.entries())
      await tx.run('INSERT INTO attachments (receipt_number, revision, position, name, sha256, size, location) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        receiptNumber,
        revisionNo,
        i,
        a.name,
        a.sha256,
        a.size,
        locations[i],
      ]);
  }

  private async withUniqueRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (attempt >= UNIQUE_RETRIES || !this.driver.isUniqueViolation(e)) throw e;
      }
    }
  }

  async file(f: NewFiling): Promise<FilingOutcome> {
    return this.withUniqueRetry(() =>
      this.driver.transaction(async (tx) => {
        // The counter row is locked first: filings for this city and year queue here, so the idempotency check below sees
        // every filing committed before, and the number taken is the next one with no gap (a rollback returns it).
        await tx.run('INSERT INTO receipt_counters (prefix, year, last_seq) VALUES (?, ?, 0) ON CONFLICT (prefix, year) DO NOTHING', [f.prefix, f.year]);
        const counter = await tx.get<{ last_seq: number }>(`SELECT last_seq FROM receipt_counters WHERE prefix = ? AND year = ?${this.driver.forUpdate}`, [f.prefix, f.year]);
        const existing = await this.keyInTx(tx, f.officeNumber, f.idempotencyKey);
        if (existing) return existing;
        const seq = Number(counter!.last_seq) + 1;
        await tx.run('UPDATE receipt_counters SET last_seq = ? WHERE prefix = ? AND year = ?', [seq, f.prefix, f.year]);
        const receiptNumber = formatReceiptNumber(f.prefix, f.year, seq);
        await tx.run(`INSERT INTO submissions (${HEAD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 'received', 1, ?, ?)`, [
          receiptNumber,
          f.municipality,
          f.year,
          seq,
          f.officeNumber,
          f.kind,
          f.receivedAt,
          f.receivedAt,
        ]);
        await this.insertRevision(tx, receiptNumber, 1, f);
        await tx.run('INSERT INTO events (receipt_number, revision, at, actor, from_status, to_status, reason) VALUES (?, 1, ?, ?, NULL, ?, NULL)', [
          receiptNumber,
          f.receivedAt,
          f.actor,
          'received',
        ]);
        const recordSha256 = filingAnchor({ receiptNumber, revision: 1, municipality: f.municipality, officeNumber: f.officeNumber, kind: f.kind, documents: f.documents, attachments: f.attachments });
        await appendAuditInTx(this.driver, tx, [{ actor: f.actor, action: 'filed', subject: receiptNumber, details: { ...f.auditDetails, revision: 1, recordSha256 } }], f.receivedAt);
        return { created: true, receiptNumber, revision: 1, bodySha256: f.bodySha256 };
      }),
    );
  }

  async resubmit(receiptNumber: string, expectedRevision: number, r: NewRevision): Promise<FilingOutcome> {
    return this.withUniqueRetry(() =>
      this.driver.transaction(async (tx) => {
        const head = await tx.get<HeadRow>(`SELECT ${HEAD_COLUMNS} FROM submissions WHERE receipt_number = ?${this.driver.forUpdate}`, [receiptNumber]);
        const existing = await this.keyInTx(tx, r.officeNumber, r.idempotencyKey);
        if (existing) return existing;
        if (!head || head.status !== 'returned' || Number(head.revision) !== expectedRevision)
          throw new StaleSubmissionError(`受付番号 ${receiptNumber} は差戻し中ではないため、再提出できません。`);
        const next = Number(head.revision) + 1;
        await this.insertRevision(tx, receiptNumber, next, r);
        await tx.run(`UPDATE submissions SET status = 'received', revision = ?, updated_at = ? WHERE receipt_number = ?`, [next, r.receivedAt, receiptNumber]);
        await tx.run('INSERT INTO events (receipt_number, revision, at, actor, from_status, to_status, reason) VALUES (?, ?, ?, ?, ?, ?, NULL)', [
          receiptNumber,
          next,
          r.receivedAt,
          r.actor,
          'returned',
          'received',
        ]);
        const recordSha256 = filingAnchor({ receiptNumber, revision: next, municipality: head.municipality, officeNumber: head.office_number, kind: head.kind, documents: r.documents, attachments: r.attachments });
        await appendAuditInTx(this.driver, tx, [{ actor: r.actor, action: 'resubmitted', subject: receiptNumber, details: { ...r.auditDetails, revision: next, recordSha256 } }], r.receivedAt);
        return { created: true, receiptNumber, revision: next, bodySha256: r.bodySha256 };
      }),
    );
  }

  /* ---- reading ---- */

  async head(receiptNumber: string): Promise<SubmissionHead | undefined> {
    const r = await this.driver.get<HeadRow>(`SELECT ${HEAD_COLUMNS} FROM submissions WHERE receipt_number = ?`, [receiptNumber]);
    return r && toHead(r);
  }

  async submission(receiptNumber: string, revisionNo?: number): Promise<SubmissionRecord | undefined> {
    const head = await this.head(receiptNumber);
    if (!head) return undefined;
    const revision = revisionNo ?? head.revision;
    const db = this.driver;
    const rev = await db.get<{ received_at: string; idempotency_key: string; body_sha256: string; warnings_json: string; computed_json: string }>(
      'SELECT received_at, idempotency_key, body_sha256, warnings_json, computed_json FROM revisions WHERE receipt_number = ? AND revision = ?',
      [receiptNumber, revision],
    );
    if (!rev) return undefined;
    const documents = await db.all<{ position: number; form: string; data_json: string; sha256: string }>(
      'SELECT position, form, data_json, sha256 FROM documents WHERE receipt_number = ? AND revision = ? ORDER BY position',
      [receiptNumber, revision],
    );
    const attachments = await db.all<{ position: number; name: string; sha256: string; size: number; location: string }>(
      'SELECT position, name, sha256, size, location FROM attachments WHERE receipt_number = ? AND revision = ? ORDER BY position',
      [receiptNumber, revision],
    );
    const revisions = await db.all<{ revision: number; received_at: string }>('SELECT revision, received_at FROM revisions WHERE receipt_number = ? ORDER BY revision', [receiptNumber]);
    const events = await db.all<{ revision: number; at: string; actor: string; from_status: SubmissionStatus | null; to_status: SubmissionStatus; reason: string | null }>(
      'SELECT revision, at, actor, from_status, to_status, reason FROM events WHERE receipt_number = ? ORDER BY id',
      [receiptNumber],
    );
    const notice = await db.get<{ form: string; data_json: string; sha256: string; issued_at: string }>('SELECT form, data_json, sha256, issued_at FROM notices WHERE receipt_number = ?', [
      receiptNumber,
    ]);
    return {
      ...head,
      current: {
        revision,
        receivedAt: rev.received_at,
        idempotencyKey: rev.idempotency_key,
        bodySha256: rev.body_sha256,
        warnings: JSON.parse(rev.warnings_json) as unknown[],
        computed: JSON.parse(rev.computed_json) as unknown[],
        documents: documents.map((d) => ({ position: Number(d.position), form: d.form, data: JSON.parse(d.data_json) as Json, sha256: d.sha256 })),
        attachments: attachments.map((a) => ({ position: Number(a.position), name: a.name, sha256: a.sha256, size: Number(a.size), location: a.location })),
      },
      revisions: revisions.map((r) => ({ revision: Number(r.revision), receivedAt: r.received_at })),
      events: events.map((e) => ({ revision: Number(e.revision), at: e.at, actor: e.actor, from: e.from_status, to: e.to_status, reason: e.reason })),
      notice: notice && { form: notice.form, data: JSON.parse(notice.data_json) as Json, sha256: notice.sha256, issuedAt: notice.issued_at },
    };
  }

  async list(filter: SubmissionFilter): Promise<SubmissionHead[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.municipality) (where.push('municipality = ?'), params.push(filter.municipality));
    if (filter.officeNumber) (where.push('office_number = ?'), params.push(filter.officeNumber));
    if (filter.status) (where.push('status = ?'), params.push(filter.status));
    const rows = await this.driver.all<HeadRow>(
      `SELECT ${HEAD_COLUMNS} FROM submissions${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at, receipt_number`,
      params,
    );
    return rows.map(toHead);
  }

  async filedDocuments(officeNumber: string, form: string, exceptReceipt = ''): Promise<{ receiptNumber: string; data: Json }[]> {
    const rows = await this.driver.all<{ receipt_number: string; data_json: string }>(
      `SELECT d.receipt_number, d.data_json FROM documents d JOIN submissions s ON s.receipt_number = d.receipt_number AND s.revision = d.revision
       WHERE s.office_number = ? AND d.form = ? AND s.status <> 'returned' AND s.receipt_number <> ? ORDER BY s.received_at, d.position`,
      [officeNumber, form, exceptReceipt],
    );
    return rows.map((r) => ({ receiptNumber: r.receipt_number, data: JSON.parse(r.data_json) as Json }));
  }

  attachmentBytes(location: string): Promise<Uint8Array | undefined> {
    return this.driver.blobs.get(location);
  }

  /* ---- lifecycle, registry, audit, retention ---- */

  changeStatus(change: StatusChange): Promise<void> {
    return applyStatusChange(this.driver, change);
  }
  registryEntries(municipality: string): Promise<RegistryEntry[]> {
    return readRegistryEntries(this.driver, municipality);
  }
  registryEntry(municipality: string, officeNumber: string): Promise<RegistryEntry | undefined> {
    return readRegistryEntry(this.driver, municipality, officeNumber);
  }
  registryHistory(municipality: string): Promise<RegistryHistoryRow[]> {
    return readRegistryHistory(this.driver, municipality);
  }
  async appendAudit(entries: AuditInput[], at: string): Promise<void> {
    await this.driver.transaction((tx) => appendAuditInTx(this.driver, tx, entries, at));
  }
  auditLog(): Promise<AuditEntry[]> {
    return readAuditLog(this.driver);
  }
  auditCheckpoints(): Promise<AuditCheckpoint[]> {
    return readAuditCheckpoints(this.driver);
  }
  signLegacyAudit(at: string): Promise<{ signed: number } | { refused: string }> {
    return signLegacyEntries(this.driver, at, (entries) => {
      const chain = verifyAuditChain(entries);
      return chain.ok ? undefined : chain.reason;
    });
  }
  purge(cutoff: string, options: { dryRun: boolean; at: string; actor: string; olderThan: string }): Promise<PurgeReport> {
    return purgeSubmissions(this.driver, cutoff, options);
  }
  async integrityCheck(): Promise<string> {
    if (this.driver.dialect === 'sqlite') {
      const rows = await this.driver.all<{ integrity_check: string }>('PRAGMA integrity_check');
      return rows.map((r) => r.integrity_check).join('\n');
    }
    // PostgreSQL checks its pages itself; what can go wrong here is a reference without its row.
    const orphans = await this.driver.get<{ n: number }>(
      'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM documents d LEFT JOIN revisions r ON r.receipt_number = d.receipt_number AND r.revision = d.revision WHERE r.receipt_number IS NULL',
    );
    return Number(orphans?.n ?? 0) === 0 ? 'ok' : `参照先のない書類が ${orphans!.n} 件あります。`;
  }
}
