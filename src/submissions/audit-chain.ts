/**
 * The audit log is a hash chain: entry n carries the hash of entry n−1 (`prev`) and its own SHA-256 over the canonical
 * JSON of (seq, time, actor, action, subject, details, prev). Changing, removing, inserting or reordering an entry breaks
 * the chain at that point, and `verifyAuditChain` names the first entry that no longer fits.
 *
 * What a chain alone cannot show: someone who can write the database may recompute every hash after the one they changed,
 * or cut the tail off. Record the head hash printed by `yoshiki audit verify` somewhere else (a signed mail, the minutes)
 * to close that gap.
 */
import { canonicalJson, sha256Hex } from './canonical.ts';
import type { AuditEntry } from '../store/types.ts';

export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(entry: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      seq: entry.seq,
      time: entry.at,
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      details: entry.details,
      prev: entry.prevHash,
    }),
  );
}

export type AuditVerification =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; seq: number; reason: string };

/** Checks entries in stored order (by seq); stops at the first that does not fit. */
export function verifyAuditChain(entries: AuditEntry[]): AuditVerification {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    const fail = (reason: string): AuditVerification => ({ ok: false, count: entries.length, seq: entry.seq, reason });
    if (entry.seq !== expectedSeq)
      return fail(
        entry.seq > expectedSeq
          ? `記録 ${entry.seq} の前にあるはずの記録 ${expectedSeq}${entry.seq - expectedSeq > 1 ? `〜${entry.seq - 1}` : ''} がありません（削除されています）。`
          : `記録の番号 ${entry.seq} が順番どおりではありません（${expectedSeq} のはずです）。`,
      );
    if (entry.prevHash !== prevHash)
      return fail(`記録 ${entry.seq} が指す直前の記録のハッシュが、実際の直前の記録と一致しません（記録の挿入・削除・入替え）。`);
    if (auditHash(entry) !== entry.hash) return fail(`記録 ${entry.seq} の内容が、記録したときのハッシュと一致しません（内容が書き換えられています）。`);
    prevHash = entry.hash;
    expectedSeq++;
  }
  return { ok: true, count: entries.length, head: prevHash };
}
