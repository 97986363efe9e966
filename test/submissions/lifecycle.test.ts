/**
 * The Ichikawa procedure end to end over HTTP (S002 §4): an office files a 拠点届出書 with its 運営規程案, gets a receipt;
 * the city reviews and accepts with 位置付けた日; the 登録通知書 carries the filing's data; the office appears in the
 * public 一覧表. Then 変更 (→ 変更登録通知書, the row changes), 廃止 (→ 廃止通知書, the row leaves), and 差戻し → 再提出.
 */
import request from 'supertest';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveNotice } from '../../src/derive/derive-notice.ts';
import { canonicalJson, sha256Hex } from '../../src/store/canonical.ts';
import type { Receipt } from '../../src/submissions/receipt.ts';
import { pdfPageTexts, squash } from '../support/read-back.ts';
import { backends, type OpenedStore } from './backends.ts';
import { appFor, bearer, binary, example, haishiOfOfficeA, henkoOfOfficeA, OFFICE_A, testClock, tinyPdf, tokens } from './fixtures.ts';

describe.each(backends)('届出から一覧表まで（$name）', (backend) => {
  let opened: OpenedStore;
  let app: ReturnType<typeof appFor>;
  let t: Awaited<ReturnType<typeof tokens>>;
  const clock = testClock('2024-05-20T10:00:00+09:00');
  let pdf: Uint8Array;

  beforeAll(async () => {
    opened = await backend.open();
    app = appFor(opened.store, clock);
    t = await tokens(opened.store, clock);
    pdf = await tinyPdf();
  });
  afterAll(async () => opened?.cleanup());

  const fileMultipart = (token: string, key: string, documents: unknown, files: { name: string; bytes: Uint8Array }[], path = '/api/submissions') => {
    let r = request(app).post(path).set(bearer(token)).set('Idempotency-Key', key).field('documents', JSON.stringify(documents));
    for (const f of files) r = r.attach('attachments', Buffer.from(f.bytes), { filename: f.name, contentType: 'application/pdf' });
    return r;
  };
  const review = (no: string, body: object) => request(app).post(`/api/submissions/${no}/status`).set(bearer(t.ichikawa)).send(body);

  let receipt: Receipt;

  it('届出書と運営規程案（PDF）を提出すると、受付番号・受付日時・SHA-256 の受付票が返る', async () => {
    const todokede = example('ichikawa-kyoten-todokede');
    const res = await fileMultipart(t.officeA, 'kyoten-1', [{ form: 'ichikawa-kyoten-todokede', data: todokede }], [{ name: '運営規程案.pdf', bytes: pdf }]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    receipt = res.body;
    expect(receipt.receiptNumber).toBe('ICH-2024-000001');
    expect(receipt.status).toBe('received');
    expect(receipt.receivedAt).toMatch(/^2024-05-20T10:00:\d\d\+09:00$/);
    expect(receipt.sha256.attachments).toEqual([sha256Hex(pdf)]);
    expect(receipt.attachments[0].name).toBe('運営規程案.pdf');
    expect(res.headers.location).toBe('/api/submissions/ICH-2024-000001');

    const detail = await request(app).get('/api/submissions/ICH-2024-000001').set(bearer(t.officeA));
    expect(detail.status).toBe(200);
    // The digest on the receipt is the digest of what is stored.
    expect(sha256Hex(canonicalJson(detail.body.documents[0].data))).toBe(receipt.sha256.documents[0]);
    expect(detail.body.documents[0].data.office.postalCode).toBe('2720021');
  });

  it('受付票 PDF に受付番号と SHA-256 が印字される', async () => {
    const res = await request(app).get('/api/submissions/ICH-2024-000001/receipt.pdf').set(bearer(t.officeA)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = squash((await pdfPageTexts(new Uint8Array(res.body))).join(''));
    expect(text).toContain('受付票');
    expect(text).toContain('ICH-2024-000001');
    expect(text).toContain(receipt.sha256.attachments[0]);
  });

  it('届出書の PDF・Excel と添付ファイルを取り出せる（添付は提出したとおりのバイト列）', async () => {
    const doc = await request(app).get('/api/submissions/ICH-2024-000001/documents/0.pdf').set(bearer(t.ichikawa)).buffer(true).parse(binary);
    expect(doc.status).toBe(200);
    expect(Buffer.from(doc.body).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await request(app).get('/api/submissions/ICH-2024-000001/documents/0.xlsx').set(bearer(t.ichikawa)).buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(xlsx.body).subarray(0, 2).toString()).toBe('PK');
    const att = await request(app).get('/api/submissions/ICH-2024-000001/attachments/0').set(bearer(t.ichikawa)).buffer(true).parse(binary);
    expect(sha256Hex(new Uint8Array(att.body))).toBe(sha256Hex(pdf));
  });

  it('審査中を経ずに受理はできず、位置付けた日がないと受理できない', async () => {
    expect((await review('ICH-2024-000001', { to: 'accepted', designatedOn: '令和6年6月1日' })).status).toBe(409);
    expect((await review('ICH-2024-000001', { to: 'reviewing' })).status).toBe(200);
    const missing = await review('ICH-2024-000001', { to: 'accepted' });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain('位置付けた日');
  });

  it('受理すると登録通知書が届出の内容から作られ、事業所がダウンロードでき、一覧表に載る', async () => {
    const res = await review('ICH-2024-000001', { to: 'accepted', designatedOn: '令和6年6月1日' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.notice.form).toBe('ichikawa-kyoten-toroku-tsuchi');

    const detail = await request(app).get('/api/submissions/ICH-2024-000001').set(bearer(t.officeA));
    expect(detail.body.status).toBe('accepted');
    const expected = deriveNotice('ichikawa-kyoten-toroku-tsuchi', [{ form: 'ichikawa-kyoten-todokede', data: example('ichikawa-kyoten-todokede') }], {
      designatedOn: '2024-06-01',
      issuedOn: detail.body.notice.issuedAt.slice(0, 10),
    }, { today: detail.body.notice.issuedAt.slice(0, 10) });
    // What the filing gives, plus the city's first 文書番号 of the year (forms/ichikawa/municipality.json: 市障第{n}号).
    expect(detail.body.notice.data).toEqual({ ...expected.data, documentNumber: '市障第1号' });
    expect(detail.body.notice.data.office.number).toBe(OFFICE_A);
    expect(detail.body.history.map((e: { to: string }) => e.to)).toEqual(['received', 'reviewing', 'accepted']);

    const notice = await request(app).get('/api/submissions/ICH-2024-000001/notice.pdf').set(bearer(t.officeA)).buffer(true).parse(binary);
    expect(notice.status).toBe(200);
    const text = squash((await pdfPageTexts(new Uint8Array(notice.body))).join(''));
    expect(text).toContain('登録通知書');
    expect(text).toContain(squash('みどりの杜ショートステイ八幡'));

    const page = await request(app).get('/registry');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="ja">');
    expect(page.text).toContain('<th scope="col">事業所名</th>');
    expect(page.text).toContain('みどりの杜ショートステイ八幡');
    expect(page.text).toContain('令和6年6月1日');
  });

  it('一覧表の CSV は BOM 付き UTF-8 で、列は S002 §4-3 の順', async () => {
    const csv = await request(app).get('/registry.csv').buffer(true).parse(binary);
    const text = Buffer.from(csv.body).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, row] = text.slice(1).split('\r\n');
    expect(header).toBe('事業所名,サービス種類,所在地,電話番号,FAX 番号,位置付けた日,事業所番号,事業者名,担う機能');
    expect(row).toBe(
      'みどりの杜ショートステイ八幡,短期入所,〒272-0021 千葉県市川市八幡二丁目4番8号 みどりの杜ビル2階,047-332-0000,047-332-0001,令和6年6月1日,1212345678,社会福祉法人 みどりの杜会,緊急時の受け入れ・対応機能、体験の機会・場の提供機能',
    );
  });

  it('一覧表の Excel は文字列だけで、事業所番号の先頭の 0 も保たれる形', async () => {
    const res = await request(app).get('/registry.xlsx').buffer(true).parse(binary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(res.body) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(7).value).toBe('事業所番号');
    const row = sheet.getRow(2);
    for (let c = 1; c <= 9; c++) expect(row.getCell(c).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(7).value).toBe(OFFICE_A);
  });

  it('変更届出書を受理すると変更登録通知書ができ、一覧表の行が変わる', async () => {
    clock.set('2024-06-17T09:00:00+09:00');
    const filed = await request(app)
      .post('/api/submissions')
      .set(bearer(t.officeA))
      .set('Idempotency-Key', 'henko-1')
      .send({ documents: [{ form: 'ichikawa-kyoten-henko', data: henkoOfOfficeA() }] });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const no = filed.body.receiptNumber;
    expect(no).toBe('ICH-2024-000002');
    await review(no, { to: 'reviewing' });
    const res = await review(no, { to: 'accepted', designatedOn: '2024-06-20' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.notice.form).toBe('ichikawa-kyoten-henko-toroku-tsuchi');
    const detail = await request(app).get(`/api/submissions/${no}`).set(bearer(t.officeA));
    expect(detail.body.notice.data.office.tel).toBe('047-332-9999');
    // Unchanged items come from the registration as it stood.
    expect(detail.body.notice.data.office.fax).toBe('047-332-0001');
    const csv = Buffer.from((await request(app).get('/registry.csv').buffer(true).parse(binary)).body).toString('utf8');
    expect(csv).toContain('047-332-9999');
    expect(csv).toContain('令和6年6月20日');
    expect(csv).not.toContain('047-332-0000');
  });

  it('廃止届出書を受理すると廃止通知書ができ、行は一覧表から外れる（履歴には残る）', async () => {
    clock.set('2024-07-01T09:00:00+09:00');
    // S002 §27 廃止届出書: 「※ 添付書類 ・運営規程案」.
    const filed = await fileMultipart(t.officeA, 'haishi-1', [{ form: 'ichikawa-kyoten-haishi', data: haishiOfOfficeA() }], [{ name: '運営規程案.pdf', bytes: pdf }]);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const no = filed.body.receiptNumber;
    await review(no, { to: 'reviewing' });
    expect((await review(no, { to: 'accepted', designatedOn: '2024-07-10' })).status).toBe(422);
    const res = await review(no, { to: 'accepted', abolishedOn: '令和6年7月10日' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.notice.form).toBe('ichikawa-kyoten-haishi-tsuchi');
    const page = await request(app).get('/registry');
    expect(page.text).not.toContain('みどりの杜ショートステイ八幡');
    const history = await opened.store.registryHistory('ichikawa');
    expect(history.map((h) => h.action)).toEqual(['added', 'changed', 'removed']);
  });

  it('差し戻すには理由が要り、事業所は理由を読んで同じ受付番号の第2版として再提出できる', async () => {
    clock.set('2024-08-01T09:00:00+09:00');
    const todokede = { ...example('ichikawa-kyoten-todokede'), filedOn: '令和6年8月1日' };
    const filed = await fileMultipart(t.officeA, 'kyoten-again', [{ form: 'ichikawa-kyoten-todokede', data: todokede }], [{ name: 'draft.pdf', bytes: pdf }]);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const no = filed.body.receiptNumber;
    await review(no, { to: 'reviewing' });
    const noReason = await review(no, { to: 'returned' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.message).toContain('理由');
    expect((await review(no, { to: 'returned', reason: '運営規程案に担う機能の規定がありません。' })).status).toBe(200);

    const seen = await request(app).get(`/api/submissions/${no}`).set(bearer(t.officeA));
    expect(seen.body.status).toBe('returned');
    expect(seen.body.returnReason).toBe('運営規程案に担う機能の規定がありません。');

    const again = await fileMultipart(t.officeA, 'kyoten-again-2', [{ form: 'ichikawa-kyoten-todokede', data: todokede }], [{ name: '運営規程案（修正）.pdf', bytes: await tinyPdf('修正版') }], `/api/submissions/${no}/revisions`);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.receiptNumber).toBe(no);
    expect(again.body.revision).toBe(2);
    const after = await request(app).get(`/api/submissions/${no}`).set(bearer(t.ichikawa));
    expect(after.body.status).toBe('received');
    expect(after.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    expect(after.body.history.map((e: { from: string | null; to: string }) => `${e.from ?? ''}>${e.to}`)).toEqual(['>received', 'received>reviewing', 'reviewing>returned', 'returned>received']);
    // The first revision stays readable as filed.
    const first = await request(app).get(`/api/submissions/${no}?revision=1`).set(bearer(t.ichikawa));
    expect(first.body.attachments[0].name).toBe('draft.pdf');
    // Only a returned filing can be resubmitted.
    const notReturned = await fileMultipart(t.officeA, 'kyoten-again-3', [{ form: 'ichikawa-kyoten-todokede', data: todokede }], [{ name: 'x.pdf', bytes: pdf }], `/api/submissions/${no}/revisions`);
    expect(notReturned.status).toBe(409);
  });
});
