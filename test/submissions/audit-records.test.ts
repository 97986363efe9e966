/**
 * The audit log anchors what it records: each filing, status change, notice and token creation carries the SHA-256 of the
 * record as stored, and `yoshiki audit verify` re-hashes the stored records (filed data, attachment bytes, events,
 * notices, tokens) against it. Changing, removing or adding a record behind the audit's back is reported with the entry
 * and the record (受付番号 and 版, token id) it concerns; a purge the audit recorded is not.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../src/store/canonical.ts';
import { purgeExpired } from '../../src/submissions/retention.ts';
import type { AuditEntry } from '../../src/store/types.ts';
import { backends, type OpenedStore } from './backends.ts';
import { exportPublicKey, q, verifyTamperedCopy, type TamperContext } from './audit-tamper.ts';
import { runCli } from './cli-run.ts';
import { appFor, bearer, example, henkoOfOfficeB, OFFICE_B, testClock, tinyPdf, tokens } from './fixtures.ts';

interface Facts {
  log: AuditEntry[];
  /** The seq of the first entry with this action and subject. */
  seq(action: string, subject: string, nth?: number): number;
  henkoData: Record<string, unknown>;
  noticeData: Record<string, unknown>;
  attachment: { sha256: string; location: string };
  officeBTokenId: string;
}

interface Tamper {
  name: string;
  sql: (f: Facts) => string[];
  files?: (f: Facts, ctx: TamperContext) => void;
  /** The report after 「監査ログ N 件のうち、」 (or the whole line for a record the audit never saw). */
  report: (f: Facts) => string;
}

const mismatch = (f: Facts, seq: number, reason: string) => `監査ログ ${f.log.length} 件のうち、記録 ${seq} の保存データが記録と一致しません：${reason}\n`;
const OTHER_PDF = Buffer.from('%PDF-1.4\n% 差し替えた中身\n');

