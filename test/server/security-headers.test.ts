/**
 * Headers on every route of the OpenAPI document, served by the app production builds (createApp with a store): every
 * answer that carries personal data (the inbox, every e-submission route, the form API's validate / render / import /
 * batch answers) says `Cache-Control: no-store`, whatever its status; every HTML page refuses to be framed
 * (X-Frame-Options: DENY, CSP frame-ancestors 'none'). The routes are walked from the document, so a new route is covered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type http from 'node:http';
import type { createApp } from '../../server/app.ts';
import { listenWithSignIn } from '../support/signed-in-server.ts';
import { LocalJobQueue } from '../../src/jobs/local-queue.ts';
import { formFolder } from '../../src/forms/folders.ts';
import { getDefinition } from '../../src/forms/registry.ts';
import { renderDocument } from '../../src/render/render.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { createToken } from '../../src/submissions/tokens.ts';

const FORM = 'ichikawa-kyoten-todokede';
const HOST = 'city.example';
const example = () => JSON.parse(fs.readFileSync(formFolder(FORM)!.example, 'utf8')) as Record<string, unknown>;

/** What the test expects to carry personal data — written out here, not read from the middleware's own list. */
const PERSONAL = new Set([
  'POST /api/forms/{id}/validate',
  'POST /api/forms/{id}/pdf',
  'POST /api/forms/{id}/xlsx',
  'POST /api/forms/{id}/import',
  'POST /api/forms/{id}/batch',
  'POST /api/batches',
  'GET /api/batches/{id}',
  'GET /api/batches/{id}/result.zip',
  'POST /api/submissions',
  'GET /api/submissions',
  'GET /api/submissions/{no}',
  'GET /api/submissions/{no}/receipt',
  'GET /api/submissions/{no}/receipt.pdf',
  'GET /api/submissions/{no}/documents/{file}',
  'GET /api/submissions/{no}/attachments/{index}',
  'GET /api/submissions/{no}/notice.pdf',
  'POST /api/submissions/{no}/status',
  'POST /api/submissions/{no}/revisions',
  'GET /inbox',
  'POST /inbox/login',
  // Sign-in: who is signed in, the invited addresses, and the answers that set a session.
  'GET /account',
  'GET /signin/callback',
  'GET /signout/done',
  'GET /inbox/invitations',
  'POST /inbox/invitations',
  'POST /inbox/logout',
  'GET /inbox/export.csv',
  'GET /inbox/export.xlsx',
  'GET /inbox/{no}',
  'POST /inbox/{no}/status',
]);
/** Pages a browser shows: each must answer HTML here (so the frame check below runs on it). */
const PAGES = ['GET /forms', 'GET /forms/{id}', 'GET /inbox', 'GET /inbox/{no}', 'GET /registry'];

