/**
 * Retention (S002 §24-3(3), §25-3(3): 5年間保存) and the token command: `purge --older-than` removes settled filings past
 * the period with their files and says what it removed; the audit records the purge by receipt number only. Tokens are
 * shown once and stored only as their SHA-256.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/store/canonical.ts';
import { verifyAuditChain } from '../../src/store/audit-chain.ts';
import { purgeExpired, retentionCutoff } from '../../src/submissions/retention.ts';
import { ensureDemoTokens, authenticate } from '../../src/submissions/tokens.ts';
import { SQLITE_FILE } from '../../src/store/sqlite-driver.ts';
import { backends, type OpenedStore } from './backends.ts';
import { runCli } from './cli-run.ts';
import { appFor, bearer, example, henkoOfOfficeB, testClock, tinyPdf, tokens } from './fixtures.ts';

describe('保存期間の計算', () => {
  it('5y は5年前の同じ時刻、18m は18か月前', () => {
    const now = new Date('2029-07-01T00:00:00+09:00');
    expect(retentionCutoff('5y', now).toISOString()).toBe(new Date('2024-07-01T00:00:00+09:00').toISOString());
    expect(retentionCutoff('18m', now).toISOString()).toBe(new Date('2028-01-01T00:00:00+09:00').toISOString());
    expect(() => retentionCutoff('5 years', now)).toThrow(/5y/);
  });
});

describe.each(backends)('保存期間と削除、トークン（$name）', (backend) => {
  let opened: OpenedStore;
  let app: ReturnType<typeof appFor>;
  let t: Awaited<ReturnType<typeof tokens>>;
  const clock = testClock('2024-06-20T10:00:00+09:00');
  let pdf: Uint8Array;
  const cliEnv = () => (opened.databaseUrl ? { databaseUrl: opened.databaseUrl } : {});
  const dataArgs = () => (opened.dataDir ? ['--data', opened.dataDir] : []);

  beforeAll(async () => {
    opened = await backend.open();
    app = appFor(opened.store, clock);
    t = await tokens(opened.store, clock);
    pdf = await tinyPdf('保存期間');
    const file = (key: string, documents: object[], attach = false) => {
      let r = request(app).post('/api/submissions').set(bearer(t.officeA)).set('Idempotency-Key', key).field('documents', JSON.stringify(documents));
      if (attach) r = r.attach('attachments', Buffer.from(pdf), { filename: '規程.pdf', contentType: 'application/pdf' });
      return r.expect(201);
    };
    const decide = async (no: string, body: object) => request(app).post(`/api/submissions/${no}/status`).set(bearer(t.ichikawa)).send(body).expect(200);
    // 000001: accepted in June 2024 (with an attachment and a notice); 000002: returned in June 2024; 000003: still received.
    await file('old-accepted', [{ form: 'ichikawa-kyoten-todokede', data: example('ichikawa-kyoten-todokede') }], true);
    await decide('ICH-2024-000001', { to: 'reviewing' });
    await decide('ICH-2024-000001', { to: 'accepted', designatedOn: '令和6年6月21日' });
    await file('old-returned', [{ form: 'ichikawa-taisei-kyoka-kiroku', data: example('ichikawa-taisei-kyoka-kiroku') }]);
    await decide('ICH-2024-000002', { to: 'reviewing' });
    await decide('ICH-2024-000002', { to: 'returned', reason: '記入漏れ' });
    const kiroku = example('ichikawa-taisei-kyoka-kiroku');
    await file('pending', [{ form: 'ichikawa-taisei-kyoka-kiroku', data: { ...kiroku, user: { ...kiroku.user, name: '市川 次郎' } } }]);
  });
  afterAll(async () => opened?.cleanup());

  it('--dry-run は削除する提出を示すだけで、何も消さない', async () => {
    const report = await purgeExpired(opened.store, { olderThan: '5y', dryRun: true, clock: () => new Date('2029-07-01T00:00:00+09:00') });
    expect(report.removed.map((r) => r.receiptNumber)).toEqual(['ICH-2024-000001', 'ICH-2024-000002']);
    expect(await opened.store.head('ICH-2024-000001')).toBeDefined();
  });

  it('期間内のものは消さない（CLI、今日から5年）', async () => {
    const res = await runCli(['purge', '--older-than', '5y', ...dataArgs()], cliEnv());
    expect(res.code, res.err).toBe(0);
    expect(res.out).toContain('0件を削除しました');
  });

  it('期間を過ぎた受理・差戻しの提出を、添付ファイル・通知書ごと削除し、受付中のものと一覧表は残す', async () => {
    const before = await opened.store.submission('ICH-2024-000001');
    const location = before!.current.attachments[0].location;
    const report = await purgeExpired(opened.store, { olderThan: '5y', clock: () => new Date('2029-07-01T00:00:00+09:00') });
    expect(report.removed.map((r) => r.receiptNumber)).toEqual(['ICH-2024-000001', 'ICH-2024-000002']);
    expect(report.files).toBe(1);
    expect(await opened.store.head('ICH-2024-000001')).toBeUndefined();
    expect(await opened.store.head('ICH-2024-000003')).toBeDefined();
    expect(await opened.store.attachmentBytes(location)).toBeUndefined();
    if (opened.dataDir) expect(fs.existsSync(path.join(opened.dataDir, location))).toBe(false);
    expect((await opened.store.registryEntries('ichikawa')).map((e) => e.officeNumber)).toEqual(['1212345678']);
    const log = await opened.store.auditLog();
    const purge = log.at(-1)!;
    expect(purge).toMatchObject({ action: 'purged', details: { olderThan: '5y', count: 2, receiptNumbers: ['ICH-2024-000001', 'ICH-2024-000002'] } });
    expect(JSON.stringify(purge)).not.toContain('みどり');
    expect(verifyAuditChain(log).ok).toBe(true);
    // A purged receipt number is not reused: numbering goes on.
    const next = await request(app)
      .post('/api/submissions')
      .set(bearer(t.officeB))
      .set('Idempotency-Key', 'after-purge')
      .send({ documents: [{ form: 'ichikawa-kyoten-henko', data: henkoOfOfficeB() }] });
    expect(next.body.receiptNumber).toBe('ICH-2024-000004');
  });

  it('token create はトークンを一度だけ表示し、保存するのは SHA-256 だけ', async () => {
    await opened.store.close();
    const res = await runCli(['token', 'create', '--role', 'office', '--office', '1234567890', ...dataArgs()], cliEnv());
    expect(res.code, res.err).toBe(0);
    const token = res.out.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.err).toContain('再表示できません');
    const store = await opened.reopen();
    const principal = await authenticate(store, token);
    expect(principal).toMatchObject({ role: 'office', officeNumber: '1234567890' });
    expect(await store.tokenByHash(sha256Hex(token))).toBeDefined();
    if (opened.dataDir) {
      await store.close();
      for (const file of fs.readdirSync(opened.dataDir).filter((f) => f.startsWith(SQLITE_FILE)))
        expect(fs.readFileSync(path.join(opened.dataDir, file)).includes(Buffer.from(token))).toBe(false);
      await opened.reopen();
    }
    const bad = await runCli(['token', 'create', '--role', 'office', '--office', '12', ...dataArgs()], cliEnv());
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('10桁');
    await opened.reopen();
  });

  it('ensureDemoTokens は最初の起動でだけ、事業所用と市用のトークンを1つずつ作る', async () => {
    const fresh = await backend.open();
    try {
      const demo = await ensureDemoTokens(fresh.store);
      expect(demo?.office.officeNumber).toBe('1212345678');
      expect(await authenticate(fresh.store, demo!.city.token)).toMatchObject({ role: 'city', municipality: 'ichikawa' });
      expect(await ensureDemoTokens(fresh.store)).toBeNull();
    } finally {
      await fresh.cleanup();
    }
  });
});