const TAMPERS: Tamper[] = [
  {
    // The stored digest is rewritten too, as a careful forger would: the audit's copy is what tells.
    name: '提出された書類のデータの書換え（保存してあるハッシュも計算し直す）',
    sql: (f) => {
      const data = canonicalJson({ ...f.henkoData, changedOn: '令和6年6月1日' });
      return [`UPDATE documents SET data_json = ${q(data)}, sha256 = ${q(sha256Hex(data))} WHERE receipt_number = 'ICH-2024-000002' AND revision = 1`];
    },
    report: (f) =>
      mismatch(f, f.seq('filed', 'ICH-2024-000002'), '受付番号 ICH-2024-000002 第1版：書類 1（ichikawa-kyoten-henko）のデータが、提出されたときと一致しません（書き換えられています）。'),
  },
  {
    name: '添付ファイルの中身の差替え',
    sql: (f) => (f.attachment.location.startsWith('files/') ? [] : [`UPDATE blobs SET bytes = ${`'\\x${OTHER_PDF.toString('hex')}'`} WHERE sha256 = ${q(f.attachment.sha256)}`]),
    files: (f, ctx) => {
      if (ctx.copyDir) fs.writeFileSync(path.join(ctx.copyDir, f.attachment.location), OTHER_PDF);
    },
    report: (f) => mismatch(f, f.seq('filed', 'ICH-2024-000001'), '受付番号 ICH-2024-000001 第1版：添付ファイル 1 件目の中身が、提出されたときと一致しません（書き換えられています）。'),
  },
  {
    name: '提出した事業所の付替え',
    sql: () => [`UPDATE submissions SET office_number = '${OFFICE_B}' WHERE receipt_number = 'ICH-2024-000001'`],
    report: (f) =>
      mismatch(
        f,
        f.seq('filed', 'ICH-2024-000001'),
        '受付番号 ICH-2024-000001 第1版：提出の記録（市・事業所番号・様式・添付ファイルの名前や大きさ）が、提出されたときと一致しません（書き換えられています）。',
      ),
  },
  {
    name: '提出の削除',
    sql: () => ['notices', 'events', 'attachments', 'documents', 'revisions', 'submissions'].map((t) => `DELETE FROM ${t} WHERE receipt_number = 'ICH-2024-000002'`),
    report: (f) => mismatch(f, f.seq('filed', 'ICH-2024-000002'), '受付番号 ICH-2024-000002 第1版：提出が保存データにありません（監査ログを通らずに削除されています）。'),
  },
  {
    name: '状態の書換え',
    sql: () => [`UPDATE submissions SET status = 'accepted' WHERE receipt_number = 'ICH-2024-000002'`],
    report: (f) => {
      const seq = f.seq('resubmitted', 'ICH-2024-000002');
      return mismatch(
        f,
        seq,
        `受付番号 ICH-2024-000002：保存されている状態（第2版・受理）が、監査ログの最後の記録（記録 ${seq}：第2版・受付）と一致しません（監査ログを通らずに変更されています）。`,
      );
    },
  },
  {
    name: '差戻しの理由の書換え',
    sql: () => [`UPDATE events SET reason = '別の理由' WHERE receipt_number = 'ICH-2024-000002' AND to_status = 'returned'`],
    report: (f) =>
      mismatch(f, f.seq('status', 'ICH-2024-000002', 1), '受付番号 ICH-2024-000002 第1版：状態の変更（審査中→差戻し）の履歴（日時・操作した人・理由）が、記録したときと一致しません（書き換えられています）。'),
  },
  {
    name: '受理した人の書換え',
    sql: () => [`UPDATE events SET actor = 'city:ichikawa#000000000000' WHERE receipt_number = 'ICH-2024-000001' AND to_status = 'accepted'`],
    report: (f) =>
      mismatch(f, f.seq('status', 'ICH-2024-000001', 1), '受付番号 ICH-2024-000001 第1版：状態の変更（審査中→受理）の履歴（日時・操作した人・理由）が、記録したときと一致しません（書き換えられています）。'),
  },
  {
    name: '受理の履歴の削除',
    sql: () => [`DELETE FROM events WHERE receipt_number = 'ICH-2024-000001' AND to_status = 'accepted'`],
    report: (f) => mismatch(f, f.seq('status', 'ICH-2024-000001', 1), '受付番号 ICH-2024-000001 第1版：状態の変更（審査中→受理）の履歴が保存データにありません（監査ログを通らずに削除されています）。'),
  },
  {
    name: '通知書の書換え',
    sql: (f) => [`UPDATE notices SET data_json = ${q(canonicalJson({ ...f.noticeData, designatedOn: '令和6年4月1日' }))} WHERE receipt_number = 'ICH-2024-000001'`],
    report: (f) => mismatch(f, f.seq('notice-issued', 'ICH-2024-000001'), '受付番号 ICH-2024-000001 の通知書：内容が、発行したときと一致しません（書き換えられています）。'),
  },
  {
    // The token's hash swapped for that of a token the forger holds: the forger could then act as office B.
    name: 'トークンのハッシュの差替え',
    sql: (f) => [`UPDATE tokens SET hash = ${q(sha256Hex('forger-token'))} WHERE id = ${q(f.officeBTokenId)}`],
    report: (f) =>
      mismatch(
        f,
        f.seq('token-created', `token:${f.officeBTokenId}`),
        `トークン id ${f.officeBTokenId}：保存内容（ハッシュ・役割・事業所番号又は市・メモ・作成日時）が、作成したときと一致しません（書き換えられています）。`,
      ),
  },
  {
    name: 'トークンの追加',
    sql: () => [
      `INSERT INTO tokens (hash, id, role, office_number, municipality, label, created_at) VALUES (${q(sha256Hex('x'))}, 'forged000000', 'city', NULL, 'ichikawa', NULL, '2024-06-20T10:00:00+09:00')`,
    ],
    report: () => '監査ログにない保存データがあります：トークン id forged000000：このトークンは監査ログに作成の記録がありません（監査ログを通らずに追加されています）。\n',
  },
  {
    name: '提出の追加',
    sql: () => [
      `INSERT INTO submissions (receipt_number, municipality, year, seq, office_number, kind, status, revision, received_at, updated_at) VALUES ('ICH-2024-000099', 'ichikawa', 2024, 99, '${OFFICE_B}', 'ichikawa-kyoten-henko', 'received', 1, '2024-06-20T10:00:00+09:00', '2024-06-20T10:00:00+09:00')`,
    ],
    report: () => '監査ログにない保存データがあります：受付番号 ICH-2024-000099：この提出は監査ログに提出の記録がありません（監査ログを通らずに追加されています）。\n',
  },
];

