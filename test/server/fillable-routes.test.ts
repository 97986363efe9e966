/**
 * GET /api/forms/:id/fillable.pdf and POST /api/forms/:id/import, in process, on the app production builds.
 */
import fs from 'node:fs';
import { pino } from 'pino';
import { PDFDocument } from '@pdfme/pdf-lib';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillFillablePdf } from '../../src/fillable/fill-pdf.ts';
import { getDefinition } from '../../src/forms/registry.ts';
import { renderDocument } from '../../src/render/render.ts';
import { validateDocument } from '../../src/validate.ts';
import { createApp } from '../../server/app.ts';
import { IMPORT_LIMIT_BYTES } from '../../server/routes/fillable.ts';
import { formFolder } from '../../src/forms/folders.ts';
import { asBuffer } from '../support/binary-body.ts';

const FORM = 'takatsuki-renkei-kaijo';
const TODAY = '2024-06-20';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The app as `yoshiki serve` builds it: the fillable routes mounted, and the one error handler, by production.
const app = createApp({ logger: pino({ level: 'silent' }) });


const example = JSON.parse(fs.readFileSync(formFolder(FORM)!.example, 'utf8'));
let fillable: Buffer;
let filled: Uint8Array;
let xlsx: Buffer;

beforeAll(async () => {
  const res = await request(app).get(`/api/forms/${FORM}/fillable.pdf`).buffer(true).parse(asBuffer);
  fillable = res.body as Buffer;
  const definition = getDefinition(FORM);
  filled = await fillFillablePdf(fillable, definition, validateDocument(definition, example, { today: TODAY }).data);
  xlsx = (await renderDocument(definition, example, { today: TODAY, xlsx: true, pdf: false })).xlsx!;
}, 60_000);

const expectError = (res: request.Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: { status, code, message: expect.stringMatching(/[\u3040-\u30ff\u4e00-\u9fff]/) } });
};

describe('GET /api/forms/:id/fillable.pdf', () => {
  it('answers the fillable PDF as a download named after the 様式', async () => {
    const res = await request(app).get(`/api/forms/${FORM}/fillable.pdf`).buffer(true).parse(asBuffer);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`filename="${FORM}-fillable.pdf"`);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const doc = await PDFDocument.load(res.body as Buffer);
    expect(doc.getForm().getFields().map((f) => f.getName())).toContain('guardian.name');
  });

  it('answers 404 with a Japanese message for an unknown 様式', async () => {
    expectError(await request(app).get('/api/forms/no-such-form/fillable.pdf'), 404, 'FORM_NOT_FOUND');
  });
});

