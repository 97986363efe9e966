/**
 * The audit log is a hash chain: entry n carries the hash of entry n−1 (`prev`) and its own SHA-256 over the RFC 8785
 * canonical JSON of (seq, time, actor, action, subject, details, prev). Changing, removing, inserting or reordering an
 * entry breaks the chain at that point, and `verifyAuditChain` names the first entry that no longer fits.
 *
 * A chain alone cannot show that someone who can write the database recomputed every hash after the one they changed,
 * cut the tail off, or appended an entry of their own. So every entry also gets a signed checkpoint (audit-key.ts),
 * written in the same transaction: the entry's number and hash, signed with a key kept outside the database.
 * `verifyCheckpoints` names the first entry without a valid signature over its hash, and the first signed entry that is
 * gone. Removing the tail together with its checkpoints leaves a shorter, valid-looking log: only a count or head hash
 * recorded elsewhere (`audit verify --expect-count/--expect-head`) shows that, and verify prints both for that reason.
 */
import { jcs, sha256Hex } from './canonical.ts';
import { checkpointMessage, verifyCheckpointSignature, type AuditPublicKey } from './audit-key.ts';
import type { AuditCheckpoint, AuditEntry } from '../store/types.ts';

export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(entry: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(
    jcs({
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

/**
 * Checks, for a chain that verifyAuditChain accepted (numbered 1…n without gaps), that every entry has a checkpoint
 * signed by one of `keys` over its own number and hash, and that no checkpoint names an entry beyond the last.
 */
export function verifyCheckpoints(entries: AuditEntry[], checkpoints: AuditCheckpoint[], keys: AuditPublicKey[]): AuditVerification {
  const count = entries.length;
  const bySeq = new Map(checkpoints.map((c) => [c.seq, c]));
  const keyById = new Map(keys.map((k) => [k.keyId, k.key]));
  for (const entry of entries) {
    const fail = (reason: string): AuditVerification => ({ ok: false, count, seq: entry.seq, reason });
    const c = bySeq.get(entry.seq);
    if (!c) return fail(`記録 ${entry.seq} には署名されたチェックポイントがありません（署名鍵を持たない者による追加、又はチェックポイントの削除）。`);
    const key = keyById.get(c.keyId);
    if (!key) return fail(`記録 ${entry.seq} のチェックポイントの署名鍵（鍵ID ${c.keyId}）は、確かめに使う公開鍵のどれでもありません。`);
    if (!verifyCheckpointSignature(key, checkpointMessage(c), c.signature))
      return fail(`記録 ${entry.seq} のチェックポイントの署名が正しくありません（チェックポイントが書き換えられています）。`);
    if (c.hash !== entry.hash)
      return fail(`記録 ${entry.seq} のハッシュが、署名されたチェックポイントの値と一致しません（書換えの後にハッシュが計算し直されています）。`);
  }
  const beyond = checkpoints.filter((c) => c.seq > count).map((c) => c.seq);
  if (beyond.length) {
    const last = Math.max(...beyond);
    const span = last > count + 1 ? `記録 ${count + 1}〜${last}` : `記録 ${last}`;
    return {
      ok: false,
      count,
      seq: count + 1,
      reason:
        count === 0
          ? `監査ログが空ですが、${span} の署名されたチェックポイントがあります（記録がすべて削除されています）。`
          : `${span} の署名されたチェックポイントがありますが、その記録が監査ログにありません（末尾が削除されています）。`,
    };
  }
  return { ok: true, count, head: count ? entries[count - 1].hash : GENESIS_HASH };
}
