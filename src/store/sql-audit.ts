/**
 * Appending to and reading the audit chain. There is no statement here (or anywhere) that updates or deletes an entry;
 * the database refuses both with triggers.
 */
import { auditHash, GENESIS_HASH } from '../submissions/audit-chain.ts';
import { canonicalJson } from '../submissions/canonical.ts';
import type { SqlDriver, SqlTx } from './sql.ts';
import type { AuditEntry, AuditInput } from './types.ts';

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details_json: string;
  prev_hash: string;
  hash: string;
}

/** Appends entries inside the caller's transaction, after the chain lock, so two writers never share a `prev`. */
export async function appendAuditInTx(driver: SqlDriver, tx: SqlTx, inputs: AuditInput[], at: string): Promise<void> {
  if (inputs.length === 0) return;
  await driver.lockAuditChain(tx);
  const last = await tx.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  let seq = last ? Number(last.seq) : 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  for (const input of inputs) {
    seq++;
    // Stored as canonical JSON and hashed from the parsed value, so the check reads exactly what was hashed.
    const details = JSON.parse(canonicalJson(input.details)) as Record<string, unknown>;
    const entry = { seq, at, actor: input.actor, action: input.action, subject: input.subject, details, prevHash };
    const hash = auditHash(entry);
    await tx.run('INSERT INTO audit_log (seq, at, actor, action, subject, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      seq,
      at,
      entry.actor,
      entry.action,
      entry.subject,
      canonicalJson(details),
      prevHash,
      hash,
    ]);
    prevHash = hash;
  }
}

export async function readAuditLog(driver: SqlDriver): Promise<AuditEntry[]> {
  const rows = await driver.all<AuditRow>('SELECT seq, at, actor, action, subject, details_json, prev_hash, hash FROM audit_log ORDER BY seq');
  return rows.map((r) => {
    let details: Record<string, unknown>;
    try {
      details = JSON.parse(r.details_json) as Record<string, unknown>;
    } catch {
      // Unreadable details cannot match their hash; keep the raw text so verification reports this entry.
      details = { unreadable: r.details_json };
    }
    return { seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, subject: r.subject, details, prevHash: r.prev_hash, hash: r.hash };
  });
}
