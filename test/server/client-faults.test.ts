/**
 * Each class of client fault that once answered 500 (or answered with the wrong words, or let a user-given key reach
 * Object.prototype) — on the app as `yoshiki serve` builds it, with the e-submission store, so every router is mounted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type express from 'express';
import { createApp } from '../../server/app.ts';
import { LocalJobQueue } from '../../src/jobs/local-queue.ts';
import { LIST_ROWS_LIMIT } from '../../src/forms/field-types/containers.ts';
import { toHttpError } from '../../server/errors.ts';
import { uploadFault } from '../../server/routes/upload-faults.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { bearer, example, testClock, tinyPdf, tokens } from '../submissions/fixtures.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-client-faults-'));
let store: SubmissionStore;
let app: express.Express;
let t: Awaited<ReturnType<typeof tokens>>;
let no: string;

beforeAll(async () => {
  store = await openStore({ dataDir, databaseUrl: '' });
  // With a job queue, as `yoshiki serve` always has one: the asynchronous batch upload is mounted too.
  app = createApp({ logger: pino({ level: 'silent' }), submissionStore: store, jobs: new LocalJobQueue() });
  t = await tokens(store, testClock());
  const filed = await request(app)
    .post('/api/submissions')
    .set(bearer(t.officeA))
    .set('Idempotency-Key', 'client-faults-1')
    .field('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data: example('ichikawa-kyoten-todokede') }]))
    .attach('attachments', Buffer.from(await tinyPdf()), { filename: '運営規程案.pdf', contentType: 'application/pdf' });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  no = filed.body.receiptNumber;
});
/** The city's inbox session, opened as a person does: the sign-in form posted from the server's own origin. */
async function inboxSession(): Promise<string> {
  const res = await request(app).post('/inbox/login').set('Host', 'inbox.test').set('Origin', 'http://inbox.test').type('form').send({ token: t.ichikawa });
  expect(res.status, res.text).toBe(303);
  return String(res.headers['set-cookie'][0]).split(';')[0];
}

