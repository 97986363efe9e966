/**
 * The audit log is append-only (the database refuses UPDATE and DELETE), hash-chained and signed entry by entry with a key
 * kept outside the database. `yoshiki audit verify`, run on a tampered copy with the auditor's copy of the public key,
 * names the first entry that no longer fits for every class of tampering: edit, delete, insert, reorder (the chain);
 * cutting the tail or everything, editing and recomputing the hashes, appending an entry with a correct hash, removing or
 * editing a checkpoint (the signatures); and a tail cut together with its checkpoints (the count and head kept elsewhere).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash } from '../../src/store/audit-chain.ts';
import { checkpointMessage, keyIdOf } from '../../src/store/audit-key.ts';
import { jcs } from '../../src/store/canonical.ts';
import type { SqlSubmissionStore } from '../../src/store/sql-store.ts';
import type { AuditEntry } from '../../src/store/types.ts';
import { backends, type OpenedStore } from './backends.ts';
import { runCli } from './cli-run.ts';
import { exportPublicKey, q, verifyTamperedCopy } from './audit-tamper.ts';
import { appFor, bearer, example, henkoOfOfficeB, testClock, tinyPdf, tokens } from './fixtures.ts';

const AT = '2024-06-20T10:00:00+09:00';
const insertEntry = (e: AuditEntry) =>
  `INSERT INTO audit_log (seq, at, actor, action, subject, details_json, prev_hash, hash) VALUES (${e.seq}, ${q(e.at)}, ${q(e.actor)}, ${q(e.action)}, ${q(e.subject)}, ${q(jcs(e.details))}, ${q(e.prevHash)}, ${q(e.hash)})`;
/** An entry with a correct hash, chained onto `prev`: what a forger with database access (and no key) can write. */
function forgedEntry(seq: number, prevHash: string): AuditEntry {
  const entry = { seq, at: AT, actor: 'office:0000000000#x', action: 'filed', subject: 'ICH-2024-999999', details: {}, prevHash };
  return { ...entry, hash: auditHash(entry) };
}
/** A key of the forger's own: a valid Ed25519 key, but not the one the auditor exported. */
const FORGER = crypto.generateKeyPairSync('ed25519');
const FORGER_KEY_ID = keyIdOf(FORGER.publicKey);
const shift = ['UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3', 'UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1003'];

interface Tamper {
  name: string;
  sql: (log: AuditEntry[]) => string[];
  /** Extra verify arguments (what the auditor recorded elsewhere). */
  args?: (log: AuditEntry[]) => string[];
  /** The whole report verify prints. */
  report: (log: AuditEntry[]) => string;
}

const broken = (count: number, seq: number, reason: string) => `監査ログ ${count} 件のうち、記録 ${seq} で連鎖が壊れています：${reason}\n`;
const unsigned = (count: number, seq: number, reason: string) => `監査ログ ${count} 件のうち、記録 ${seq} で署名が確かめられません：${reason}\n`;

