/**
 * The city's inbox pages, served by the app as `yoshiki serve` builds it: sign in with a city token (an office token is
 * refused), the list (事業所名, 様式, 受付番号, 和暦 JST, status, 「再提出（第2版）」), opening a filing starts 審査中 (in
 * the audit), 差戻し with a reason, the 第2版's changes side by side, 受理 with 位置付けた日 and a notice numbered in the
 * city's format (市障第{n}号, per year, read back from the PDF), the list as CSV (BOM, formula-safe) and XLSX (read back),
 * each export audited; a form posted from another site is refused.
 */
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createToken } from '../../src/submissions/tokens.ts';
import { asBuffer } from '../support/binary-body.ts';
import { pdfPageTexts, xlsxCells } from '../support/read-back.ts';
import { backends, type OpenedStore } from './backends.ts';
import { bearer, example, henkoOfOfficeB, testClock, tinyPdf, tokens } from './fixtures.ts';

/** The inbox's forms post back to the server's own origin; supertest sends no Origin unless told. */
const HOST = 'inbox.test';
const ORIGIN = `http://${HOST}`;

describe.each(backends)('市の受付画面（$name）', (backend) => {
  let opened: OpenedStore;
  let app: ReturnType<typeof createApp>;
  let t: Awaited<ReturnType<typeof tokens>>;
  let cookie: string;
  const clock = testClock('2024-06-20T10:00:00+09:00');
  const post = (path: string) => request(app).post(path).set('Host', HOST).set('Origin', ORIGIN);
  const get = (path: string) => request(app).get(path).set('Cookie', cookie);
  const fileTodokede = async (token: string, key: string, data: object, path = '/api/submissions') =>
    request(app)
      .post(path)
      .set(bearer(token))
      .set('Idempotency-Key', key)
      .field('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data }]))
      .attach('attachments', Buffer.from(await tinyPdf(key)), { filename: '運営規程案.pdf', contentType: 'application/pdf' });

  beforeAll(async () => {
    opened = await backend.open();
    app = createApp({ submissionStore: opened.store, clock, logger: pino({ level: 'silent' }) });
    t = await tokens(opened.store, clock);
    // The 変更届 names its office with a leading 「=」: a spreadsheet must not run it as a formula.
    const henko = henkoOfOfficeB();
    henko.office.name = '=すがのショートステイ南八幡';
    await request(app).post('/api/submissions').set(bearer(t.officeB)).set('Idempotency-Key', 'inbox-1').send({ documents: [{ form: 'ichikawa-kyoten-henko', data: henko }] }).expect(201);
    clock.set('2024-06-21T14:05:00+09:00');
    const filed = await fileTodokede(t.officeA, 'inbox-2', example('ichikawa-kyoten-todokede'));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  });
  afterAll(async () => opened?.cleanup());

  it('サインインしていなければ、トークンの入力欄を示す', async () => {
    const res = await request(app).get('/inbox');
    expect(res.status).toBe(401);
    expect(res.text).toContain('<label class="label" for="token">市の担当者用トークン</label>');
    expect(res.text).toContain('<link rel="stylesheet" href="/assets/form.css">');
  });

  it('事業所のトークンではサインインできず、市のトークンなら HttpOnly・SameSite=Lax の cookie（トークンではなくセッション）で入れる', async () => {
    const office = await post('/inbox/login').type('form').send({ token: t.officeB });
    expect(office.status).toBe(401);
    expect(office.text).toContain('トークンが正しくないか、市のトークンではありません。市の担当者用のトークンを入力してください。');
    const city = await post('/inbox/login').type('form').send({ token: t.ichikawa });
    expect(city.status).toBe(303);
    cookie = city.headers['set-cookie'][0];
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toContain(t.ichikawa);
    cookie = cookie.split(';')[0];
  });

  it('一覧は事業所名・様式・受付番号・受付日時（和暦・日本時間）・状態を示し、人は名前で示して actor の id は出さない', async () => {
    const list = await get('/inbox');
    expect(list.status).toBe(200);
    expect(list.text).toContain(
      '<tr><th scope="row" class="nowrap"><a href="/inbox/ICH-2024-000002">ICH-2024-000002</a></th><td class="col-text" data-label="事業所名">みどりの杜ショートステイ八幡<br><span class="meta">事業所番号 1212345678</span></td><td class="col-text" data-label="様式">市川市地域生活支援拠点等届出書</td><td class="nowrap" data-label="受付日時">令和6年6月21日 14時05分</td><td data-label="状態"><span class="status">受付</span></td></tr>',
    );
    expect(list.text).toContain('<caption id="list-caption">受付一覧 2件</caption>');
    expect(list.text).toContain('<li><a href="/inbox?status=received">受付（2）</a></li>');
    expect(list.text).not.toMatch(/office:|city:/);
    const filtered = await get('/inbox?status=accepted');
    expect(filtered.text).toContain('<h1 class="heading-xl">受付一覧（受理）</h1>');
    expect(filtered.text).toContain('<p>該当する提出はありません。</p>');
  });

  it('他のサイトのリンクから開いたときは審査中にせず（状態は受付のまま）、「審査を始める」ボタンを示す', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const detail = await get('/inbox/ICH-2024-000002').set('Sec-Fetch-Site', site);
      expect(detail.status).toBe(200);
      expect(detail.text).not.toContain('status-banner');
      expect(detail.text).toContain('<dt>状態</dt><dd><span class="status">受付</span>（第1版）</dd>');
      expect(detail.text).toContain('<input type="hidden" name="to" value="reviewing"><button type="submit" class="button">審査を始める</button>');
    }
    expect((await opened.store.auditLog()).filter((e) => e.action === 'status' && e.subject === 'ICH-2024-000002')).toEqual([]);
  });

  it('受付の提出を開くと審査中になり（監査ログに記録）、様式に印刷される形の記載内容と添付ファイルを示す', async () => {
    const detail = await get('/inbox/ICH-2024-000002');
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('<p class="status-banner" role="status">開いたため、審査中にしました（記録に残ります）。</p>');
    expect(detail.text).toContain('<dt>状態</dt><dd><span class="status">審査中</span>（第1版）</dd>');
    expect(detail.text).toContain('<dt>事業所名</dt><dd>みどりの杜ショートステイ八幡</dd>');
    expect(detail.text).toContain('<tr><th scope="row">事業所 › 事業所（施設）の所在地 郵便番号</th><td>〒272-0021</td></tr>');
    expect(detail.text).toContain('<tr><th scope="row">届出日</th><td>令和6年5月15日</td></tr>');
    expect(detail.text).toContain('<li><a href="/api/submissions/ICH-2024-000002/attachments/0">運営規程案.pdf</a>');
    expect(detail.text).toContain('<td class="col-text">市川市の担当者</td><td class="nowrap">受付 → 審査中</td>');
    expect(detail.text).not.toMatch(/office:|city:/);
    const audit = (await opened.store.auditLog()).filter((e) => e.action === 'status' && e.subject === 'ICH-2024-000002');
    expect(audit.map((e) => [e.actor.replace(/#.*/, ''), e.details.from, e.details.to])).toEqual([['city:ichikawa', 'received', 'reviewing']]);
    // Opening it again changes nothing more.
    const again = await get('/inbox/ICH-2024-000002');
    expect(again.text).not.toContain('status-banner');
    expect(again.text).toContain('<button type="submit" class="button">受理する</button>');
  });

  it('他のサイトから送られた操作は断り、理由なしの差戻しは理由を求める', async () => {
    const cross = await post('/inbox/ICH-2024-000002/status').set('Cookie', cookie).set('Origin', 'https://evil.example').type('form').send({ to: 'returned', reason: 'x' });
    expect(cross.status).toBe(403);
    expect(cross.text).toContain('このページ以外から送られた操作は受け付けません。受付一覧の画面から操作してください。');
    const noReason = await post('/inbox/ICH-2024-000002/status').set('Cookie', cookie).type('form').send({ to: 'returned', reason: ' ' });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('差戻しの理由（reason）を入力してください。事業所はこの理由を読んで、届出を直して再提出します。');
  });

  it('差し戻した提出が第2版で戻ると、一覧に「再提出（第2版）」、詳細に第1版との違いが並べて示される', async () => {
    const returned = await post('/inbox/ICH-2024-000002/status').set('Cookie', cookie).type('form').send({ to: 'returned', reason: '電話番号を代表番号に直してください。' });
    expect(returned.status).toBe(303);
    const fixed = example('ichikawa-kyoten-todokede');
    fixed.office.tel = '047-332-1234';
    const resubmitted = await fileTodokede(t.officeA, 'inbox-3', fixed, '/api/submissions/ICH-2024-000002/revisions');
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(201);

    const list = await get('/inbox?status=received');
    expect(list.text).toContain('<td data-label="状態"><span class="status">受付</span> <span class="tag tag--resubmitted">再提出（第2版）</span></td>');
    const detail = await get('/inbox/ICH-2024-000002');
    expect(detail.text).toContain('<h2 class="heading-l" id="changes-title">第1版からの変更（第2版）</h2>');
    expect(detail.text).toContain('<p>変更された項目は1件です（「変更あり」の行）。</p>');
    expect(detail.text).toContain('<thead><tr><th scope="col">項目</th><th scope="col">第1版</th><th scope="col">第2版</th></tr></thead>');
    expect(detail.text).toContain(
      '<tr class="changed"><th scope="row">事業所 › 連絡先電話番号<br><span class="tag">変更あり</span></th><td class="before">047-332-0000</td><td class="after">047-332-1234</td></tr>',
    );
    expect(detail.text.match(/<tr class="changed">/g)).toHaveLength(1);
    expect(detail.text).toContain('<p class="notice">添付ファイルが前の版から差し替えられています。</p>');
    expect(detail.text).toContain('<td class="col-text">みどりの杜ショートステイ八幡（事業所）</td><td class="nowrap">受付</td>');
  });

  it('位置付けた日を入れて受理すると、登録通知書に市の形式の文書番号（市障第1号）が付き、PDF に印字される', async () => {
    const accepted = await post('/inbox/ICH-2024-000002/status').set('Cookie', cookie).type('form').send({ to: 'accepted', designatedOn: '令和6年7月1日' });
    expect(accepted.status, accepted.text).toBe(303);
    const detail = await get('/inbox/ICH-2024-000002');
    expect(detail.text).toContain('<a href="/api/submissions/ICH-2024-000002/notice.pdf">市川市地域生活支援拠点等登録通知書（市障第1号）（PDF）</a>');
    const pdf = await get('/api/submissions/ICH-2024-000002/notice.pdf').buffer(true).parse(asBuffer);
    expect(pdf.status).toBe(200);
    const [first] = await pdfPageTexts(new Uint8Array(pdf.body as Buffer));
    expect(first).toMatch(/市障第1号\s*令和6年6月21日/);
    const issued = (await opened.store.auditLog()).find((e) => e.action === 'notice-issued' && e.subject === 'ICH-2024-000002')!;
    expect(issued.details.documentNumber).toBe('市障第1号');
    expect(issued.details.sha256).toBe((await opened.store.submission('ICH-2024-000002'))!.notice!.sha256);
    // The public 一覧表 lists the office; on a phone its table scrolls inside a region titled above it.
    const registry = await request(app).get('/registry');
    expect(registry.text).toContain('<h2 class="table-title" id="registry-caption">市川市地域生活支援拠点等一覧表（1事業所）</h2>\n<div class="table-scroll" role="region" aria-labelledby="registry-caption" tabindex="0">');
    expect(registry.text).toContain('<th scope="row" class="col-text">みどりの杜ショートステイ八幡</th><td class="col-text">短期入所</td>');
  });

  it('文書番号は市と年ごとの通し番号：同じ年の次の通知書は市障第2号、年が変わると市障第1号から', async () => {
    const accept = async (no: string) => {
      await get(`/inbox/${no}`); // opening starts the review
      const res = await post(`/inbox/${no}/status`).set('Cookie', cookie).type('form').send({ to: 'accepted', designatedOn: '令和6年8月1日' });
      expect(res.status, res.text).toBe(303);
      return (await opened.store.submission(no))!.notice!.data.documentNumber;
    };
    const todokede = example('ichikawa-kyoten-todokede');
    todokede.office.number = '1219999991';
    const c = (await createToken(opened.store, { role: 'office', officeNumber: '1219999991' }, 'test', clock)).token;
    expect((await fileTodokede(c, 'inbox-4', todokede)).status).toBe(201);
    expect(await accept('ICH-2024-000003')).toBe('市障第2号');
    clock.set('2025-01-06T09:00:00+09:00');
    // The session ended long ago (8 hours at most): sign in again.
    const again = await post('/inbox/login').type('form').send({ token: t.ichikawa });
    cookie = again.headers['set-cookie'][0].split(';')[0];
    todokede.office.number = '1219999992';
    const d = (await createToken(opened.store, { role: 'office', officeNumber: '1219999992' }, 'test', clock)).token;
    expect((await fileTodokede(d, 'inbox-5', todokede)).status).toBe(201);
    expect(await accept('ICH-2025-000001')).toBe('市障第1号');
  });

  it('一覧を CSV（BOM 付き UTF-8、= で始まる値は数式にならない）と Excel で書き出せ、書き出しは監査ログに残る', async () => {
    const csv = await get('/inbox/export.csv?status=received').buffer(true).parse(asBuffer);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="inbox-ichikawa.csv"; filename*=UTF-8''${encodeURIComponent('受付一覧（市川市・受付）.csv').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text).toBe(
      '\uFEFF受付番号,事業所名,事業所番号,様式,状態,再提出,受付日時,最終更新\r\n' +
        "ICH-2024-000001,'=すがのショートステイ南八幡,1213500421,市川市地域生活支援拠点等変更届出書,受付,,令和6年6月20日 10時00分,令和6年6月20日 10時00分\r\n",
    );
    const xlsx = await get('/inbox/export.xlsx').buffer(true).parse(asBuffer);
    expect(xlsx.status).toBe(200);
    const { cells } = await xlsxCells(new Uint8Array(xlsx.body as Buffer));
    const row = (n: number) => cells.filter((c) => c.address.replace(/^[A-Z]+/, '') === String(n)).map((c) => c.text);
    expect(row(1)).toEqual(['受付番号', '事業所名', '事業所番号', '様式', '状態', '再提出', '受付日時', '最終更新']);
    expect(row(2)).toEqual(['ICH-2024-000001', '=すがのショートステイ南八幡', '1213500421', '市川市地域生活支援拠点等変更届出書', '受付', '', '令和6年6月20日 10時00分', '令和6年6月20日 10時00分']);
    expect(row(3).slice(0, 6)).toEqual(['ICH-2024-000002', 'みどりの杜ショートステイ八幡', '1212345678', '市川市地域生活支援拠点等届出書', '受理', '再提出（第2版）']);
    expect(cells.every((c) => c.formula === undefined)).toBe(true);
    const exports = (await opened.store.auditLog()).filter((e) => e.action === 'export');
    expect(exports.map((e) => [e.subject, e.details])).toEqual([
      ['inbox:ichikawa', { format: 'csv', status: 'received', rows: 1 }],
      ['inbox:ichikawa', { format: 'xlsx', status: null, rows: 4 }],
    ]);
    // Without the session: the sign-in page, no file.
    expect((await request(app).get('/inbox/export.csv')).status).toBe(401);
  });

  it('cookie は状態を変える API の POST には使えない（Bearer だけ）', async () => {
    const res = await request(app).post('/api/submissions/ICH-2024-000001/status').set('Cookie', cookie).send({ to: 'returned', reason: 'x' });
    expect(res.status).toBe(401);
  });
});
