/**
 * Idempotency (50 parallel POSTs with one key → one submission, one receipt number) and isolation (an office never sees
 * another office's anything; a city only its own; no token → 401 in Japanese).
 */
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type OpenedStore } from './backends.ts';
import { appFor, bearer, example, henkoOfOfficeB, testClock, tinyPdf, tokens } from './fixtures.ts';

describe.each(backends)('二重提出の防止と見える範囲（$name）', (backend) => {
  let opened: OpenedStore;
  let app: ReturnType<typeof appFor>;
  let t: Awaited<ReturnType<typeof tokens>>;
  const clock = testClock('2024-06-20T10:00:00+09:00');

  beforeAll(async () => {
    opened = await backend.open();
    app = appFor(opened.store, clock);
    t = await tokens(opened.store, clock);
  });
  afterAll(async () => opened?.cleanup());

  const henko = () => ({ documents: [{ form: 'ichikawa-kyoten-henko', data: henkoOfOfficeB() }] });
  const file = (token: string, key: string, body: object) => request(app).post('/api/submissions').set(bearer(token)).set('Idempotency-Key', key).send(body);

  it('同じ Idempotency-Key の50件の同時送信は、1件だけ受け付け、全員に同じ受付番号を返す', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, () => file(t.officeB, 'same-key-50', henko())));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const numbers = new Set(responses.map((r) => r.body.receiptNumber));
    expect([...numbers]).toEqual(['ICH-2024-000001']);
    // Every caller gets the very same receipt.
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const list = await request(app).get('/api/submissions').set(bearer(t.ichikawa));
    expect(list.body.submissions).toHaveLength(1);
  });

  it('同じキーで別の内容を送ると 422、キーが無いと 400', async () => {
    const other = henko();
    other.documents[0].data.changedOn = '令和6年6月11日';
    const res = await file(t.officeB, 'same-key-50', other);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const noKey = await request(app).post('/api/submissions').set(bearer(t.officeB)).send(henko());
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.message).toContain('Idempotency-Key');
  });

  it('トークンが無ければ 401（日本語で何をすればよいかを示す）、不正なトークンも 401', async () => {
    const none = await request(app).get('/api/submissions');
    expect(none.status).toBe(401);
    expect(none.body.error.message).toContain('Bearer');
    expect(none.headers['www-authenticate']).toContain('Bearer');
    const bad = await request(app).get('/api/submissions').set(bearer('x'.repeat(43)));
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('INVALID_TOKEN');
    const filing = await request(app).post('/api/submissions').set('Idempotency-Key', 'k').send(henko());
    expect(filing.status).toBe(401);
  });

  it('事業所 A は事業所 B の提出を一覧にも出せず、読めず、ダウンロードもできない（存在も分からない 404）', async () => {
    const no = 'ICH-2024-000001'; // office B's
    const list = await request(app).get('/api/submissions').set(bearer(t.officeA));
    expect(list.body.submissions).toEqual([]);
    for (const path of ['', '/receipt', '/receipt.pdf', '/documents/0.pdf', '/documents/0.xlsx', '/attachments/0', '/notice.pdf']) {
      const res = await request(app).get(`/api/submissions/${no}${path}`).set(bearer(t.officeA));
      expect(res.status, path).toBe(404);
      expect(res.body.error.message).toContain('ありません');
    }
    const missing = await request(app).get('/api/submissions/ICH-2024-999999').set(bearer(t.officeA));
    const hidden = (await request(app).get(`/api/submissions/${no}`).set(bearer(t.officeA))).body;
    // "Not yours" reads exactly like "does not exist".
    expect(hidden.error.message.replace(no, 'X')).toBe(missing.body.error.message.replace('ICH-2024-999999', 'X'));
    expect(hidden.error.code).toBe(missing.body.error.code);
    expect((await request(app).post(`/api/submissions/${no}/status`).set(bearer(t.officeA)).send({ to: 'reviewing' })).status).toBe(404);
    expect((await request(app).post(`/api/submissions/${no}/revisions`).set(bearer(t.officeA)).set('Idempotency-Key', 'r').send(henko())).status).toBe(404);
  });

  it('事業所は自分の提出でも状態を変えられず（403）、他市の担当者には見えない', async () => {
    const no = 'ICH-2024-000001';
    const own = await request(app).post(`/api/submissions/${no}/status`).set(bearer(t.officeB)).send({ to: 'reviewing' });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain('市の担当者');
    expect((await request(app).get(`/api/submissions/${no}`).set(bearer(t.takatsuki))).status).toBe(404);
    expect((await request(app).get('/api/submissions').set(bearer(t.takatsuki))).body.submissions).toEqual([]);
    expect((await request(app).get(`/api/submissions/${no}`).set(bearer(t.ichikawa))).status).toBe(200);
  });

  it('市のトークンでは提出できない（403）', async () => {
    const res = await file(t.ichikawa, 'city-files', henko());
    expect(res.status).toBe(403);
  });

  it('市の担当者が提出内容を読むと監査ログに残り、事業所の読み取りは残らない', async () => {
    const before = (await opened.store.auditLog()).filter((e) => e.action === 'read').length;
    await request(app).get('/api/submissions/ICH-2024-000001').set(bearer(t.officeB));
    await request(app).get('/api/submissions/ICH-2024-000001/documents/0.pdf').set(bearer(t.ichikawa));
    const reads = (await opened.store.auditLog()).filter((e) => e.action === 'read');
    expect(reads.length).toBe(before + 1);
    expect(reads.at(-1)).toMatchObject({ subject: 'ICH-2024-000001', details: { what: 'document', index: 0 } });
    expect(reads.at(-1)!.actor).toMatch(/^city:ichikawa#/);
  });

  it('他の事業所の事業所番号の届出は受け付けない（422、該当の項目を示す）', async () => {
    const res = await request(app)
      .post('/api/submissions')
      .set(bearer(t.officeA))
      .set('Idempotency-Key', 'not-mine')
      .field('documents', JSON.stringify(henko().documents));
    expect(res.status).toBe(422);
    expect(res.body.valid).toBe(false);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ rule: 'SUB-OFFICE', path: 'office.number', document: 0 }));
  });

  it('PDF でない添付と、運営規程案の無い届出書は、すべての指摘を並べて 422', async () => {
    const todokede = example('ichikawa-kyoten-todokede');
    const notPdf = await request(app)
      .post('/api/submissions')
      .set(bearer(t.officeA))
      .set('Idempotency-Key', 'bad-attachment')
      .field('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data: { ...todokede, filedOn: '令和6年2月30日' } }]))
      .attach('attachments', Buffer.from('これは PDF ではありません'), { filename: 'kitei.pdf', contentType: 'application/pdf' });
    expect(notPdf.status).toBe(422);
    const rules = notPdf.body.errors.map((e: { rule: string }) => e.rule);
    expect(rules).toContain('SUB-ATTACHMENT');
    expect(rules).toContain('G-DATE');
    const noAttachment = await request(app).post('/api/submissions').set(bearer(t.officeA)).set('Idempotency-Key', 'no-attachment').send({ documents: [{ form: 'ichikawa-kyoten-todokede', data: todokede }] });
    expect(noAttachment.status).toBe(422);
    expect(noAttachment.body.errors[0]).toMatchObject({ rule: 'SUB-ATTACHMENT-REQUIRED', document: 0 });
    expect(noAttachment.body.errors[0].message).toContain('運営規程案');
  });

  it('10 MB を超える添付は 413、通知書の様式は事業所から提出できない', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(Buffer.from('%PDF-1.7\n'));
    const res = await request(app)
      .post('/api/submissions')
      .set(bearer(t.officeA))
      .set('Idempotency-Key', 'big')
      .field('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data: example('ichikawa-kyoten-todokede') }]))
      .attach('attachments', Buffer.from(big), { filename: 'big.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toContain('10 MB');
    const notice = await file(t.officeA, 'notice', { documents: [{ form: 'ichikawa-kyoten-toroku-tsuchi', data: example('ichikawa-kyoten-toroku-tsuchi') }] });
    expect(notice.status).toBe(422);
    expect(notice.body.errors[0].message).toContain('市が発行する通知書');
  });

  it('KK-BUNDLE：機能強化加算の届出書は拠点届出書と併せて提出する', async () => {
    const res = await file(t.officeA, 'kk-alone', { documents: [{ form: 'ichikawa-kino-kyoka', data: example('ichikawa-kino-kyoka') }] });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { rule: string }) => e.rule)).toContain('KK-BUNDLE');
  });

  it('TK-MONTHLY：同じ利用者・同じ月の記録書は、前に受け付けたものと照らして断る', async () => {
    const kiroku = example('ichikawa-taisei-kyoka-kiroku');
    const first = await file(t.officeA, 'kiroku-1', { documents: [{ form: 'ichikawa-taisei-kyoka-kiroku', data: kiroku }] });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await file(t.officeA, 'kiroku-2', { documents: [{ form: 'ichikawa-taisei-kyoka-kiroku', data: { ...kiroku, meeting: { ...kiroku.meeting, date: '令和6年6月12日' } } }] });
    expect(second.status).toBe(422);
    expect(second.body.errors[0]).toMatchObject({ rule: 'TK-MONTHLY', path: 'meeting.date', document: 0 });
    expect(second.body.errors[0].message).toContain(first.body.receiptNumber);
    // Another office's record for the same person is that office's business.
    const otherOffice = await file(t.officeB, 'kiroku-b', { documents: [{ form: 'ichikawa-taisei-kyoka-kiroku', data: kiroku }] });
    expect(otherOffice.status).toBe(201);
  });

  it('ログには受付番号だけが残り、利用者の氏名・生年月日は残らない', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const logged = createApp({ submissionStore: opened.store, clock, logger });
    const kiroku = example('ichikawa-taisei-kyoka-kiroku');
    const res = await request(logged)
      .post('/api/submissions')
      .set(bearer(t.officeA))
      .set('Idempotency-Key', 'logged')
      .send({ documents: [{ form: 'ichikawa-taisei-kyoka-kiroku', data: { ...kiroku, user: { ...kiroku.user, name: '行徳 三郎' } } }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const log = lines.join('');
    expect(log).toContain(res.body.receiptNumber);
    expect(log).not.toContain('行徳 三郎');
    expect(log).not.toContain('平成9年');
  });

  it('受付番号は市ごと・年ごとに連番（高槻市は TKT）', async () => {
    const tk = await createTakatsukiOffice();
    const res = await file(tk, 'tk-1', { documents: [{ form: 'takatsuki-renkei-kaijo', data: example('takatsuki-renkei-kaijo') }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.receiptNumber).toBe('TKT-2024-000001');
  });

  async function createTakatsukiOffice(): Promise<string> {
    const { createToken } = await import('../../src/submissions/tokens.ts');
    return (await createToken(opened.store, { role: 'office', officeNumber: example('takatsuki-renkei-kaijo').core.number }, 'test', clock)).token;
  }
});
