/**
 * `yoshiki audit verify`: the chain (audit-chain.ts), then every entry's signed checkpoint against the public keys the
 * auditor trusts, then what an auditor recorded elsewhere (how many entries, the head hash), then the stored records
 * against the data anchors (audit-anchors.ts). Stops at the first problem, naming the entry and the record.
 */
import type { SubmissionStore } from '../store/types.ts';
import { verifyRecords } from '../store/audit-anchors.ts';
import { verifyAuditChain, verifyCheckpoints, GENESIS_HASH } from '../store/audit-chain.ts';
import type { AuditPublicKey } from '../store/audit-key.ts';

export interface AuditVerifyOptions {
  /** The keys whose signatures count (the configured key's public part, or the auditor's copies). */
  keys: AuditPublicKey[];
  /** A count recorded earlier: the log must still have at least that many entries. */
  expectCount?: number;
  /** A head hash recorded earlier: some entry (entry `expectCount`, when given) must still have it. */
  expectHead?: string;
}

export type AuditReport =
  | {
      ok: true;
      count: number;
      head: string;
      keyIds: string[];
      /** Entries signed after they were written (audit sign-legacy, for a log older than checkpoints): first, last, when. */
      signedLater?: { from: number; to: number; at: string };
    }
  | { ok: false; count: number; kind: 'chain' | 'signature' | 'expected' | 'record'; seq?: number; record?: string; reason: string };

export async function verifyAudit(store: SubmissionStore, options: AuditVerifyOptions): Promise<AuditReport> {
  const entries = await store.auditLog();
  const count = entries.length;
  const chain = verifyAuditChain(entries);
  if (!chain.ok) return { ok: false, count, kind: 'chain', seq: chain.seq, reason: chain.reason };
  const signed = verifyCheckpoints(entries, await store.auditCheckpoints(), options.keys);
  if (!signed.ok) return { ok: false, count, kind: 'signature', seq: signed.seq, reason: signed.reason };

  if (options.expectCount !== undefined && count < options.expectCount)
    return {
      ok: false,
      count,
      kind: 'expected',
      seq: count + 1,
      reason: `監査ログは ${count} 件ですが、控えでは ${options.expectCount} 件ありました：記録 ${count + 1}${options.expectCount > count + 1 ? `〜${options.expectCount}` : ''} がチェックポイントごと削除されています。`,
    };
  if (options.expectHead !== undefined) {
    const head = options.expectHead.toLowerCase();
    const at = options.expectCount !== undefined ? entries[options.expectCount - 1] : entries.find((e) => e.hash === head);
    const actual = options.expectCount === 0 ? GENESIS_HASH : at?.hash;
    if (actual !== head)
      return {
        ok: false,
        count,
        kind: 'expected',
        seq: options.expectCount,
        reason:
          options.expectCount !== undefined
            ? `記録 ${options.expectCount} のハッシュが、控えのハッシュ ${head} と一致しません（控えた後に書き換えられています）。`
            : `控えのハッシュ ${head} の記録が監査ログにありません（控えた時点までの記録が削除又は書き換えられています）。`,
      };
  }

  const problem = await verifyRecords(store, entries);
  if (problem) return { ok: false, count, kind: 'record', ...problem };
  const checkpoints = await store.auditCheckpoints();
  // Only sign-legacy writes a checkpoint at another time than its entry; it signs entries 1…k in one go.
  const late = checkpoints.filter((c) => c.at !== entries[c.seq - 1]?.at);
  return {
    ok: true,
    count,
    head: chain.head,
    keyIds: [...new Set(checkpoints.map((c) => c.keyId))],
    signedLater: late.length ? { from: late[0].seq, to: late[late.length - 1].seq, at: late[0].at } : undefined,
  };
}