const TAMPERS: Tamper[] = [
  {
    name: '内容の書換え',
    sql: () => [`UPDATE audit_log SET details_json = '{"forged":true}' WHERE seq = 3`],
    report: () => broken(7, 3, '記録 3 の内容が、記録したときのハッシュと一致しません（内容が書き換えられています）。'),
  },
  { name: '削除', sql: () => ['DELETE FROM audit_log WHERE seq = 3'], report: () => broken(6, 4, '記録 4 の前にあるはずの記録 3 がありません（削除されています）。') },
  {
    name: '挿入',
    sql: (log) => [...shift, insertEntry({ ...forgedEntry(3, log[1].hash), hash: 'f'.repeat(64) })],
    report: () => broken(8, 3, '記録 3 の内容が、記録したときのハッシュと一致しません（内容が書き換えられています）。'),
  },
  {
    // A forger who computes the inserted entry's hash correctly still breaks the link to the entry after it.
    name: '正しいハッシュ付きの挿入',
    sql: (log) => [...shift, insertEntry(forgedEntry(3, log[1].hash))],
    report: () => broken(8, 4, '記録 4 が指す直前の記録のハッシュが、実際の直前の記録と一致しません（記録の挿入・削除・入替え）。'),
  },
  {
    name: '入替え',
    sql: () => ['UPDATE audit_log SET seq = -1 WHERE seq = 3', 'UPDATE audit_log SET seq = 3 WHERE seq = 4', 'UPDATE audit_log SET seq = 4 WHERE seq = -1'],
    report: () => broken(7, 3, '記録 3 が指す直前の記録のハッシュが、実際の直前の記録と一致しません（記録の挿入・削除・入替え）。'),
  },
  {
    name: '末尾の削除',
    sql: () => ['DELETE FROM audit_log WHERE seq >= 6'],
    report: () => unsigned(5, 6, '記録 6〜7 の署名されたチェックポイントがありますが、その記録が監査ログにありません（末尾が削除されています）。'),
  },
  {
    name: '全件の削除',
    sql: () => ['DELETE FROM audit_log'],
    report: () => unsigned(0, 1, '監査ログが空ですが、記録 1〜7 の署名されたチェックポイントがあります（記録がすべて削除されています）。'),
  },
  {
    // Each later hash is recomputed, so the chain alone is intact; the signature over entry 3's old hash is not.
    name: '書換えとハッシュの再計算',
    sql: (log) => {
      const rewritten: AuditEntry[] = [];
      let prevHash = log[1].hash;
      for (const e of log.slice(2)) {
        const entry = { ...e, details: e.seq === 3 ? { ...e.details, officeNumber: '9999999999' } : e.details, prevHash };
        rewritten.push({ ...entry, hash: (prevHash = auditHash(entry)) });
      }
      return ['DELETE FROM audit_log WHERE seq >= 3', ...rewritten.map(insertEntry)];
    },
    report: () => unsigned(7, 3, '記録 3 のハッシュが、署名されたチェックポイントの値と一致しません（書換えの後にハッシュが計算し直されています）。'),
  },
  {
    name: '正しいハッシュ付きの追加',
    sql: (log) => [insertEntry(forgedEntry(8, log[6].hash))],
    report: () => unsigned(8, 8, '記録 8 には署名されたチェックポイントがありません（署名鍵を持たない者による追加、又はチェックポイントの削除）。'),
  },
  {
    name: '別の鍵で署名したチェックポイント付きの追加',
    sql: (log) => {
      const entry = forgedEntry(8, log[6].hash);
      const c = { seq: 8, hash: entry.hash, at: AT, keyId: FORGER_KEY_ID };
      const signature = crypto.sign(null, Buffer.from(checkpointMessage(c)), FORGER.privateKey).toString('base64');
      return [insertEntry(entry), `INSERT INTO audit_checkpoints (seq, head_hash, at, key_id, signature) VALUES (8, ${q(c.hash)}, ${q(AT)}, ${q(c.keyId)}, ${q(signature)})`];
    },
    report: () => unsigned(8, 8, `記録 8 のチェックポイントの署名鍵（鍵ID ${FORGER_KEY_ID}）は、確かめに使う公開鍵のどれでもありません。`),
  },
  {
    name: 'チェックポイントの削除',
    sql: () => ['DELETE FROM audit_checkpoints WHERE seq = 4'],
    report: () => unsigned(7, 4, '記録 4 には署名されたチェックポイントがありません（署名鍵を持たない者による追加、又はチェックポイントの削除）。'),
  },
  {
    name: 'チェックポイントの書換え',
    sql: () => [`UPDATE audit_checkpoints SET at = '2024-01-01T00:00:00+09:00' WHERE seq = 2`],
    report: () => unsigned(7, 2, '記録 2 のチェックポイントの署名が正しくありません（チェックポイントが書き換えられています）。'),
  },
  {
    // Only what was recorded elsewhere shows this: the log is shorter but everything left in it is signed.
    name: '末尾をチェックポイントごと削除（控えた件数とハッシュで確かめる）',
    sql: () => ['DELETE FROM audit_log WHERE seq >= 6', 'DELETE FROM audit_checkpoints WHERE seq >= 6'],
    args: (log) => ['--expect-count', '7', '--expect-head', log[6].hash],
    report: () => '監査ログ 5 件のうち、記録 6 で控えと一致しません：監査ログは 5 件ですが、控えでは 7 件ありました：記録 6〜7 がチェックポイントごと削除されています。\n',
  },
  {
    name: '全件をチェックポイントごと削除（控えた件数で確かめる）',
    sql: () => ['DELETE FROM audit_log', 'DELETE FROM audit_checkpoints'],
    args: () => ['--expect-count', '7'],
    report: () => '監査ログ 0 件のうち、記録 1 で控えと一致しません：監査ログは 0 件ですが、控えでは 7 件ありました：記録 1〜7 がチェックポイントごと削除されています。\n',
  },
];

