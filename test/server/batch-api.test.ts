/**
 * POST /api/forms/:id/batch in process (supertest against createApp): a table in, one zip out — the rendered files,
 * manifest.json and report.csv / report.xlsx exactly as `yoshiki batch --zip` writes them — and for everything a client
 * can send wrong, a Japanese JSON error with a 4xx status, never a 500. Every request's temporary folder is gone afterwards,
 * also when the client leaves mid-batch.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
// jszip comes with exceljs (which reads XLSX with it); yazl, the project's own zip library, only writes.
import JSZip from 'jszip';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.ts';
import { errorHandler, routeNotFound } from '../../server/errors.ts';
import { BATCH_LIMIT_BYTES, batchRouter } from '../../server/routes/batch.ts';
import { BatchSlots } from '../../server/routes/batch-slots.ts';
import { csvText, example, table } from '../batch/support/table.ts';
import { pdfPageTexts, squash } from '../support/read-back.ts';
import { asBuffer } from '../support/binary-body.ts';

const FORM = 'ichikawa-kyoten-todokede';
const TODAY = '2024-06-01';
const URL = `/api/forms/${FORM}/batch?today=${TODAY}`;

// Every request's workspace is made under os.tmpdir(), which reads TMPDIR on each call: a folder of this file's own shows
// whether the server left anything behind (vitest runs each test file in its own process).
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-batch-api-test-'));
process.env.TMPDIR = tmp;
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const workspaces = () => fs.readdirSync(tmp).filter((f) => f.startsWith('yoshiki-batch-http-'));
const noWorkspaceLeft = () => vi.waitFor(() => expect(workspaces()).toEqual([]), { timeout: 30_000, interval: 50 });

const app = createApp({ logger: pino({ level: 'silent' }) });


const expectError = (res: request.Response, status: number, code: string, message?: string | RegExp) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({ error: { status, code, message: expect.stringMatching(/[\u3040-\u30ff\u4e00-\u9fff]/) } });
  if (typeof message === 'string') expect(res.body.error.message).toBe(message);
  else if (message) expect(res.body.error.message).toMatch(message);
};

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Three 拠点届出書 of the example office; the second has a 届出日 that does not exist. */
function offices(): string {
  const valid = example(FORM);
  const invalid = structuredClone(valid);
  invalid.filedOn = '令和6年2月30日';
  return csvText(table(FORM, [valid, invalid, valid], 'label'));
}

