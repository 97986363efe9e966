/**
 * Filing from the browser, route by route, through the app `yoshiki serve` builds (createApp with the store): the split
 * list of 様式, 一時保存 (versioned: a stale write is refused), the 添付書類 upload (PDF by content), the 確認画面, 提出 and
 * the receipt page, the 提出一覧 with the 差戻し reason, 「修正して再提出」 keeping the attachment, the notice once accepted,
 * 「前回の届出から作成」 for a 変更届, one open filing only — and office B never sees office A's drafts, filings or files.
 * Drafts survive a restart (a new app on the same data).
 */
import { apiErrorBodySchema } from '../../server/error-codes.ts';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { officeMessages as o } from '../../src/messages/office-pages.ts';
import { backends, type OpenedStore } from './backends.ts';
import { bearer, example, OFFICE_A, OFFICE_B, testClock, tinyPdf, tokens } from './fixtures.ts';

const HOST = 'office.test';
const ORIGIN = `http://${HOST}`;
const FORM = 'ichikawa-kyoten-todokede';

describe.each(backends)('事業所の提出画面（$name）', (backend) => {
  let opened: OpenedStore;
  let app: ReturnType<typeof createApp>;
  let t: Awaited<ReturnType<typeof tokens>>;
  const clock = testClock('2024-05-20T10:00:00+09:00');
  const build = () => createApp({ submissionStore: opened.store, clock, logger: pino({ level: 'silent' }) });
  const as = (token: string) => ({
    get: (path: string) => request(app).get(path).set(bearer(token)),
    put: (path: string, body: object) => request(app).put(path).set(bearer(token)).set('Host', HOST).set('Origin', ORIGIN).send(body),
    post: (path: string) => request(app).post(path).set(bearer(token)).set('Host', HOST).set('Origin', ORIGIN),
  });

  beforeAll(async () => {
    opened = await backend.open();
    app = build();
    t = await tokens(opened.store, clock);
  });
  afterAll(async () => opened?.cleanup());

  it('/forms は「事業所が提出する様式」と「市が発行する通知書」に分かれ、手続の順に、いつ使うかの一行が付く', async () => {
    const res = await request(app).get('/forms');
    expect(res.status).toBe(200);
    const ichikawa = res.text.slice(res.text.indexOf('id="city-ichikawa"'), res.text.indexOf('id="city-takatsuki"'));
    const office = ichikawa.indexOf('事業所が提出する様式');
    const city = ichikawa.indexOf('市が発行する通知書');
    expect(office).toBeGreaterThan(0);
    expect(city).toBeGreaterThan(office);
    const at = (title: string) => ichikawa.indexOf(`>${title}</a>`);
    expect(at('市川市地域生活支援拠点等届出書')).toBeLessThan(at('市川市地域生活支援拠点等変更届出書'));
    expect(at('市川市地域生活支援拠点等変更届出書')).toBeLessThan(at('市川市地域生活支援拠点等廃止届出書'));
    expect(at('市川市地域生活支援拠点等廃止届出書')).toBeLessThan(city);
    expect(at('市川市地域生活支援拠点等登録通知書')).toBeGreaterThan(city);
    expect(ichikawa).toContain('<span class="description">事業所を市川市の地域生活支援拠点等として位置付けてもらうときに届け出ます（担う機能を規定した運営規程案を添付）。</span>');
  });

  it('提出の欄は事業所が提出する様式にだけあり、添付書類は様式の定める名前で示す', async () => {
    const form = await request(app).get(`/forms/${FORM}`);
    expect(form.text).toContain('<label class="label" for="attachment-0">担う機能を規定した運営規程案（PDF）</label>');
    expect(form.text).toContain('<button type="button" class="button" data-submit-filing aria-describedby="submit-hint">提出する</button>');
    const notice = await request(app).get('/forms/ichikawa-kyoten-toroku-tsuchi');
    expect(notice.text).not.toContain('data-filing-panel');
    // A server without a submission store (forms only) takes no filings: no panel whose requests would go nowhere.
    const formsOnly = await request(createApp({ logger: pino({ level: 'silent' }) })).get(`/forms/${FORM}`);
    expect(formsOnly.status).toBe(200);
    expect(formsOnly.text).not.toContain('data-filing-panel');
  });

  it('サインインしていなければ一時保存は 401、確認画面は日本語で案内する', async () => {
    expect((await request(app).get(`/forms/${FORM}/draft`)).status).toBe(401);
    const confirm = await request(app).get(`/forms/${FORM}/confirm`);
    expect(confirm.status).toBe(401);
    expect(confirm.text).toContain(o.notSignedIn());
    // A city's token is not an office's.
    const city = await as(t.ichikawa).get('/filings');
    expect(city.status).toBe(403);
    expect(city.text).toContain(o.officeOnly());
  });

  it('一時保存は版ごとに保存され、古い版からの保存（別のタブ）は 409 で断り、新しい方を残す', async () => {
    const a = as(t.officeA);
    const first = await a.put(`/forms/${FORM}/draft`, { version: 0, data: { office: { name: 'みどりの杜' } } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ version: 1, savedAt: expect.stringMatching(/^2024-05-20T10:00:\d\d\+09:00$/) });
    const second = await a.put(`/forms/${FORM}/draft`, { version: 1, data: { office: { name: 'みどりの杜ショートステイ' } } });
    expect(second.body.version).toBe(2);
    // The other tab still has version 1.
    const stale = await a.put(`/forms/${FORM}/draft`, { version: 1, data: { office: { name: '古いタブ' } } });
    expect(stale.status).toBe(409);
    // The error object carries the version the tab should load, and is what the OpenAPI document's ErrorResponse says.
    expect(stale.body).toEqual({ error: { status: 409, code: 'DRAFT_STALE', message: o.draftStale(second.body.savedAt), version: 2 } });
    expect(apiErrorBodySchema.safeParse(stale.body).success).toBe(true);
    expect(stale.body.error.message).toContain('別のタブ又は別の端末で、この様式の一時保存がより新しい内容で保存されています（10:00）。このタブの変更は保存していません。');
    const now = await a.get(`/forms/${FORM}/draft`);
    expect(now.body.draft).toMatchObject({ version: 2, data: { office: { name: 'みどりの杜ショートステイ' } }, revises: null });
    // Not an object, not a version: 400 with what to send.
    expect((await a.put(`/forms/${FORM}/draft`, { version: 2, data: [] })).body.error.message).toBe(o.draftData());
    expect((await a.put(`/forms/${FORM}/draft`, { version: '2', data: {} })).body.error.message).toBe(o.draftVersion());
    // A notice is not filed by an office: no draft of it.
    const notice = await a.put('/forms/ichikawa-kyoten-toroku-tsuchi/draft', { version: 0, data: {} });
    expect(notice.status).toBe(404);
    expect(notice.body.error.message).toBe(o.notFileable('ichikawa-kyoten-toroku-tsuchi'));
  });

  it('他のサイトから送られた保存は 403 で断る', async () => {
    const cross = await request(app).put(`/forms/${FORM}/draft`).set(bearer(t.officeA)).set('Host', HOST).set('Origin', 'https://evil.example').send({ version: 2, data: {} });
    expect(cross.status).toBe(403);
  });

  it('添付書類は内容で PDF と確かめ、PDF でなければ様式の定める名前で断る', async () => {
    const a = as(t.officeA);
    const notPdf = await a.post(`/forms/${FORM}/draft/attachments/0`).attach('file', Buffer.from('これはPDFではない'), { filename: '運営規程.pdf', contentType: 'application/pdf' });
    expect(notPdf.status).toBe(422);
    expect(notPdf.body.error.message).toBe('「運営規程.pdf」は PDF ではありません（内容が PDF の形式になっていません）。「担う機能を規定した運営規程案」を PDF に変換してから選んでください。');
    const big = await a.post(`/forms/${FORM}/draft/attachments/0`).attach('file', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024), Buffer.from('%%EOF')]), '大きい.pdf');
    expect(big.status).toBe(413);
    expect(big.body.error.message).toBe('「担う機能を規定した運営規程案」のファイルが 10 MB を超えています。10 MB 以下にしてから選んでください。');
    const noSlot = await a.post(`/forms/${FORM}/draft/attachments/3`).attach('file', Buffer.from(await tinyPdf()), '運営規程案.pdf');
    expect(noSlot.status).toBe(404);
    const ok = await a.post(`/forms/${FORM}/draft/attachments/0`).attach('file', Buffer.from(await tinyPdf()), '運営規程案（みどりの杜）.pdf');
    expect(ok.status).toBe(200);
    expect(ok.body.message).toBe('「担う機能を規定した運営規程案」として「運営規程案（みどりの杜）.pdf」を添付しました。');
    expect(ok.body.attachment).toMatchObject({ slot: 0, name: '担う機能を規定した運営規程案.pdf', fileName: '運営規程案（みどりの杜）.pdf' });
    expect((await a.get(`/forms/${FORM}/draft`)).body.attachments).toEqual([expect.objectContaining({ slot: 0, fileName: '運営規程案（みどりの杜）.pdf' })]);
  });

  it('事業所 B には事業所 A の一時保存も添付書類も見えない', async () => {
    const b = await as(t.officeB).get(`/forms/${FORM}/draft`);
    expect(b.status).toBe(200);
    expect(b.body).toEqual({ draft: null, attachments: [] });
    const confirm = await as(t.officeB).get(`/forms/${FORM}/confirm`);
    expect(confirm.status).toBe(404);
    expect(confirm.text).toContain(o.noDraft());
  });

  it('一時保存はサーバーを再起動しても残る（同じデータで新しい app）', async () => {
    await opened.reopen();
    app = build();
    const again = await as(t.officeA).get(`/forms/${FORM}/draft`);
    expect(again.body.draft).toMatchObject({ version: 2, data: { office: { name: 'みどりの杜ショートステイ' } } });
    expect(again.body.attachments).toEqual([expect.objectContaining({ slot: 0, name: '担う機能を規定した運営規程案.pdf', fileName: '運営規程案（みどりの杜）.pdf' })]);
  });

  it('確認画面は誤りがあれば理由を示して提出ボタンを出さず、直せば印刷される値と添付書類と確認事項を示す', async () => {
    const a = as(t.officeA);
    const blocked = await a.get(`/forms/${FORM}/confirm`);
    expect(blocked.status).toBe(200);
    expect(blocked.text).toContain('<h2 class="summary-title" id="confirm-errors">提出できない理由</h2>');
    expect(blocked.text).toContain('「届出日」を入力してください。');
    expect(blocked.text).not.toContain('この内容で提出する');
    const data = example(FORM);
    const saved = await a.put(`/forms/${FORM}/draft`, { version: 2, data });
    expect(saved.body.version).toBe(3);
    const confirm = await a.get(`/forms/${FORM}/confirm`);
    expect(confirm.text).not.toContain('提出できない理由');
    expect(confirm.text).toContain('<tr><th scope="row">届出日</th><td>令和6年5月15日</td></tr>');
    expect(confirm.text).toContain('<tr><th scope="row">事業所（施設）の所在地 郵便番号</th><td>〒272-0021</td></tr>');
    expect(confirm.text).toContain('<tr><th scope="row">地域生活支援拠点等として担う機能</th><td>緊急時の受け入れ・対応機能（裏面も記載）、体験の機会・場の提供機能</td></tr>');
    expect(confirm.text).toContain('<tr><th scope="row">視覚 受入可 者</th><td>✓</td></tr>');
    expect(confirm.text).toContain('<li><strong>担う機能を規定した運営規程案.pdf</strong>　運営規程案（みどりの杜）.pdf（');
    expect(confirm.text).toContain('<input type="hidden" name="version" value="3">');
  });

  let receiptNumber: string;

  it('提出すると受付ページ（受付番号・和暦の受付日時・次に行われること・受付票 PDF）へ移り、一時保存は消える', async () => {
    const a = as(t.officeA);
    // A version older than the one confirmed is not filed (another tab changed it after the 確認画面).
    const changed = await a.post(`/forms/${FORM}/submit`).type('form').send({ version: '2' });
    expect(changed.status).toBe(409);
    expect(changed.text).toContain(o.changedSinceConfirm());
    const res = await a.post(`/forms/${FORM}/submit`).type('form').send({ version: '3' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/filings/ICH-2024-000001/received');
    receiptNumber = 'ICH-2024-000001';
    const page = await a.get(res.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="heading-xl">提出を受け付けました</h1>');
    expect(page.text).toContain('<strong>ICH-2024-000001</strong>');
    expect(page.text).toMatch(/<tr><th scope="row">受付日時<\/th><td>令和6年5月20日 10時00分（日本時間）<\/td><\/tr>/);
    expect(page.text).toContain(o.receiptNext);
    expect(page.text).toContain('<a class="button" href="/filings/ICH-2024-000001/receipt.pdf">受付票（PDF）をダウンロード</a>');
    const pdf = await a.get('/filings/ICH-2024-000001/receipt.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const attachment = await a.get('/filings/ICH-2024-000001/attachments/0');
    expect(attachment.status).toBe(200);
    expect(Buffer.from(attachment.body).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await a.get(`/forms/${FORM}/draft`)).body.draft).toBeNull();
  });

  it('事業所 B には A の提出・受付票・添付書類が見えない', async () => {
    const b = as(t.officeB);
    expect((await b.get(`/filings/${receiptNumber}`)).status).toBe(404);
    expect((await b.get(`/filings/${receiptNumber}/received`)).status).toBe(404);
    expect((await b.get(`/filings/${receiptNumber}/receipt.pdf`)).status).toBe(404);
    expect((await b.get(`/filings/${receiptNumber}/attachments/0`)).status).toBe(404);
    const list = await b.get('/filings');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(receiptNumber);
    expect(list.text).toContain(o.filingsNone);
    expect((await b.post(`/filings/${receiptNumber}/reopen`).type('form').send({})).status).toBe(404);
  });

  it('同じ様式の2件目は確認画面で手続中の受付番号を示し、1件までの様式は提出で断る', async () => {
    const a = as(t.officeA);
    await a.put(`/forms/${FORM}/draft`, { version: 0, data: example(FORM) });
    await a.post(`/forms/${FORM}/draft/attachments/0`).attach('file', Buffer.from(await tinyPdf('2件目')), '運営規程案2.pdf');
    const confirm = await a.get(`/forms/${FORM}/confirm`);
    expect(confirm.text).toContain(o.confirmOpenFilingRefused('市川市地域生活支援拠点等届出書', receiptNumber, '受付'));
    expect(confirm.text).not.toContain('この内容で提出する');
    const version = Number(/name="version" value="(\d+)"/.exec(confirm.text)?.[1] ?? (await a.get(`/forms/${FORM}/draft`)).body.draft.version);
    const refused = await a.post(`/forms/${FORM}/submit`).type('form').send({ version: String(version) });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(`「市川市地域生活支援拠点等届出書」は、受付番号 ${receiptNumber}（受付）を市が受け付けて手続中のため、もう1件は提出できません。審査の結果（受理又は差戻し）をお待ちください。`);
    // The API refuses it the same way.
    const api = await request(app)
      .post('/api/submissions')
      .set(bearer(t.officeA))
      .set('Idempotency-Key', 'second-todokede')
      .field('documents', JSON.stringify([{ form: FORM, data: example(FORM) }]))
      .attach('attachments', Buffer.from(await tinyPdf('api')), '運営規程案.pdf');
    expect(api.status).toBe(409);
    expect(api.body.error.code).toBe('OPEN_FILING_EXISTS');
  });

  it('差し戻されると提出一覧に理由が全文で出て、「修正して再提出」で提出した内容と添付書類が戻り、同じ受付番号の第2版になる', async () => {
    const reason = '運営規程案に、地域生活支援拠点等として担う機能（緊急時の受入れ・対応）の規定がありません。\n第5条に追記してください。';
    await request(app).post(`/api/submissions/${receiptNumber}/status`).set(bearer(t.ichikawa)).send({ to: 'reviewing' }).expect(200);
    const returned = await request(app).post(`/api/submissions/${receiptNumber}/status`).set(bearer(t.ichikawa)).send({ to: 'returned', reason });
    expect(returned.status).toBe(200);
    const a = as(t.officeA);
    const list = await a.get('/filings');
    expect(list.text).toContain('<strong class="status status--returned">差戻し</strong>');
    expect(list.text).toContain(`<p class="para">${reason}</p>`.replace('&', '&amp;'));
    expect(list.text).toContain('令和6年5月20日');
    expect(list.text).toContain('修正して再提出');
    const reopen = await a.post(`/filings/${receiptNumber}/reopen`).type('form').send({});
    expect(reopen.status).toBe(303);
    expect(reopen.headers.location).toBe(`/forms/${FORM}`);
    const draft = (await a.get(`/forms/${FORM}/draft`)).body;
    expect(draft.draft).toMatchObject({ version: 1, revises: receiptNumber });
    expect(draft.draft.data.office.name).toBe('みどりの杜ショートステイ八幡');
    expect(draft.attachments).toEqual([expect.objectContaining({ slot: 0, name: '担う機能を規定した運営規程案.pdf' })]);
    const data = { ...draft.draft.data, functionDetails: `${draft.draft.data.functionDetails}（運営規程第5条）` };
    await a.put(`/forms/${FORM}/draft`, { version: 1, data });
    const confirm = await a.get(`/forms/${FORM}/confirm`);
    expect(confirm.text).toContain(o.confirmRevises(receiptNumber));
    expect(confirm.text).not.toContain('提出できない理由');
    const res = await a.post(`/forms/${FORM}/submit`).type('form').send({ version: '2' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/filings/${receiptNumber}/received?revision=2`);
    const page = await a.get(res.headers.location);
    expect(page.text).toContain('<h1 class="heading-xl">再提出を受け付けました</h1>');
    expect(page.text).toContain('（第2版）');
    // The attachment went with the revision unchanged.
    const detail = await request(app).get(`/api/submissions/${receiptNumber}`).set(bearer(t.officeA));
    expect(detail.body.revision).toBe(2);
    expect(detail.body.attachments).toEqual([expect.objectContaining({ name: '担う機能を規定した運営規程案.pdf' })]);
  });

  it('受理されると提出一覧から登録通知書をダウンロードでき、変更届は「前回の届出から作成」で登録内容を変更前に使う', async () => {
    await request(app).post(`/api/submissions/${receiptNumber}/status`).set(bearer(t.ichikawa)).send({ to: 'reviewing' }).expect(200);
    await request(app).post(`/api/submissions/${receiptNumber}/status`).set(bearer(t.ichikawa)).send({ to: 'accepted', designatedOn: '令和6年6月1日' }).expect(200);
    const a = as(t.officeA);
    const list = await a.get('/filings');
    expect(list.text).toContain('<strong class="status status--accepted">受理</strong>');
    expect(list.text).toContain(`<a href="/filings/${receiptNumber}/notice.pdf">市川市地域生活支援拠点等登録通知書（PDF）をダウンロード</a>`);
    const notice = await a.get(`/filings/${receiptNumber}/notice.pdf`);
    expect(notice.status).toBe(200);
    expect(notice.headers['content-type']).toBe('application/pdf');
    expect((await as(t.officeB).get(`/filings/${receiptNumber}/notice.pdf`)).status).toBe(404);

    const prefill = await a.get('/forms/ichikawa-kyoten-henko/previous');
    expect(prefill.status).toBe(200);
    expect(prefill.body.from).toBe(receiptNumber);
    expect(prefill.body.data).toMatchObject({ applicant: { name: '社会福祉法人 みどりの杜会' }, office: { name: 'みどりの杜ショートステイ八幡', number: OFFICE_A } });
    expect(prefill.body.data.filedOn).toBeUndefined();
    expect(prefill.body.data.changes).toBeUndefined();
    expect(prefill.body.registered).toMatchObject({ 'changes.tel.before': '047-332-0000', 'changes.functions.before': ['emergencyAcceptance', 'experience'], 'changes.number.before': OFFICE_A });
    // The same 様式 again: its last filing, without the 届出日.
    const again = await a.get(`/forms/${FORM}/previous`);
    expect(again.body.data.office.address).toBe('千葉県市川市八幡二丁目4番8号 みどりの杜ビル2階');
    expect(again.body.data.filedOn).toBeUndefined();
    const none = await as(t.officeB).get(`/forms/${FORM}/previous`);
    expect(none.status).toBe(404);
    expect(none.body.error.message).toBe('この事業所が提出した「市川市地域生活支援拠点等届出書」はまだありません。');
    void OFFICE_B;
  });
});
