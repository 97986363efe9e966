/**
 * The city inbox's sign-in (issue 14): the cookie holds a server-side session id, never the city's token; the session
 * ends at sign-out, after 30 idle minutes and 8 hours after sign-in; the cookie is Secure behind a trusted TLS proxy; a
 * form post must come from the server's own pages (Origin null, a foreign Origin, or neither Origin nor Referer → 403,
 * nothing changed); a malformed cookie is no session, never a 500. Served by the app production builds (createApp).
 */
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { sha256Hex } from '../../src/store/canonical.ts';
import { backends, type OpenedStore } from './backends.ts';
import { bearer, henkoOfOfficeB, testClock, tokens } from './fixtures.ts';

const HOST = 'city.example';
const ORIGIN = `http://${HOST}`;
const silent = pino({ level: 'silent' });

describe.each(backends)('受付一覧のサインインとセッション（$name）', (backend) => {
  let opened: OpenedStore;
  let app: ReturnType<typeof createApp>;
  let t: Awaited<ReturnType<typeof tokens>>;
  const clock = testClock('2024-06-20T09:00:00+09:00');

  beforeAll(async () => {
    opened = await backend.open();
    app = createApp({ submissionStore: opened.store, logger: silent, clock });
    t = await tokens(opened.store, clock);
    await request(app)
      .post('/api/submissions')
      .set(bearer(t.officeB))
      .set('Idempotency-Key', 'session-1')
      .send({ documents: [{ form: 'ichikawa-kyoten-henko', data: henkoOfOfficeB() }] })
      .expect(201);
  });
  afterAll(async () => opened?.cleanup());

  const post = (path: string, origin: string | null = ORIGIN) => {
    const r = request(app).post(path).set('Host', HOST);
    return origin === null ? r : r.set('Origin', origin);
  };
  /** Signs in and returns the `name=value` of the cookie, and the whole Set-Cookie line. */
  const signIn = async () => {
    const res = await post('/inbox/login').type('form').send({ token: t.ichikawa });
    expect(res.status).toBe(303);
    const line = String(res.headers['set-cookie'][0]);
    return { cookie: line.split(';')[0], line };
  };
  const status = async () => (await opened.store.head('ICH-2024-000001'))!.status;

  it('クッキーにはトークンではなくランダムなセッション ID が入り、HttpOnly・SameSite=Lax・Path=/・Max-Age（8時間）が付く', async () => {
    const { cookie, line } = await signIn();
    const id = cookie.split('=')[1];
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(line).not.toContain(t.ichikawa);
    expect(line).toMatch(/; Max-Age=28800;/);
    expect(line).toMatch(/; Path=\//);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).not.toMatch(/Secure/);
    // The store keeps only a digest: the id itself is not a key, and the audit records the sign-in by token id only.
    expect(await opened.store.sessionByHash(id)).toBeUndefined();
    expect(await opened.store.sessionByHash(sha256Hex(id))).toBeUndefined();
    const audit = await opened.store.auditLog();
    expect(audit.at(-1)).toMatchObject({ action: 'signed-in', details: { via: 'inbox' } });
    expect(JSON.stringify(audit)).not.toContain(id);
    expect((await request(app).get('/inbox').set('Cookie', cookie)).status).toBe(200);
  });

  it('トークンそのものをクッキーに入れても入れない（セッション ID ではない）', async () => {
    const res = await request(app).get('/inbox').set('Cookie', `yoshiki_inbox=${t.ichikawa}`);
    expect(res.status).toBe(401);
    expect(res.text).toContain('for="token"');
    const api = await request(app).get('/api/submissions').set('Cookie', `yoshiki_inbox=${t.ichikawa}`);
    expect(api.status).toBe(401);
    expect(api.body.error.code).toBe('SESSION_EXPIRED');
  });

  it('サインアウトするとセッションは消え、同じクッキーを送り直しても入れない', async () => {
    const { cookie } = await signIn();
    const out = await post('/inbox/logout').set('Cookie', cookie);
    expect(out.status).toBe(303);
    expect(String(out.headers['set-cookie'][0])).toMatch(/^yoshiki_inbox=;/);
    expect((await request(app).get('/inbox').set('Cookie', cookie)).status).toBe(401);
    expect((await request(app).get('/api/submissions/ICH-2024-000001').set('Cookie', cookie)).status).toBe(401);
    expect((await opened.store.auditLog()).at(-1)).toMatchObject({ action: 'signed-out' });
  });

  it('操作のない状態が30分続くとセッションは切れる（29分なら続く）', async () => {
    const { cookie } = await signIn();
    clock.set('2024-06-20T10:29:00+09:00');
    const { cookie: fresh } = await signIn();
    clock.set('2024-06-20T10:58:00+09:00');
    expect((await request(app).get('/inbox').set('Cookie', fresh)).status).toBe(200);
    clock.set('2024-06-20T11:29:30+09:00');
    const expired = await request(app).get('/inbox').set('Cookie', fresh);
    expect(expired.status).toBe(401);
    expect(expired.text).toContain('for="token"');
    const api = await request(app).get('/api/submissions').set('Cookie', fresh);
    expect(api.status).toBe(401);
    expect(api.body.error.message).toContain('もう一度サインインしてください');
    expect((await request(app).get('/inbox').set('Cookie', cookie)).status).toBe(401);
  });

  it('使い続けていても、サインインから8時間で切れる', async () => {
    clock.set('2024-06-21T08:00:00+09:00');
    const { cookie } = await signIn();
    for (let minutes = 25; minutes < 8 * 60; minutes += 25) {
      clock.set(new Date(Date.parse('2024-06-21T08:00:00+09:00') + minutes * 60_000).toISOString());
      expect((await request(app).get('/inbox').set('Cookie', cookie)).status, `${minutes}分後`).toBe(200);
    }
    clock.set('2024-06-21T16:00:00+09:00');
    expect((await request(app).get('/inbox').set('Cookie', cookie)).status).toBe(401);
  });

  it('壊れたパーセントエンコーディングや __proto__ のクッキーは「セッションなし」（500 にならない）', async () => {
    for (const bad of ['yoshiki_inbox=%E0%A4%A', 'yoshiki_inbox=%', 'yoshiki_inbox="%zz"', '__proto__=1; constructor=2', 'yoshiki_inbox']) {
      const page = await request(app).get('/inbox').set('Cookie', bad);
      expect(page.status, bad).toBe(401);
      const api = await request(app).get('/api/submissions/ICH-2024-000001').set('Cookie', bad);
      expect(api.status, bad).toBe(401);
      expect(api.headers['content-type']).toMatch(/^application\/json/);
      const out = await post('/inbox/logout').set('Cookie', bad);
      expect(out.status, bad).toBe(303);
    }
  });

  describe('フォームの送信元（CSRF）', () => {
    let cookie: string;
    beforeAll(async () => {
      clock.set('2024-06-22T09:00:00+09:00');
      cookie = (await signIn()).cookie;
    });
    const refused = async (res: request.Response) => {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('このページ以外から送られた操作は受け付けません。受付一覧の画面から操作してください。');
      expect(await status()).toBe('received');
    };

    it('Origin: null は断り、状態は変わらない', async () => {
      await refused(await post('/inbox/ICH-2024-000001/status', 'null').set('Cookie', cookie).type('form').send({ to: 'reviewing' }));
    });
    it('Origin も Referer もない送信は断る', async () => {
      await refused(await post('/inbox/ICH-2024-000001/status', null).set('Cookie', cookie).type('form').send({ to: 'reviewing' }));
    });
    it('他のサイト・他のポート・http と https の違いも断る', async () => {
      for (const origin of ['https://evil.example', `${ORIGIN}:8080`, `https://${HOST}`, 'not a url'])
        await refused(await post('/inbox/ICH-2024-000001/status', origin).set('Cookie', cookie).type('form').send({ to: 'reviewing' }));
    });
    it('Sec-Fetch-Site が cross-site なら、Origin が合っていても断る', async () => {
      await refused(await post('/inbox/ICH-2024-000001/status').set('Sec-Fetch-Site', 'cross-site').set('Cookie', cookie).type('form').send({ to: 'reviewing' }));
    });
    it('サインインのフォームも他のサイトからは受け付けない', async () => {
      const res = await post('/inbox/login', 'null').type('form').send({ token: t.ichikawa });
      expect(res.status).toBe(403);
      expect(res.headers['set-cookie']).toBeUndefined();
    });
    it('Origin がなくても Referer がこのサーバーのページなら受け付ける', async () => {
      const res = await post('/inbox/ICH-2024-000001/status', null).set('Referer', `${ORIGIN}/inbox/ICH-2024-000001`).set('Cookie', cookie).type('form').send({ to: 'reviewing' });
      expect(res.status).toBe(303);
      expect(await status()).toBe('reviewing');
    });
  });
});

describe('TLS を終端するプロキシの後ろ（YOSHIKI_TRUST_PROXY）', () => {
  let opened: OpenedStore;
  let t: Awaited<ReturnType<typeof tokens>>;
  const clock = testClock();
  beforeAll(async () => {
    opened = await backends[0].open();
    t = await tokens(opened.store, clock);
  });
  afterAll(async () => opened?.cleanup());

  const login = (app: ReturnType<typeof createApp>, origin: string) =>
    request(app).post('/inbox/login').set('Host', HOST).set('X-Forwarded-Proto', 'https').set('Origin', origin).type('form').send({ token: t.ichikawa });

  it('プロキシを信頼する設定なら、https の Origin を受け付け、クッキーに Secure が付く', async () => {
    const app = createApp({ submissionStore: opened.store, logger: silent, clock, trustProxy: 'loopback' });
    const res = await login(app, `https://${HOST}`);
    expect(res.status).toBe(303);
    expect(String(res.headers['set-cookie'][0])).toMatch(/; Secure/);
  });

  it('設定がなければ X-Forwarded-Proto は信じない（https の Origin は他のサイト扱い）', async () => {
    const app = createApp({ submissionStore: opened.store, logger: silent, clock, trustProxy: false });
    expect((await login(app, `https://${HOST}`)).status).toBe(403);
  });
});