describe('POST /api/forms/:id/batch with three rows, one of them wrong', () => {
  const csv = Buffer.from(offices());
  let res: request.Response;
  let zip: JSZip;
  const entry = async (name: string) => new Uint8Array(await zip.file(name)!.async('uint8array'));

  beforeAll(async () => {
    res = await request(app)
      .post(URL)
      .set('Accept-Encoding', 'gzip, deflate')
      .field('format', 'pdf,xlsx')
      .field('name', '{office.number}-{row}')
      .attach('file', csv, { filename: '拠点一覧.csv', contentType: 'text/csv' })
      .buffer(true)
      .parse(asBuffer);
    zip = await JSZip.loadAsync(res.body as Buffer);
  }, 120_000);

  it('answers 200 with a zip named after the 様式, the row counts in headers, sent as it is (not gzipped)', () => {
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${FORM}-batch.zip"; filename*=UTF-8''${encodeURIComponent('市川市地域生活支援拠点等届出書（一括作成）.zip')}`,
    );
    expect(res.headers['x-yoshiki-rows']).toBe('3');
    expect(res.headers['x-yoshiki-rendered']).toBe('2');
    expect(res.headers['x-yoshiki-refused']).toBe('1');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe((res.body as Buffer).length);
  });

  it('holds exactly the rendered files (named by the `name` pattern), manifest.json and the two reports', () => {
    expect(Object.keys(zip.files).sort()).toEqual([
      '1212345678-1.pdf',
      '1212345678-1.xlsx',
      '1212345678-3.pdf',
      '1212345678-3.xlsx',
      'manifest.json',
      'report.csv',
      'report.xlsx',
    ]);
  });

  it("records every row in the manifest, each file's SHA-256 matching the file in the zip", async () => {
    const manifest = JSON.parse(new TextDecoder().decode(await entry('manifest.json')));
    expect(manifest).toMatchObject({
      complete: true,
      form: FORM,
      input: { file: '拠点一覧.csv', kind: 'csv', encoding: 'utf-8', sha256: sha256(csv) },
      options: { formats: ['pdf', 'xlsx'], name: '{office.number}-{row}', today: TODAY, combined: false, zip: true, jobs: 1 },
      summary: { rows: 3, rendered: 2, resumed: 0, refused: 1 },
      report: ['report.csv', 'report.xlsx'],
    });
    expect(manifest.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [1, 'rendered'],
      [2, 'refused'],
      [3, 'rendered'],
    ]);
    const files = manifest.rows.flatMap((r: { files?: { file: string; sha256: string; bytes: number }[] }) => r.files ?? []);
    expect(files.map((f: { file: string }) => f.file)).toEqual(['1212345678-1.pdf', '1212345678-1.xlsx', '1212345678-3.pdf', '1212345678-3.xlsx']);
    for (const f of files) {
      const bytes = await entry(f.file);
      expect(sha256(bytes), f.file).toBe(f.sha256);
      expect(bytes.byteLength).toBe(f.bytes);
    }
  });

  it('says in report.csv which row was refused, by which rule, naming the field as the 様式 prints it', async () => {
    const [head, ...records] = parse(Buffer.from(await entry('report.csv')).toString('utf8'), { bom: true }) as string[][];
    expect(head).toEqual(['行', '元の行', '重大度', '規則', '項目', 'データのパス', '入力値', 'メッセージ']);
    // The error that refused row 2, and the F-START-PREF warning every row of this 短期入所 filing carries (S002 §6-5).
    expect(records.filter((r) => r[2] === '誤り')).toEqual([
      [
        '2',
        '3',
        '誤り',
        'G-DATE',
        '届出日',
        'filedOn',
        '令和6年2月30日',
        '「届出日」の「令和6年2月30日」は存在しない日付です。正しい日付（例：令和6年5月1日、2024-05-01）を入力してください。',
      ],
    ]);
    expect(records.filter((r) => r[2] === '確認').map((r) => [r[0], r[3], r[5]])).toEqual([
      ['1', 'F-START-PREF', 'office.serviceType'],
      ['2', 'F-START-PREF', 'office.serviceType'],
      ['3', 'F-START-PREF', 'office.serviceType'],
    ]);
  });

  it('writes the same finding to report.xlsx', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await entry('report.xlsx')) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1, 5));
    expect(rows).toEqual([
      ['1', '2', '確認', 'F-START-PREF'],
      ['2', '3', '誤り', 'G-DATE'],
      ['2', '3', '確認', 'F-START-PREF'],
      ['3', '4', '確認', 'F-START-PREF'],
    ]);
  });

  it('renders the rows as the 様式: the title, the office and its number read back from the PDF', async () => {
    const pages = await pdfPageTexts(await entry('1212345678-1.pdf'));
    expect(pages).toHaveLength(2);
    const text = squash(pages.join(''));
    expect(text).toContain('市川市地域生活支援拠点等届出書');
    expect(text).toContain('みどりの杜ショートステイ八幡');
    expect(text).toContain('社会福祉法人みどりの杜会');
  });

  it('leaves no temporary folder behind', async () => {
    await noWorkspaceLeft();
  });
});