describe.each(backends)('監査ログと保存データ（$name）', (backend) => {
  let opened: OpenedStore;
  const clock = testClock('2024-06-20T10:00:00+09:00');
  let facts: Facts;
  let publicKeyFile = '';

  beforeAll(async () => {
    opened = await backend.open();
    const app = appFor(opened.store, clock);
    const t = await tokens(opened.store, clock);
    const decide = (no: string, body: object) => request(app).post(`/api/submissions/${no}/status`).set(bearer(t.ichikawa)).send(body).expect(200);
    // 000001: office A's 届出書 with an attachment, accepted (notice, registry); 000002: office B's 変更届, returned and resubmitted.
    await request(app)
      .post('/api/submissions')
      .set(bearer(t.officeA))
      .set('Idempotency-Key', 'todokede')
      .field('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data: example('ichikawa-kyoten-todokede') }]))
      .attach('attachments', Buffer.from(await tinyPdf('監査')), { filename: '運営規程案.pdf', contentType: 'application/pdf' })
      .expect(201);
    await decide('ICH-2024-000001', { to: 'reviewing' });
    await decide('ICH-2024-000001', { to: 'accepted', designatedOn: '令和6年6月21日' });
    const henko = { ...henkoOfOfficeB(), changedOn: '令和6年6月10日' };
    const file = (key: string, url: string) => request(app).post(url).set(bearer(t.officeB)).set('Idempotency-Key', key).send({ documents: [{ form: 'ichikawa-kyoten-henko', data: henko }] }).expect(201);
    await file('henko-1', '/api/submissions');
    await decide('ICH-2024-000002', { to: 'reviewing' });
    await decide('ICH-2024-000002', { to: 'returned', reason: '変更年月日を確認してください' });
    await file('henko-2', '/api/submissions/ICH-2024-000002/revisions');

    const log = await opened.store.auditLog();
    const first = (await opened.store.submission('ICH-2024-000001'))!;
    const officeB = (await opened.store.tokens()).find((x) => x.officeNumber === OFFICE_B)!;
    facts = {
      log,
      seq: (action, subject, nth = 0) => log.filter((e) => e.action === action && e.subject === subject)[nth].seq,
      henkoData: (await opened.store.submission('ICH-2024-000002', 1))!.current.documents[0].data,
      noticeData: first.notice!.data,
      attachment: first.current.attachments[0],
      officeBTokenId: officeB.id,
    };
    publicKeyFile = await exportPublicKey(opened);
  });
  afterAll(async () => opened?.cleanup());

  const cliEnv = () => (opened.databaseUrl ? { databaseUrl: opened.databaseUrl } : {});

  it('監査の記録は保存データのハッシュを持ち、届出の内容もトークンも平文では持たない', async () => {
    const anchored = facts.log.filter((e) => typeof e.details.recordSha256 === 'string').map((e) => `${e.action} ${e.subject}`);
    expect(anchored).toEqual([
      ...facts.log.filter((e) => e.action === 'token-created').map((e) => `token-created ${e.subject}`),
      'filed ICH-2024-000001',
      'status ICH-2024-000001',
      'status ICH-2024-000001',
      'filed ICH-2024-000002',
      'status ICH-2024-000002',
      'status ICH-2024-000002',
      'resubmitted ICH-2024-000002',
    ]);
    const text = JSON.stringify(facts.log);
    for (const secret of ['すがのショートステイ', '変更年月日を確認してください', '運営規程案.pdf']) expect(text).not.toContain(secret);
  });

  it('手を加えていなければ、verify は保存データも記録どおりと報告する', async () => {
    const res = await runCli(['audit', 'verify', '--data', opened.keyDir], cliEnv());
    expect(res.code, res.out).toBe(0);
  });

  describe.each(TAMPERS)('監査ログを通らずに $name をすると', (tamper) => {
    it('verify はその記録と受付番号（又はトークン id）を示して終了コード 1', async () => {
      const res = await verifyTamperedCopy(opened, tamper.sql(facts), ['--public-key', publicKeyFile], tamper.files && ((ctx) => tamper.files!(facts, ctx)));
      expect(res.out).toBe(tamper.report(facts));
      expect(res.code).toBe(1);
    });
  });

  it('__proto__・undefined・Date・NaN を含む details は書かずに拒む（監査ログは増えない）', async () => {
    const before = (await opened.store.auditLog()).length;
    const at = '2024-06-20T10:00:00+09:00';
    const write = (details: Record<string, unknown>) => opened.store.appendAudit([{ actor: 'test', action: 'read', subject: 'x', details }], at);
    await expect(write(JSON.parse('{"what":"detail","__proto__":{"admin":true}}'))).rejects.toThrow('監査ログの details は書けません：__proto__ というキー');
    await expect(write({ what: undefined })).rejects.toThrow('監査ログの details.what は書けません：JSON にない値（undefined）');
    await expect(write({ when: new Date(at) })).rejects.toThrow('監査ログの details.when は書けません：プレーンなオブジェクトではない値');
    await expect(write({ n: [1, Number.NaN] })).rejects.toThrow('監査ログの details.n[1] は書けません：有限でない数 NaN');
    await expect(write({ s: 'a\ud800' })).rejects.toThrow('監査ログの details.s は書けません：対になっていないサロゲートを含む文字列');
    expect((await opened.store.auditLog()).length).toBe(before);
  });

  it('保存期間による削除は監査ログに記録されるので、削除された提出は改ざんと報告しない', async () => {
    const report = await purgeExpired(opened.store, { olderThan: '5y', clock: () => new Date('2029-07-01T00:00:00+09:00') });
    expect(report.removed.map((r) => r.receiptNumber)).toEqual(['ICH-2024-000001']);
    const res = await runCli(['audit', 'verify', '--data', opened.keyDir], cliEnv());
    expect(res.code, res.out).toBe(0);
  });
});
