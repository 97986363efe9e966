/**
 * Appending to and reading the audit chain and its signed checkpoints. There is no statement here (or anywhere) that
 * updates or deletes an entry or a checkpoint; the database refuses both with triggers.
 */
import { auditHash, GENESIS_HASH } from './audit-chain.ts';
import { checkpointMessage, type AuditSigner } from './audit-key.ts';
import { assertPlainJson, jcs } from './canonical.ts';
import type { SqlDriver, SqlTx } from './sql.ts';
import type { AuditCheckpoint, AuditEntry, AuditInput } from './types.ts';

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

/**
 * The signer of each store's driver. Kept here, beside the one function that appends, so the several places that write
 * audit entries inside their own transactions (filing, status changes, retention) sign without each passing a key.
 */
const signers = new WeakMap<SqlDriver, AuditSigner>();

export function setAuditSigner(driver: SqlDriver, signer: AuditSigner | undefined): void {
  if (signer) signers.set(driver, signer);
  else signers.delete(driver);
}

/**
 * Appends entries inside the caller's transaction, after the chain lock, so two writers never share a `prev`; each entry
 * gets its signed checkpoint in the same transaction, so there is no moment at which an entry stands unsigned.
 */
export async function appendAuditInTx(driver: SqlDriver, tx: SqlTx, inputs: AuditInput[], at: string): Promise<void> {
  if (inputs.length === 0) return;
  const signer = signers.get(driver);
  // A store opened only to read (audit verify) has no key; writing through it is a programming error, not a user's.
  if (!signer) throw new Error('監査ログの署名鍵なしで開いたデータベースには、監査ログを書けません。');
  for (const input of inputs) assertPlainJson(input.details, '');
  await driver.lockAuditChain(tx);
  const last = await tx.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  let seq = last ? Number(last.seq) : 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  for (const input of inputs) {
    seq++;
    const entry = { seq, at, actor: input.actor, action: input.action, subject: input.subject, details: input.details, prevHash };
    const hash = auditHash(entry);
    // Stored as RFC 8785 JSON, the form the hash is computed over.
    await tx.run('INSERT INTO audit_log (seq, at, actor, action, subject, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      seq,
      at,
      entry.actor,
      entry.action,
      entry.subject,
      jcs(input.details),
      prevHash,
      hash,
    ]);
    const checkpoint = { seq, hash, at, keyId: signer.keyId };
    await tx.run('INSERT INTO audit_checkpoints (seq, head_hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?)', [
      seq,
      hash,
      at,
      signer.keyId,
      signer.sign(checkpointMessage(checkpoint)),
    ]);
    prevHash = hash;
  }
}

const SELECT_LOG = 'SELECT seq, at, actor, action, subject, details_json, prev_hash, hash FROM audit_log ORDER BY seq';

function toEntry(r: AuditRow): AuditEntry {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(r.details_json) as Record<string, unknown>;
  } catch {
    // Unreadable details cannot match their hash; keep the raw text so verification reports this entry.
    details = { unreadable: r.details_json };
  }
  return { seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, subject: r.subject, details, prevHash: r.prev_hash, hash: r.hash };
}

export async function readAuditLog(driver: SqlDriver): Promise<AuditEntry[]> {
  return (await driver.all<AuditRow>(SELECT_LOG)).map(toEntry);
}

export async function readAuditCheckpoints(driver: SqlDriver): Promise<AuditCheckpoint[]> {
  const rows = await driver.all<{ seq: number; head_hash: string; at: string; key_id: string; signature: string }>(
    'SELECT seq, head_hash, at, key_id, signature FROM audit_checkpoints ORDER BY seq',
  );
  return rows.map((r) => ({ seq: Number(r.seq), hash: r.head_hash, at: r.at, keyId: r.key_id, signature: r.signature }));
}

/**
 * A database written before checkpoints existed has entries without any. `yoshiki audit sign-legacy` signs them once, with
 * the time of signing (so verify tells them apart), and only in that state: the chain intact and no checkpoint at all.
 * Never automatically — a server that signed whatever it found unsigned at start would sign a forger's entries too.
 */
export async function signLegacyEntries(
  driver: SqlDriver,
  at: string,
  checkChain: (entries: AuditEntry[]) => string | undefined,
): Promise<{ signed: number } | { refused: string }> {
  const signer = signers.get(driver);
  if (!signer) throw new Error('監査ログの署名鍵なしで開いたデータベースには、署名できません。');
  return driver.transaction(async (tx) => {
    await driver.lockAuditChain(tx);
    const existing = await tx.get<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM audit_checkpoints');
    if (Number(existing?.n ?? 0) > 0)
      return { refused: '署名されたチェックポイントがすでにあります。署名のない記録は、導入前の記録ではなく、署名鍵を持たない者による追加です（audit verify で確かめてください）。' };
    const entries = (await tx.all<AuditRow>(SELECT_LOG)).map(toEntry);
    const broken = checkChain(entries);
    if (broken) return { refused: `ハッシュの連鎖が壊れているため署名しません：${broken}` };
    for (const e of entries) {
      const checkpoint = { seq: e.seq, hash: e.hash, at, keyId: signer.keyId };
      await tx.run('INSERT INTO audit_checkpoints (seq, head_hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?)', [e.seq, e.hash, at, signer.keyId, signer.sign(checkpointMessage(checkpoint))]);
    }
    return { signed: entries.length };
  });
}