describe('POST /api/forms/:id/batch: inputs that cannot be read (422, never 500)', () => {
  const header = '事業所番号,事業所名\r\n';
  it.each([
    {
      name: 'garbage bytes',
      file: 'garbage.bin',
      bytes: Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x81, 0x0d, 0x0a, 0x9f, 0x22]),
      message: /^見出し「.*」（A列）はこの様式の項目名にありません。/,
    },
    { name: 'an empty file', file: 'empty.csv', bytes: Buffer.alloc(0), message: '入力ファイル「empty.csv」に見出し行がありません。1行目に項目名（例：事業所番号、office.number）を並べてください。' },
    {
      name: 'a CSV with only a header',
      file: 'header.csv',
      bytes: Buffer.from(`\uFEFF${header}`),
      message: '入力ファイル「header.csv」にデータの行がありません。見出し行の下に1件1行で入力してください。',
    },
    {
      name: "another 様式's header (the 記録書's)",
      file: 'kiroku.csv',
      bytes: Buffer.from('利用者氏名,よみがな,生年月日\r\n真間 一郎,まま いちろう,平成2年1月1日\r\n'),
      message:
        '見出し「利用者氏名」（A列）はこの様式の項目名にありません。様式に印刷された項目名（例：事業所番号）又は項目のキー（例：office.number）にしてください。yoshiki batch-template で見出し行の見本を作れます。',
    },
    { name: 'a zip that is no workbook', file: 'offices.xlsx', bytes: Buffer.from('PK\x03\x04not really a workbook'), message: /^「offices\.xlsx」を Excel ファイルとして読めません（/ },
    {
      name: 'a JSONL file of which no line is a document',
      file: 'broken.jsonl',
      bytes: Buffer.from('{"filedOn": \n[1, 2]\n'),
      message: /^入力ファイル「broken\.jsonl」のどの行も書類として読み取れませんでした（1件目：この行を JSON として読めません（/,
    },
  ])('answers 422 UNREADABLE_FILE for $name, naming the uploaded file (never a server path)', async ({ file, bytes, message }) => {
    const res = await request(app).post(URL).attach('file', bytes, file);
    expectError(res, 422, 'UNREADABLE_FILE', message);
    expect(res.body.error.message).not.toContain(tmp);
    expect(res.body.error.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('answers 422 naming the sheet when an XLSX lacks the one asked for', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('届出').addRow(['事業所番号']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await request(app).post(URL).field('sheet', '一覧').attach('file', bytes, 'offices.xlsx');
    expectError(res, 422, 'UNREADABLE_FILE', 'シート「一覧」がありません。シート名を確かめてください（このファイルのシート：届出）。');
  });

  it('reads a file without a known extension by its content (a CSV named .dat)', async () => {
    const res = await request(app).post(URL).attach('file', Buffer.from(offices()), 'export.dat').buffer(true).parse(asBuffer);
    expect(res.status).toBe(200);
    expect(res.headers['x-yoshiki-refused']).toBe('1');
    const manifest = JSON.parse(await (await JSZip.loadAsync(res.body as Buffer)).file('manifest.json')!.async('string'));
    expect(manifest.input).toMatchObject({ file: 'export.dat.csv', kind: 'csv' });
  }, 60_000);

  it('leaves no temporary folder behind', async () => {
    await noWorkspaceLeft();
  });
});

describe('POST /api/forms/:id/batch: requests in the wrong shape', () => {
  const csv = Buffer.from('事業所番号\r\n1212345678\r\n');
  it.each([
    {
      name: 'no body at all',
      send: () => request(app).post(URL),
      status: 400,
      code: 'FILE_MISSING',
      message: 'ファイルがありません。multipart/form-data の file という名前の部分に、CSV（UTF-8 又は Shift_JIS）、Excel（.xlsx）又は JSONL のファイルを1つ入れて送ってください。',
    },
    { name: 'options but no file', send: () => request(app).post(URL).field('format', 'pdf'), status: 400, code: 'FILE_MISSING' },
    {
      name: 'a JSON body',
      send: () => request(app).post(URL).set('Content-Type', 'application/json').send('{"rows": []}'),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: '一括作成のファイルは multipart/form-data で送ってください（file という名前の部分にファイル）。送られた形式：「application/json」。',
    },
    { name: 'a raw CSV body', send: () => request(app).post(URL).set('Content-Type', 'text/csv').send(csv.toString()), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    {
      name: 'an unknown format',
      send: () => request(app).post(URL).field('format', 'pdf,docx').attach('file', csv, 'a.csv'),
      status: 400,
      code: 'INVALID_OPTION',
      message: 'format は pdf、xlsx 又は pdf,xlsx で指定してください（指定された値：「pdf,docx」）。',
    },
    {
      name: 'combined without pdf',
      send: () => request(app).post(URL).field('format', 'xlsx').field('combined', '1').attach('file', csv, 'a.csv'),
      status: 400,
      code: 'INVALID_OPTION',
      message: 'combined（まとめた PDF）を作るには、format に pdf を含めてください（例：pdf 又は pdf,xlsx）。',
    },
    { name: 'combined neither yes nor no', send: () => request(app).post(URL).field('combined', 'maybe').attach('file', csv, 'a.csv'), status: 400, code: 'INVALID_OPTION' },
    {
      name: 'a name naming no field',
      send: () => request(app).post(URL).field('name', '{office.phone}').attach('file', csv, 'a.csv'),
      status: 400,
      code: 'INVALID_OPTION',
      message: 'name 「{office.phone}」 の {office.phone} はこの様式の項目ではありません。{row}、{form-id} 又は項目のキー（例：{office.number}）を使ってください。',
    },
    {
      name: 'an unknown part',
      send: () => request(app).post(URL).field('formats', 'pdf').attach('file', csv, 'a.csv'),
      status: 400,
      code: 'BAD_REQUEST',
      message: '「formats」という部分は受け付けません。ファイルは file、指定は format、combined、sheet、name という名前の部分で1つずつ送ってください。',
    },
    { name: 'the file under another name', send: () => request(app).post(URL).attach('table', csv, 'a.csv'), status: 400, code: 'BAD_REQUEST' },
    { name: 'two files', send: () => request(app).post(URL).attach('file', csv, 'a.csv').attach('file', csv, 'b.csv'), status: 400, code: 'BAD_REQUEST' },
    {
      name: 'a multipart body cut short',
      send: () => request(app).post(URL).set('Content-Type', 'multipart/form-data; boundary=XYZ').send('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc'),
      status: 400,
      code: 'BAD_REQUEST',
    },
    { name: 'a today that is no day', send: () => request(app).post(`/api/forms/${FORM}/batch?today=2024-02-30`).attach('file', csv, 'a.csv'), status: 400, code: 'INVALID_TODAY' },
    { name: 'an unknown 様式', send: () => request(app).post('/api/forms/no-such-form/batch').attach('file', csv, 'a.csv'), status: 404, code: 'FORM_NOT_FOUND' },
    { name: 'GET', send: () => request(app).get(`/api/forms/${FORM}/batch`), status: 405, code: 'METHOD_NOT_ALLOWED' },
  ])('answers $status $code for $name', async ({ send, status, code, message }) => {
    expectError(await send(), status, code, message);
  });

  it('answers 413 for a file over the limit, without reading it all', async () => {
    const res = await request(app).post(URL).attach('file', Buffer.alloc(BATCH_LIMIT_BYTES + 1, 0x41), 'big.csv');
    expectError(res, 413, 'PAYLOAD_TOO_LARGE', 'ファイルが大きすぎます（上限 10 MB）。行を分けて、何回かに分けて送ってください。');
  });

  it('answers 503 with Retry-After when every batch slot is taken and the queue is full', async () => {
    const busy = express().use(batchRouter({ slots: new BatchSlots(0, 0) })).use(routeNotFound).use(errorHandler);
    const res = await request(busy).post(URL).attach('file', csv, 'a.csv');
    expectError(res, 503, 'SERVER_BUSY', '一括作成の依頼が混み合っています。30秒ほど待ってから、もう一度送ってください。');
    expect(res.headers['retry-after']).toBe('30');
  });

  it('leaves no temporary folder behind', async () => {
    await noWorkspaceLeft();
  });
});

describe('POST /api/forms/:id/batch: a client that leaves mid-batch', () => {
  it('stops the batch, frees its slot and removes its folder', async () => {
    const slots = new BatchSlots(1, 0);
    const own = express().use(batchRouter({ slots })).use(routeNotFound).use(errorHandler);
    const docs = Array.from({ length: 24 }, () => example(FORM));
    const pending = request(own).post(URL).attach('file', Buffer.from(csvText(table(FORM, docs, 'key'))), 'many.csv');
    pending.end(() => undefined);
    // The batch has begun once its output folder exists (runBatch makes it after reading the first row).
    await vi.waitFor(() => expect(workspaces().some((w) => fs.existsSync(path.join(tmp, w, 'out')))).toBe(true), { timeout: 30_000, interval: 20 });
    pending.abort();
    await noWorkspaceLeft();
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  }, 60_000);
});