afterAll(async () => {
  await store?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const PERCENT = (part: string) => `${part}の「%」の書き方が正しくありません。% の後には2桁の16進数（UTF-8 の1バイト）が続きます。% そのものは %25 と書いてください。`;
const MULTIPART = 'multipart/form-data の本文を読み取れませんでした。送信の形式を確かめてください。';
const TOO_DEEP = '本文の入れ子が深すぎます（32段まで）。様式のデータの形を確認してください。';

function expectError(res: request.Response, status: number, code: string, message?: string): void {
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body.error.code).toBe(code);
  if (message !== undefined) expect(res.body.error.message).toBe(message);
  expect(res.text).not.toMatch(/\n\s+at\s|node_modules/);
}

describe('a broken %-encoding is 400 in Japanese, wherever it is', () => {
  it('in the path of every e-submission route, with a token or without', async () => {
    const paths = ['', '/receipt', '/receipt.pdf', '/documents/0.pdf', '/attachments/0', '/notice.pdf'].map((p) => `/api/submissions/%E0%A4%A${p}`);
    for (const p of paths) {
      expectError(await request(app).get(p).set(bearer(t.ichikawa)), 400, 'MALFORMED_PERCENT_ENCODING', PERCENT('アドレスのパス'));
      expectError(await request(app).get(p), 400, 'MALFORMED_PERCENT_ENCODING');
    }
    expectError(await request(app).post('/api/submissions/%zz/status').set(bearer(t.ichikawa)).send({ to: 'reviewing' }), 400, 'MALFORMED_PERCENT_ENCODING');
    expectError(await request(app).post('/api/submissions/%/revisions').set(bearer(t.officeA)).send({}), 400, 'MALFORMED_PERCENT_ENCODING');
    expectError(await request(app).get('/api/forms/%E0%A4%A/schema'), 400, 'MALFORMED_PERCENT_ENCODING');
  });

  it('in the query: not read leniently as 「�%A」', async () => {
    expectError(await request(app).get('/api/submissions?status=%E0%A4%A').set(bearer(t.ichikawa)), 400, 'MALFORMED_PERCENT_ENCODING', PERCENT('アドレスの ? 以降（クエリ）'));
    expectError(await request(app).get('/registry?municipality=%zz'), 400, 'MALFORMED_PERCENT_ENCODING');
    // A well-formed query with `+` and %25 is read as before.
    expect((await request(app).get('/api/submissions?status=received&x=a+b%25').set(bearer(t.ichikawa))).status).toBe(200);
  });

  it('in the inbox cookie: no session, never a 500 — the API asks for a token (401), the inbox page asks to sign in again (which replaces the cookie)', async () => {
    expect((await request(app).get('/api/submissions').set('Cookie', 'yoshiki_inbox=%E0%A4%A')).status).toBe(401);
    const page = await request(app).get('/inbox').set('Cookie', 'yoshiki_inbox=%E0%A4%A');
    expect(page.status).toBe(401);
    expect(page.text).toContain('市の担当者用トークン');
    // Another site's cookie on the same host is not ours to judge.
    expect((await request(app).get('/api/submissions').set(bearer(t.ichikawa)).set('Cookie', 'other=50%; x=%zz')).status).toBe(200);
  });
});

describe('a broken multipart filing is 400 MULTIPART, on filing and on revision', () => {
  const bodies: [string, string, string][] = [
    ['a part header that is no header (Malformed part header)', 'multipart/form-data; boundary=b', '--b\r\nthis is no header\r\n\r\nx\r\n--b--\r\n'],
    ['a body cut short (Unexpected end of form)', 'multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="documents"\r\n\r\n[{"form":'],
    ['no boundary (Boundary not found)', 'multipart/form-data', '--b\r\n'],
  ];
  it.each(bodies)('%s', async (_name, type, body) => {
    for (const route of ['/api/submissions', `/api/submissions/${no}/revisions`]) {
      const res = await request(app).post(route).set(bearer(t.officeA)).set('Idempotency-Key', 'broken-multipart').set('Content-Type', type).send(body);
      expectError(res, 400, 'MULTIPART', MULTIPART);
    }
  });

  it('a broken part header is 400 JSON on every multipart route, each in its own words (one fault mapper)', async () => {
    const body = '--b\r\nthis is no header\r\n\r\nx\r\n--b--\r\n';
    const TABLE = 'multipart/form-data の本文を読み取れません。file という名前の部分にファイルを1つ入れて、もう一度送ってください。';
    const routes: [string, string, string][] = [
      ['/api/submissions', 'MULTIPART', MULTIPART],
      [`/api/submissions/${no}/revisions`, 'MULTIPART', MULTIPART],
      ['/api/forms/ichikawa-kyoten-todokede/import', 'BAD_REQUEST', TABLE],
      ['/api/forms/ichikawa-kyoten-todokede/batch', 'BAD_REQUEST', TABLE],
      ['/api/batches', 'BAD_REQUEST', TABLE],
    ];
    for (const [route, code, message] of routes) {
      const res = await request(app).post(route).set(bearer(t.officeA)).set('Idempotency-Key', 'broken-part-header').set('Content-Type', 'multipart/form-data; boundary=b').send(body);
      expectError(res, 400, code, message);
      expect(res.body, route).toEqual({ error: { status: 400, code, message } });
    }
  });

  it('a documents part over 2 MB is 413 naming the part, not a broken body', async () => {
    const res = await request(app).post('/api/submissions').set(bearer(t.officeA)).set('Idempotency-Key', 'big').field('documents', `"${'x'.repeat(2 * 1024 * 1024 + 10)}"`);
    expectError(res, 413, 'PAYLOAD_TOO_LARGE', 'multipart の documents の部分は 2 MB までです。書類を分けて、別々に提出してください。');
  });

  it('too many attachments is 413 TOO_MANY_ATTACHMENTS through the same classifier', async () => {
    let req = request(app).post('/api/submissions').set(bearer(t.officeA)).set('Idempotency-Key', 'many').field('documents', '[]');
    for (let i = 0; i < 21; i++) req = req.attach('attachments', Buffer.from('%PDF-1.4'), `${i}.pdf`);
    expectError(await req, 413, 'TOO_MANY_ATTACHMENTS', '添付ファイルは20件までです。');
  });
});

describe('JSON nested deeper than 32 is refused when it is parsed, on every route that reads JSON', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  it('a filing, as a JSON body and as the multipart documents part', async () => {
    const json = await request(app).post('/api/submissions').set(bearer(t.officeA)).set('Idempotency-Key', 'deep-1').set('Content-Type', 'application/json').send(`{"documents":${deep(200_000)}}`);
    expectError(json, 400, 'BODY_TOO_DEEP', TOO_DEEP);
    const part = await request(app).post(`/api/submissions/${no}/revisions`).set(bearer(t.officeA)).set('Idempotency-Key', 'deep-2').field('documents', deep(200_000));
    expectError(part, 400, 'BODY_TOO_DEEP', TOO_DEEP);
    const status = await request(app).post(`/api/submissions/${no}/status`).set(bearer(t.ichikawa)).set('Content-Type', 'application/json').send(`{"to":${deep(50)}}`);
    expectError(status, 400, 'BODY_TOO_DEEP', TOO_DEEP);
    expectError(await request(app).post('/api/forms/ichikawa-kino-kyoka/validate').set('Content-Type', 'application/json').send(`{"a":${deep(5000)}}`), 400, 'BODY_TOO_DEEP', TOO_DEEP);
  });

  it('brackets inside strings do not count, and a body within the bound is read', async () => {
    const data = { ...example('ichikawa-kyoten-todokede'), note: '['.repeat(100) };
    const res = await request(app).post('/api/forms/ichikawa-kyoten-todokede/validate?today=2024-06-20').send({ ...data, extra: JSON.parse(deep(30)) });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
  });

  it('the mapper turns a stack overflow or a URIError that still happens into a 400, never a 500', () => {
    expect(toHttpError(new RangeError('Maximum call stack size exceeded')).toBody().error).toEqual({ status: 400, code: 'BODY_TOO_DEEP', message: TOO_DEEP });
    expect(toHttpError(new URIError('URI malformed')).toBody().error).toEqual({ status: 400, code: 'MALFORMED_PERCENT_ENCODING', message: PERCENT('アドレス') });
    expect(toHttpError(new Error('Unexpected end of form')).status).toBe(400);
    expect(toHttpError(new TypeError('x is not a function')).status).toBe(500);
  });

  it("every error busboy and multer throw for a client's body is an upload fault, for every upload route", () => {
    const messages = ['Malformed content type', 'Malformed part header', 'Malformed urlencoded form', 'Missing Content-Type', 'Multipart: Boundary not found',
      'Unexpected end of file', 'Unexpected end of form', 'Unsupported content type: text/x', 'Request aborted', 'Request closed'];
    for (const message of messages) expect(uploadFault(new Error(message)), message).toEqual({ kind: 'malformed' });
    expect(uploadFault(new Error('Unknown file strategy: x'))).toBeUndefined();
  });
});