describe.each(backends)('監査ログ（$name）', (backend) => {
  let opened: OpenedStore;
  const clock = testClock(AT);
  let publicKeyFile = '';
  let log: AuditEntry[] = [];

  beforeAll(async () => {
    opened = await backend.open();
    const app = appFor(opened.store, clock);
    const t = await tokens(opened.store, clock);
    const henko = (changedOn: string) => JSON.stringify([{ form: 'ichikawa-kyoten-henko', data: { ...henkoOfOfficeB(), changedOn } }]);
    await request(app).post('/api/submissions').set(bearer(t.officeB)).set('Idempotency-Key', 'a').field('documents', henko('令和6年6月10日')).expect(201);
    await request(app)
      .post('/api/submissions')
      .set(bearer(t.officeB))
      .set('Idempotency-Key', 'b')
      .field('documents', henko('令和6年6月11日'))
      .attach('attachments', Buffer.from(await tinyPdf('監査')), { filename: '運営規程案.pdf', contentType: 'application/pdf' })
      .expect(201);
    await request(app).post('/api/submissions/ICH-2024-000001/status').set(bearer(t.ichikawa)).send({ to: 'reviewing' }).expect(200);
    log = await opened.store.auditLog();
    publicKeyFile = await exportPublicKey(opened);
  });
  afterAll(async () => opened?.cleanup());

  const cliEnv = () => (opened.databaseUrl ? { databaseUrl: opened.databaseUrl } : {});

  it('記録するたびに、前の記録のハッシュを持ち署名された記録が増え、verify は改ざんなしと報告して件数と最新のハッシュを示す', async () => {
    expect(log.map((e) => e.action)).toEqual(['token-created', 'token-created', 'token-created', 'token-created', 'filed', 'filed', 'status']);
    expect(log[4].prevHash).toBe(log[3].hash);
    expect((await opened.store.auditCheckpoints()).map((c) => [c.seq, c.hash])).toEqual(log.map((e) => [e.seq, e.hash]));
    // No filed content in the audit: forms and digests only.
    expect(JSON.stringify(log)).not.toContain('すがのショートステイ');
    const res = await runCli(['audit', 'verify', '--data', opened.keyDir], cliEnv());
    expect(res.code, res.err).toBe(0);
    const keyId = (await opened.store.auditCheckpoints())[0].keyId;
    expect(res.out).toBe(
      [
        `監査ログ 7 件を確かめました。改ざんは見つかりませんでした（ハッシュの連鎖、全件の署名（鍵ID ${keyId}）、提出・状態の変更・通知書・トークンの保存データ）。`,
        `最新の記録のハッシュ：${log[6].hash}`,
        `（--expect-count 7 --expect-head ${log[6].hash} を別の場所に控えておくと、次に確かめるとき、末尾をチェックポイントごと削除されていても分かります。）`,
        '',
      ].join('\n'),
    );
  });

  it('控えた件数とハッシュが今のログと合えば、verify は改ざんなしと報告する', async () => {
    const res = await runCli(['audit', 'verify', '--public-key', publicKeyFile, '--expect-count', '7', '--expect-head', log[6].hash, ...(opened.dataDir ? ['--data', opened.dataDir] : [])], cliEnv());
    expect(res.code, res.out).toBe(0);
  });

  it('データベース自体が監査ログとチェックポイントの変更・削除を拒む', async () => {
    const driver = (opened.store as SqlSubmissionStore).driver;
    await expect(driver.run(`UPDATE audit_log SET actor = 'x' WHERE seq = 1`)).rejects.toThrow(/追記のみ/);
    await expect(driver.run('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/追記のみ/);
    await expect(driver.run(`UPDATE audit_checkpoints SET signature = 'x' WHERE seq = 1`)).rejects.toThrow(/追記のみ/);
    await expect(driver.run('DELETE FROM audit_checkpoints WHERE seq = 1')).rejects.toThrow(/追記のみ/);
    expect((await opened.store.auditLog())[0].actor).not.toBe('x');
  });

  it('同じ内容の書き直し（キーの順序・空白・\\u エスケープ・1.0）は改ざんと報告しない（RFC 8785 で比べる）', async () => {
    const status = log[6];
    const respelled = `{ "to" : "review\\u0069ng", "revision" : 1.0, "reasonGiven": false, "recordSha256": "${String(status.details.recordSha256)}", "from": "received" }`;
    const res = await verifyTamperedCopy(opened, [`UPDATE audit_log SET details_json = ${q(respelled)} WHERE seq = 7`], ['--public-key', publicKeyFile]);
    expect(res.code, res.out).toBe(0);
    expect(res.out).toContain('監査ログ 7 件を確かめました。改ざんは見つかりませんでした');
  });

  it('公開鍵を差し替えて確かめると、どの記録の署名も通らない（最初の記録 1 を示す）', async () => {
    const other = `${publicKeyFile}.other.pem`;
    fs.writeFileSync(other, FORGER.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const keyId = (await opened.store.auditCheckpoints())[0].keyId;
    const res = await verifyTamperedCopy(opened, [], ['--public-key', other]);
    expect(res.code).toBe(1);
    expect(res.out).toBe(unsigned(7, 1, `記録 1 のチェックポイントの署名鍵（鍵ID ${keyId}）は、確かめに使う公開鍵のどれでもありません。`));
  });

  describe.each(TAMPERS)('複製したデータベースで $name をすると', (tamper) => {
    it('verify は最初に問題のある記録を示して終了コード 1', async () => {
      const res = await verifyTamperedCopy(opened, tamper.sql(log), ['--public-key', publicKeyFile, ...(tamper.args?.(log) ?? [])]);
      expect(res.out).toBe(tamper.report(log));
      expect(res.code).toBe(1);
    });
  });
});