describe('キャッシュと埋め込みを断るヘッダー（OpenAPI の全ルート）', () => {
  let dir: string;
  let store: SubmissionStore;
  let app: ReturnType<typeof createApp>;
  let listening: http.Server;
  let office: string;
  let city: string;
  let cookie: string;
  /** The receipt number of the filing made below (its year is this year's). */
  let NO: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-headers-'));
    store = await openStore({ dataDir: dir, databaseUrl: '' });
    // The store, job queue and sign-in `yoshiki serve` sets up (SQLite, in-process, the embedded demo provider), so every
    // route of the document is mounted and answers as in production. The provider is found at the server's own address.
    ({ server: listening, app } = await listenWithSignIn(store, { jobs: new LocalJobQueue(), logger: pino({ level: 'silent' }) }));
    office = (await createToken(store, { role: 'office', officeNumber: '1212345678' })).token;
    city = (await createToken(store, { role: 'city', municipality: 'ichikawa' })).token;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    NO = (
      await request(app)
      .post('/api/submissions')
      .set('Authorization', `Bearer ${office}`)
      .set('Idempotency-Key', 'headers-1')
      .field('documents', JSON.stringify([{ form: FORM, data: example() }]))
      .attach('attachments', pdf, { filename: 'kitei.pdf', contentType: 'application/pdf' })
      .expect(201)
    ).body.receiptNumber;
    const login = await request(app).post('/inbox/login').set('Host', HOST).set('Origin', `http://${HOST}`).type('form').send({ token: city });
    cookie = String(login.headers['set-cookie'][0]).split(';')[0];
  }, 60_000);
  afterAll(async () => {
    await new Promise((resolve) => listening?.close(resolve));
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** One request per operation, with the credentials and body it needs to succeed where it can. */
  async function send(method: string, template: string): Promise<request.Response> {
    const url = template.replace('{id}', FORM).replace('{no}', NO).replace('{file}', template.includes('fonts') ? 'BIZUDPGothic-Regular.ttf' : '0.pdf').replace('{index}', '0');
    let r = (method === 'post' ? request(app).post(url) : request(app).get(url)).set('Host', HOST);
    if (url.startsWith('/api/submissions')) r = r.set('Authorization', `Bearer ${url === '/api/submissions' && method === 'post' ? office : city}`);
    // (Signing in and out are walked without the session — both would end it — which the later inbox pages still use.)
    if (url.startsWith('/inbox')) r = r.set('Origin', `http://${HOST}`).set('Cookie', ['/inbox/login', '/inbox/logout'].includes(url) ? '' : cookie);
    if (method === 'get') return r;
    if (/\/(validate|pdf|xlsx)$/.test(url)) return r.send(example());
    if (url.endsWith('/import')) {
      const xlsx = (await renderDocument(getDefinition(FORM), example(), { today: '2024-05-20', xlsx: true, pdf: false })).xlsx!;
      return r.attach('file', Buffer.from(xlsx), { filename: 'form.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    }
    if (url.endsWith('/batch')) return r.attach('file', Buffer.from('事業所番号\n1212345678\n'), { filename: 'rows.csv', contentType: 'text/csv' });
    if (url === '/api/submissions') return r.set('Idempotency-Key', 'headers-1').send({ documents: [{ form: FORM, data: example() }] });
    if (url.endsWith('/status')) return r.type(url.startsWith('/inbox') ? 'form' : 'json').send({ to: 'reviewing' });
    if (url.endsWith('/revisions')) return r.set('Idempotency-Key', 'headers-2').send({ documents: [{ form: FORM, data: example() }] });
    return r.type('form').send(url === '/inbox/login' ? { token: city } : {});
  }

  it('個人のデータを返すルートは、どの状態でも Cache-Control: no-store で、HTML のページは枠に入れられない', async () => {
    const doc = (await request(app).get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const seen = new Set<string>();
    const html = new Set<string>();
    const successes = new Set<string>();
    for (const [template, operations] of Object.entries(doc.paths))
      for (const method of Object.keys(operations)) {
        const name = `${method.toUpperCase()} ${template}`;
        seen.add(name);
        const res = await send(method, template);
        expect(res.status, name).toBeLessThan(500);
        if (res.status < 400) successes.add(name);
        const cacheControl = String(res.headers['cache-control'] ?? '');
        if (PERSONAL.has(name)) expect(cacheControl, name).toMatch(/\bno-store\b/);
        else expect(cacheControl, name).not.toMatch(/no-store/);
        if (/^text\/html/.test(String(res.headers['content-type']))) {
          html.add(name);
          expect(res.headers['x-frame-options'], name).toBe('DENY');
          expect(res.headers['content-security-policy'], name).toBe("frame-ancestors 'none'");
        }
      }
    // Every expected route exists in the document, the pages answered HTML, and the data answers were real successes.
    for (const name of PERSONAL) expect(seen, name).toContain(name);
    for (const name of PAGES) expect(html, name).toContain(name);
    for (const name of ['GET /api/submissions/{no}', 'GET /api/submissions/{no}/receipt.pdf', 'GET /api/submissions/{no}/attachments/{index}', 'POST /api/forms/{id}/validate', 'POST /api/forms/{id}/import', 'GET /inbox/{no}'])
      expect(successes, name).toContain(name);
  }, 120_000);

  it('エラーの HTML（他のサイトからの送信を断るページ）も枠に入れられず、JSON やファイルには付けない', async () => {
    const refused = await request(app).post('/inbox/logout').set('Host', HOST).set('Origin', 'null');
    expect(refused.status).toBe(403);
    expect(refused.headers['x-frame-options']).toBe('DENY');
    expect(refused.headers['cache-control']).toBe('no-store');
    // Express routes without regard to case; so does the no-store rule.
    const shouted = await request(app).get(`/API/SUBMISSIONS/${NO}`).set('Authorization', `Bearer ${city}`);
    expect(shouted.status).toBe(200);
    expect(shouted.headers['cache-control']).toBe('no-store');
    const json = await request(app).get('/api/forms');
    expect(json.headers['x-frame-options']).toBeUndefined();
    expect(json.headers['x-content-type-options']).toBe('nosniff');
  });
});