describe('user-given keys never find members of Object.prototype', () => {
  it('GET /assets/fonts/{file}: 404 JSON for constructor, __proto__, toString; the real fonts are served', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) expectError(await request(app).get(`/assets/fonts/${name}`), 404, 'ROUTE_NOT_FOUND');
    const font = await request(app).get('/assets/fonts/biz-udpgothic-400.ttf');
    expect(font.status).toBe(200);
    expect(font.headers['content-type']).toMatch(/^font\/ttf/);
  });

  it('status filters: /api/submissions?status=__proto__ is 400, /inbox?status=constructor lists everything, labelled by no function', async () => {
    for (const status of ['__proto__', 'constructor', 'toString'])
      expectError(await request(app).get(`/api/submissions?status=${status}`).set(bearer(t.ichikawa)), 400, 'STATUS_UNKNOWN');
    const page = await request(app).get('/inbox?status=constructor').set('Cookie', await inboxSession());
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('native code');
    expect(page.text).toContain('<h1 class="heading-xl">受付一覧</h1>');
  });

  it('the registry: ?municipality=constructor names no city (404, not a page titled by a function)', async () => {
    for (const route of ['/registry', '/registry.csv', '/registry.xlsx']) {
      const res = await request(app).get(`${route}?municipality=constructor`);
      expectError(res, 404, 'REGISTRY_NOT_FOUND');
      expect(res.text).not.toContain('native code');
    }
  });
});

