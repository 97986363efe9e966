/** The JSON API in process (supertest, no port): every route, every error status, the files read back, the logs. */
import fs from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createLogger } from '../../server/logger.ts';
import { startServer } from '../../src/cli/start-server.ts';
import { jsonSchema } from '../../src/forms/data-schema.ts';
import { getDefinition, loadDefinitions } from '../../src/forms/registry.ts';
import { printFont } from '../../src/render/font.ts';
import { validateDocument } from '../../src/validate.ts';
import { pdfPageTexts, squash } from '../support/read-back.ts';
import { formFolder } from '../../src/forms/folders.ts';
import { asBuffer } from '../support/binary-body.ts';

const silent = pino({ level: 'silent' });
const app = createApp({ logger: silent });

const FORM = 'ichikawa-kyoten-todokede';
const TODAY = '2024-05-20';
const example = (id: string) => JSON.parse(fs.readFileSync(formFolder(id)!.example, 'utf8')) as Record<string, unknown>;
const invalidExample = () => ({ ...example(FORM), filedOn: '令和6年2月30日' });


const postJson = (path: string, body: unknown) => request(app).post(path).set('Content-Type', 'application/json').send(JSON.stringify(body));

describe('GET /api/forms', () => {
  it('lists id, title and version of every 様式', async () => {
    const res = await request(app).get('/api/forms').expect(200).expect('Content-Type', /application\/json/);
    expect(res.body).toHaveLength(loadDefinitions().size);
    expect(res.body).toContainEqual({ id: FORM, title: '市川市地域生活支援拠点等届出書', version: '2024-05' });
  });

  it('returns one definition and the JSON Schema of its data', async () => {
    const definition = await request(app).get(`/api/forms/${FORM}`).expect(200);
    expect(definition.body).toEqual(JSON.parse(JSON.stringify(getDefinition(FORM))));
    const schema = await request(app).get(`/api/forms/${FORM}/schema`).expect(200);
    expect(schema.body).toEqual(jsonSchema(getDefinition(FORM)));
    expect(schema.body.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});

describe('POST /api/forms/:id/validate', () => {
  it('answers 200 with the result contract for a valid document', async () => {
    const res = await postJson(`/api/forms/${FORM}/validate?today=${TODAY}`, example(FORM)).expect(200);
    // The 短期入所 office is told that its 算定開始月 follows the filing to 千葉県 (F-START-PREF, S002 §6-5).
    expect(res.body).toMatchObject({ valid: true, errors: [], warnings: [{ rule: 'F-START-PREF', severity: 'warning', path: 'office.serviceType', message: '「短期入所」の指定権者は千葉県です。その加算の算定開始月は、この届出の日ではなく、市川市から交付される登録通知書を添付して千葉県に届け出た日で決まります（15日以前の届出は翌月、16日以降は翌々月のサービス提供分から）。' }] });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers 200 with the result contract, valid or not', async () => {
    const res = await postJson(`/api/forms/${FORM}/validate?today=${TODAY}`, invalidExample()).expect(200);
    expect(res.body).toEqual({
      valid: false,
      errors: [
        {
          rule: 'G-DATE',
          severity: 'error',
          path: 'filedOn',
          message: '「届出日」の「令和6年2月30日」は存在しない日付です。正しい日付（例：令和6年5月1日、2024-05-01）を入力してください。',
        },
      ],
      warnings: [{ rule: 'F-START-PREF', severity: 'warning', path: 'office.serviceType', message: '「短期入所」の指定権者は千葉県です。その加算の算定開始月は、この届出の日ではなく、市川市から交付される登録通知書を添付して千葉県に届け出た日で決まります（15日以前の届出は翌月、16日以降は翌々月のサービス提供分から）。' }],
      computed: {},
    });
  });
});

describe('POST /api/forms/:id/pdf and /xlsx', () => {
  it('answers the PDF with its Japanese file name, and its text reads back', async () => {
    const res = await postJson(`/api/forms/${FORM}/pdf?today=${TODAY}`, example(FORM)).buffer(true).parse(asBuffer).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      "attachment; filename=\"ichikawa-kyoten-todokede.pdf\"; filename*=UTF-8''%E5%B8%82%E5%B7%9D%E5%B8%82%E5%9C%B0%E5%9F%9F%E7%94%9F%E6%B4%BB%E6%94%AF%E6%8F%B4%E6%8B%A0%E7%82%B9%E7%AD%89%E5%B1%8A%E5%87%BA%E6%9B%B8.pdf",
    );
    expect(decodeURIComponent(res.headers['content-disposition'].split("UTF-8''")[1])).toBe('市川市地域生活支援拠点等届出書.pdf');
    expect(res.headers['x-yoshiki-warnings']).toBe('1'); // F-START-PREF
    const pages = await pdfPageTexts(res.body);
    expect(squash(pages[0])).toContain('市川市地域生活支援拠点等届出書');
    expect(squash(pages.join(''))).toContain(squash(String((example(FORM).applicant as Record<string, string>).name)));
    expect(pages.join('')).not.toContain('下書き');
  });

  it('encodes the characters RFC 5987 reserves (parentheses, spaces) in the file name', async () => {
    const res = await postJson('/api/forms/takatsuki-renkei-kakunin/pdf?today=2024-07-03', example('takatsuki-renkei-kakunin')).buffer(true).parse(asBuffer);
    expect(res.status).toBe(200);
    const encoded = res.headers['content-disposition'].split("UTF-8''")[1];
    expect(encoded).toMatch(/^[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
    expect(decodeURIComponent(encoded)).toBe(`${getDefinition('takatsuki-renkei-kakunin').title}.pdf`);
  });

  it('answers the XLSX (a zip: PK) with its content type', async () => {
    const res = await postJson(`/api/forms/${FORM}/xlsx?today=${TODAY}`, example(FORM)).buffer(true).parse(asBuffer).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E5%B8%82");
    expect(res.headers['content-disposition']).toMatch(/\.xlsx$/);
    expect((res.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it.each(['pdf', 'xlsx'])('refuses a document with errors: 422 with the result contract (%s)', async (format) => {
    const res = await postJson(`/api/forms/${FORM}/${format}?today=${TODAY}`, invalidExample()).expect(422);
    const expected = validateDocument(getDefinition(FORM), invalidExample(), { today: TODAY, canDraw: printFont().canDraw }).result;
    expect(res.body).toEqual(expected);
    expect(res.body.errors.map((e: { rule: string }) => e.rule)).toEqual(['G-DATE']);
    expect(res.headers['x-yoshiki-errors']).toBe('1');
  });

  it('renders a draft with 下書き when ?draft=1, errors or not', async () => {
    const res = await postJson(`/api/forms/${FORM}/pdf?today=${TODAY}&draft=1`, invalidExample()).buffer(true).parse(asBuffer).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-yoshiki-errors']).toBe('1');
    expect(decodeURIComponent(res.headers['content-disposition'].split("UTF-8''")[1])).toBe('市川市地域生活支援拠点等届出書（下書き）.pdf');
    for (const page of await pdfPageTexts(res.body)) expect(page).toContain('下書き');
  });
});

describe('errors: JSON with a Japanese message, the right status', () => {
  const errorOf = (res: request.Response) => res.body.error as { status: number; code: string; message: string };

  it('404 for an unknown 様式 on every route', async () => {
    for (const res of [
      await request(app).get('/api/forms/no-such-form'),
      await request(app).get('/api/forms/no-such-form/schema'),
      await postJson('/api/forms/no-such-form/validate', {}),
      await postJson('/api/forms/no-such-form/pdf', {}),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        error: { status: 404, code: 'FORM_NOT_FOUND', message: '様式「no-such-form」はありません。GET /api/forms で様式の一覧を確認してください。' },
      });
    }
  });

  it('404 for an unknown route', async () => {
    const res = await request(app).get('/api/nowhere?x=1').expect(404);
    expect(errorOf(res)).toEqual({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      message: '「GET /api/nowhere」はありません。アドレスを確認してください（API の一覧：GET /api/openapi.json）。',
    });
  });

  it('405 with Allow for a method the path does not offer', async () => {
    const res = await request(app).get(`/api/forms/${FORM}/pdf`).expect(405).expect('Allow', 'POST');
    expect(errorOf(res).message).toBe(`「/api/forms/${FORM}/pdf」には GET を使えません。使えるのは POST です。`);
    await request(app).delete('/api/forms').expect(405).expect('Allow', 'GET, HEAD');
    await request(app).put(`/api/forms/${FORM}`).expect(405);
  });

  it('400 for malformed JSON', async () => {
    const res = await request(app).post(`/api/forms/${FORM}/validate`).set('Content-Type', 'application/json').send('{"filedOn": ').expect(400);
    expect(errorOf(res)).toEqual({
      status: 400,
      code: 'INVALID_JSON',
      message: '本文を JSON のオブジェクト（{ … }）として読み取れません。引用符・カンマ・括弧の対応と、文字コード（UTF-8）を確認してください。',
    });
  });

  it('400 for an array body, a body nested too deep, and a ?today that is no real day', async () => {
    expect(errorOf(await postJson(`/api/forms/${FORM}/validate`, [example(FORM)]).expect(400)).code).toBe('BODY_NOT_OBJECT');
    expect(errorOf(await postJson(`/api/forms/${FORM}/validate`, { a: nested(40) }).expect(400)).code).toBe('BODY_TOO_DEEP');
    const res = await postJson(`/api/forms/${FORM}/validate?today=2024-02-30`, example(FORM)).expect(400);
    expect(errorOf(res).message).toBe('today は実在する日付を YYYY-MM-DD の形で指定してください（指定された値：「2024-02-30」）。');
  });

  it('415 for a body that is not application/json', async () => {
    const res = await request(app).post(`/api/forms/${FORM}/validate`).set('Content-Type', 'text/plain').send('{}').expect(415);
    expect(errorOf(res)).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: '本文は JSON で送ってください（Content-Type: application/json）。送られた形式：「text/plain」。',
    });
    await request(app).post(`/api/forms/${FORM}/pdf`).type('form').send({ filedOn: 'x' }).expect(415);
    await request(app).post(`/api/forms/${FORM}/xlsx`).expect(415);
    expect(errorOf(await request(app).post(`/api/forms/${FORM}/validate`).set('Content-Type', 'application/json; charset=latin1').send('{}').expect(415)).code).toBe(
      'UNSUPPORTED_CHARSET',
    );
  });

  it('413 for a body over 1 MB', async () => {
    const res = await postJson(`/api/forms/${FORM}/validate`, { remarks: 'あ'.repeat(700_000) }).expect(413);
    expect(errorOf(res).message).toBe('本文が大きすぎます（上限 1MB）。記入内容を見直して、もう一度送ってください。');
  });
});

/** `{ a: { a: … } }` nested `depth` deep. */
function nested(depth: number): unknown {
  let node: unknown = 'x';
  for (let i = 0; i < depth; i++) node = { a: node };
  return node;
}

describe('garbage never causes a 500 or shows a stack trace', () => {
  const twoMb = Buffer.alloc(2 * 1024 * 1024, 'a');
  const bodies: [string, string | Buffer, string?][] = [
    ['array', '[1, "x", null, {}]'],
    ['string', '"hello"'],
    ['number', '42'],
    ['null', 'null'],
    ['empty', ''],
    ['deeply nested objects', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)],
    ['deeply nested arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['deep array as a field', `{"filedOn":${'['.repeat(20)}${']'.repeat(20)},"purposes":${'['.repeat(25)}"x"${']'.repeat(25)}}`],
    ['2 MB of JSON', JSON.stringify({ remarks: 'x'.repeat(2 * 1024 * 1024) })],
    ['2 MB of text', twoMb, 'text/plain'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])],
    ['invalid UTF-8, not JSON', Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x80])],
    ['wrong kinds everywhere', JSON.stringify({ filedOn: 1, applicant: [], functions: 'x', liaisons: { 0: 1 }, __proto__: { x: 1 }, constructor: null })],
    ['prototype keys', '{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}'],
    ['binary', Buffer.from([0x00, 0x01, 0x02, 0x7b]), 'application/octet-stream'],
    ['a JSON body with a gzip header it lacks', '{}', 'application/json+gzip'],
  ];
  const paths = [`/api/forms/${FORM}/validate`, `/api/forms/${FORM}/pdf`, `/api/forms/${FORM}/xlsx?draft=1`, '/api/forms/ichikawa-kino-kyoka/pdf?draft=1', '/api/forms'];

  it.each(bodies)('%s', async (_name, body, type = 'application/json') => {
    for (const path of paths) {
      const res = await request(app).post(path).set('Content-Type', type).send(body);
      // A draft is a file; every other answer is JSON, and no JSON answer may carry a stack trace.
      const text = res.type === 'application/json' ? res.text : '';
      expect(res.status, `${path}: ${text.slice(0, 200)}`).toBeLessThan(500);
      if (res.status === 200 && res.type !== 'application/json') expect(['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']).toContain(res.type);
      else expect(text).toMatch(/^\{"(error|valid)"/);
      expect(text).not.toMatch(/\bat .+:\d+:\d+|Error:|node_modules/);
    }
  });

  it('a wrong Content-Encoding is a 415, not a 500', async () => {
    const res = await request(app).post(`/api/forms/${FORM}/validate`).set('Content-Type', 'application/json').set('Content-Encoding', 'br2').send('{}');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_ENCODING');
  });

  it('a malformed percent-encoding in the path is a 400', async () => {
    expect((await request(app).get('/api/forms/%E0%A4%A')).status).toBe(400);
  });
});

describe('logs', () => {
  it('log method, path, status and duration, and no personal data from the body or query', async () => {
    const lines: string[] = [];
    const memory = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = createApp({ logger: createLogger({ level: 'info', destination: memory }) });
    const data = example('ichikawa-taisei-kyoka-kiroku');
    (data.user as Record<string, string>).name = '鴻之台 花子';
    await request(logged)
      .post('/api/forms/ichikawa-taisei-kyoka-kiroku/validate?today=2024-06-10&who=鴻之台')
      .set('Content-Type', 'application/json')
      .set('Authorization', 'Bearer secret-token')
      .set('Cookie', 'session=secret-cookie')
      .send(JSON.stringify(data))
      .expect(200);
    await request(logged).post('/api/forms/ichikawa-taisei-kyoka-kiroku/validate').set('Content-Type', 'application/json').send('{"user":{"name":"鴻之台 花子"').expect(400);

    expect(lines).toHaveLength(2);
    const [first] = lines.map((l) => JSON.parse(l));
    expect(first.req).toEqual({ id: expect.anything(), method: 'POST' });
    expect(first.route).toBe('/api/forms/:id/validate');
    expect(first.res).toEqual({ statusCode: 200 });
    expect(first.responseTime).toEqual(expect.any(Number));
    const all = lines.join('\n');
    for (const secret of ['鴻之台', '花子', '\\u9d3b', 'secret-token', 'secret-cookie', 'today=']) expect(all).not.toContain(secret);
  });
});

describe('yoshiki serve', () => {
  it('renders at boot, listens, answers and closes', async () => {
    const running = await startServer({ port: 0, host: '127.0.0.1', logger: silent });
    try {
      expect(running.origin).toMatch(/^http:\/\/localhost:\d+$/);
      const port = (running.server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/forms`);
      expect(res.status).toBe(200);
      expect(await res.json()).toContainEqual({ id: FORM, title: '市川市地域生活支援拠点等届出書', version: '2024-05' });
    } finally {
      await running.close();
    }
    expect(running.server.listening).toBe(false);
  });
});
