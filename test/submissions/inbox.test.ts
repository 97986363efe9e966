/**
 * The city's inbox pages: sign in with a city token (an office token is refused), list by status, open a submission with
 * links to its files, decide with a form; a form posted from another site is refused.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type OpenedStore } from './backends.ts';
import { appFor, bearer, henkoOfOfficeB, testClock, tokens } from './fixtures.ts';

/** The inbox's forms post back to the server's own origin; supertest sends no Origin unless told. */
const HOST = 'inbox.test';
const ORIGIN = `http://${HOST}`;

describe.each(backends)('市の受付画面（$name）', (backend) => {
  let opened: OpenedStore;
  let app: ReturnType<typeof appFor>;
  let t: Awaited<ReturnType<typeof tokens>>;
  let cookie: string;
  const clock = testClock('2024-06-20T10:00:00+09:00');

  beforeAll(async () => {
    opened = await backend.open();
    app = appFor(opened.store, clock);
    t = await tokens(opened.store, clock);
    await request(app)
      .post('/api/submissions')
      .set(bearer(t.officeB))
      .set('Idempotency-Key', 'inbox-1')
      .send({ documents: [{ form: 'ichikawa-kyoten-henko', data: henkoOfOfficeB() }] })
      .expect(201);
  });
  afterAll(async () => opened?.cleanup());

  it('サインインしていなければ、トークンの入力欄を示す', async () => {
    const res = await request(app).get('/inbox');
    expect(res.status).toBe(401);
    expect(res.text).toContain('<label for="token">');
  });

  const post = (path: string) => request(app).post(path).set('Host', HOST).set('Origin', ORIGIN);

  it('事業所のトークンではサインインできず、市のトークンなら HttpOnly・SameSite=Lax の cookie（トークンではなくセッション）で入れる', async () => {
    const office = await post('/inbox/login').type('form').send({ token: t.officeB });
    expect(office.status).toBe(401);
    expect(office.text).toContain('市のトークンではありません');
    const city = await post('/inbox/login').type('form').send({ token: t.ichikawa });
    expect(city.status).toBe(303);
    cookie = city.headers['set-cookie'][0];
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toContain(t.ichikawa);
    cookie = cookie.split(';')[0];
  });

  it('一覧から開くと、書類・経過・審査の操作があり、cookie で PDF も開ける', async () => {
    const list = await request(app).get('/inbox?status=received').set('Cookie', cookie);
    expect(list.status).toBe(200);
    expect(list.text).toContain('<a href="/inbox/ICH-2024-000001">ICH-2024-000001</a>');
    const detail = await request(app).get('/inbox/ICH-2024-000001').set('Cookie', cookie);
    expect(detail.text).toContain('市川市地域生活支援拠点等変更届出書');
    expect(detail.text).toContain('審査を始める');
    const pdf = await request(app).get('/api/submissions/ICH-2024-000001/documents/0.pdf').set('Cookie', cookie);
    expect(pdf.status).toBe(200);
  });

  it('フォームで審査を始められ、他のサイトから送られた操作は断る', async () => {
    const cross = await post('/inbox/ICH-2024-000001/status').set('Cookie', cookie).set('Origin', 'https://evil.example').type('form').send({ to: 'reviewing' });
    expect(cross.status).toBe(403);
    const ok = await post('/inbox/ICH-2024-000001/status').set('Cookie', cookie).type('form').send({ to: 'reviewing' });
    expect(ok.status).toBe(303);
    const detail = await request(app).get('/inbox/ICH-2024-000001').set('Cookie', cookie);
    expect(detail.text).toContain('<strong>審査中</strong>');
    expect(detail.text).toContain('差し戻す');
    // Not registered yet: accepting a 変更届 is refused with the reason shown on the page.
    const refused = await post('/inbox/ICH-2024-000001/status').set('Cookie', cookie).type('form').send({ to: 'accepted', designatedOn: '令和6年7月1日' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('一覧表に登録されていない');
  });

  it('cookie は状態を変える API の POST には使えない（Bearer だけ）', async () => {
    const res = await request(app).post('/api/submissions/ICH-2024-000001/status').set('Cookie', cookie).send({ to: 'returned', reason: 'x' });
    expect(res.status).toBe(401);
  });
});