describe('a `__proto__` member of the data is an unknown item, not a prototype the rules read through', () => {
  it('validate: G-UNKNOWN for 「__proto__」 and G-REQUIRED for the 届出日 hidden inside it (not a G-DATE about a value never given)', async () => {
    const { filedOn, ...rest } = example('ichikawa-kyoten-todokede');
    const body = `${JSON.stringify(rest).slice(0, -1)},"__proto__":{"filedOn":${JSON.stringify(filedOn)}}}`;
    const res = await request(app).post('/api/forms/ichikawa-kyoten-todokede/validate?today=2024-06-20').set('Content-Type', 'application/json').send(body);
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      { rule: 'G-REQUIRED', severity: 'error', path: 'filedOn', message: '「届出日」を入力してください。' },
      { rule: 'G-UNKNOWN', severity: 'error', path: '__proto__', message: '「__proto__」はこの様式にない項目です。項目名の誤りがないか確認し、不要なら削除してください。' },
    ]);
  });
});

describe('error bodies are JSON, or escaped HTML on pages for people', () => {
  it('a 404 for /inbox/<script>… signed in is JSON served as JSON (the page had already set text/html), never HTML reflecting the path', async () => {
    for (const auth of [{ Cookie: await inboxSession() }, bearer(t.ichikawa)]) {
      for (const p of ['/inbox/<script>alert(1)<%2Fscript>', '/inbox/<img src=x onerror=alert(1)>', '/inbox/ICH-2024-999999']) {
        const res = await request(app).get(p).set(auth);
        // What is not a 受付番号 is no inbox page at all (the inbox passes it on: /inbox/invitations is another router's).
        expectError(res, 404, p.endsWith('999999') ? 'SUBMISSION_NOT_FOUND' : 'ROUTE_NOT_FOUND');
        expect(res.headers['cache-control'] ?? '').not.toContain('public');
      }
    }
    // Not signed in: the sign-in page, which repeats nothing of the path.
    const page = await request(app).get('/inbox/ICH-2024-999999');
    expect(page.status).toBe(401);
    // A path that is no 受付番号 is a JSON 404 for anyone, repeating nothing of the path either.
    expectError(await request(app).get('/inbox/<img src=x onerror=alert(1)>'), 404, 'ROUTE_NOT_FOUND');
    expect(page.text).not.toContain('<img');
  });

  it('a JSON body over 1 MB on a form route is 413 naming the JSON limit', async () => {
    const res = await request(app).post('/api/forms/ichikawa-kino-kyoka/validate').set('Content-Type', 'application/json').send(`{"a":"${'x'.repeat(1_100_000)}"}`);
    expectError(res, 413, 'PAYLOAD_TOO_LARGE', '本文が大きすぎます（上限 1MB）。記入内容を見直して、もう一度送ってください。');
  });
});

describe('a list longer than any 様式 holds is refused, even as a draft, before it is drawn', () => {
  it(`POST /pdf?draft=1 with ${LIST_ROWS_LIMIT + 1} rows: 422 G-ROWS naming the list and its count; ${LIST_ROWS_LIMIT} rows are drawn`, async () => {
    const data = example('ichikawa-kino-kyoka') as { allocations: unknown[] };
    const rows = (n: number) => ({ ...data, allocations: Array.from({ length: n }, (_, i) => data.allocations[i % data.allocations.length]) });
    const refused = await request(app).post('/api/forms/ichikawa-kino-kyoka/pdf?draft=1&today=2024-07-01').send(rows(LIST_ROWS_LIMIT + 1));
    expect(refused.status).toBe(422);
    expect(refused.body.errors.filter((e: { rule: string }) => e.rule === 'G-ROWS')).toEqual([
      {
        rule: 'G-ROWS',
        severity: 'error',
        path: 'allocations',
        message: `「地域生活支援拠点等機能強化加算の算定件数上限の配分（目安）」は${LIST_ROWS_LIMIT}行までです（${LIST_ROWS_LIMIT + 1}行あります）。行を減らすか、書類を分けてください。この行数では下書きも作成できません。`,
      },
    ]);
    const drawn = await request(app).post('/api/forms/ichikawa-kino-kyoka/pdf?draft=1&today=2024-07-01').send(rows(LIST_ROWS_LIMIT));
    expect(drawn.status).toBe(200);
    expect(drawn.headers['content-type']).toBe('application/pdf');
  }, 120_000);
});