describe('POST /api/forms/:id/import', () => {
  const expected = () => validateDocument(getDefinition(FORM), example, { today: TODAY }).data;

  it('reads a filled-in fillable PDF sent as multipart/form-data', async () => {
    const res = await request(app).post(`/api/forms/${FORM}/import?today=${TODAY}`).attach('file', Buffer.from(filled), 'kaijo.pdf');
    expect(res.status).toBe(200);
    expect(res.body.result.valid).toBe(true);
    expect(res.body.data).toEqual(expected());
  });

  it('reads a PDF sent as the body (application/pdf)', async () => {
    const res = await request(app).post(`/api/forms/${FORM}/import?today=${TODAY}`).set('Content-Type', 'application/pdf').send(Buffer.from(filled));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expected());
  });

  it('reads a yoshiki XLSX sent as the body', async () => {
    const res = await request(app).post(`/api/forms/${FORM}/import?today=${TODAY}`).set('Content-Type', XLSX_TYPE).send(xlsx);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: expected(), result: expect.objectContaining({ valid: true, errors: [] }) });
  });

  it('answers 200 with the findings for a document with errors (the blank form)', async () => {
    const res = await request(app).post(`/api/forms/${FORM}/import?today=${TODAY}`).attach('file', fillable, 'blank.pdf');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({});
    expect(res.body.result.valid).toBe(false);
    expect(res.body.result.errors.length).toBeGreaterThan(0);
  });

  it('decides by content, not by name or declared type', async () => {
    const res = await request(app).post(`/api/forms/${FORM}/import?today=${TODAY}`).attach('file', xlsx, { filename: 'form.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expected());
  });

  it.each([
    ['a text file', () => request(app).post(`/api/forms/${FORM}/import`).attach('file', Buffer.from('事業所名,すがの'), 'form.csv')],
    ['a PNG sent as a PDF', () => request(app).post(`/api/forms/${FORM}/import`).set('Content-Type', 'application/pdf').send(Buffer.from([0x89, 0x50, 0x4e, 0x47]))],
    ['a JSON body', () => request(app).post(`/api/forms/${FORM}/import`).send({ office: { name: 'x' } })],
  ])('answers 415 for %s', async (_what, send) => {
    const res = await send();
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.message).toContain('PDF でも Excel');
  });

  it('answers 422 with what to do for a PDF without yoshiki fields', async () => {
    const { pdf } = await renderDocument(getDefinition(FORM), example, { today: TODAY });
    const res = await request(app).post(`/api/forms/${FORM}/import`).attach('file', Buffer.from(pdf!), 'printed.pdf');
    expectError(res, 422, 'NOT_FILLABLE');
    expect(res.body.error.message).toContain(`/api/forms/${FORM}/fillable.pdf`);
  });

  it('answers 422 for the file of another 様式', async () => {
    const res = await request(app).post('/api/forms/ichikawa-kino-kyoka/import').attach('file', Buffer.from(filled), 'kaijo.pdf');
    expectError(res, 422, 'WRONG_FORM');
  });

  it('answers 400 when no file was sent', async () => {
    expectError(await request(app).post(`/api/forms/${FORM}/import`).field('note', 'ファイルなし'), 400, 'FILE_MISSING');
    expectError(await request(app).post(`/api/forms/${FORM}/import`), 400, 'FILE_MISSING');
  });

  it('answers 400 for a file sent under another name than file', async () => {
    const res = await request(app).post(`/api/forms/${FORM}/import`).attach('upload', Buffer.from(filled), 'kaijo.pdf');
    expectError(res, 400, 'BAD_REQUEST');
    expect(res.body.error.message).toContain('file');
  });

  it.each([
    ['cut short', '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF'],
    ['with a broken part header', '--XYZ\r\nContent-Disposition form-data name file\r\n\r\n%PDF\r\n--XYZ--\r\n'],
  ])('answers 400 with what to do for a multipart body %s', async (_case, body) => {
    const res = await request(app).post(`/api/forms/${FORM}/import`).set('Content-Type', 'multipart/form-data; boundary=XYZ').send(body);
    expectError(res, 400, 'BAD_REQUEST');
    expect(res.body.error.message).toBe('multipart/form-data の本文を読み取れません。file という名前の部分にファイルを1つ入れて、もう一度送ってください。');
  });

  it('answers 413 for a file over 10 MB, sent either way', async () => {
    const big = Buffer.alloc(IMPORT_LIMIT_BYTES + 1, 0x20);
    big.write('%PDF-1.7');
    expectError(await request(app).post(`/api/forms/${FORM}/import`).attach('file', big, 'big.pdf'), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await request(app).post(`/api/forms/${FORM}/import`).set('Content-Type', 'application/pdf').send(big), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers 400 for a today that is not a real date', async () => {
    const res = await request(app).post(`/api/forms/${FORM}/import?today=2024-02-30`).attach('file', Buffer.from(filled), 'kaijo.pdf');
    expectError(res, 400, 'INVALID_TODAY');
  });

  it('answers 404 for an unknown 様式', async () => {
    expectError(await request(app).post('/api/forms/no-such-form/import').attach('file', Buffer.from(filled), 'kaijo.pdf'), 404, 'FORM_NOT_FOUND');
  });
});
