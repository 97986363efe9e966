/**
 * The batch upload cannot kill or hang the server (issue #14): a table of tens of thousands of refused rows once took the
 * process to 4.6 GB and then away; an XLSX bomb to 3.4 GB; a corrupt XLSX held its batch slot for good. Each case here
 * is answered promptly with a Japanese 4xx (or 200 with the report), the memory of the process stays within a bound
 * while it is, and the next request is answered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import yazl from 'yazl';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { errorHandler, routeNotFound } from '../../server/errors.ts';
import { BATCH_MAX_ROWS, batchRouter } from '../../server/routes/batch.ts';
import { BatchSlots } from '../../server/routes/batch-slots.ts';
import { csvText, example, table } from '../batch/support/table.ts';
import { asBuffer } from '../support/binary-body.ts';

const FORM = 'ichikawa-kyoten-todokede';
const URL = `/api/forms/${FORM}/batch?today=2024-06-01`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-batch-limits-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const app = createApp({ logger: pino({ level: 'silent' }) });


/** The peak resident memory above the start while `work` runs, sampled every 20 ms. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - start) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/** One valid row: what every test sends afterwards to show the server still answers batches. */
const oneValidRow = () => Buffer.from(csvText(table(FORM, [example(FORM)], 'label')));
const expectBatchStillWorks = async (target: express.Express = app) => {
  const res = await request(target).post(URL).attach('file', oneValidRow(), 'one.csv').buffer(true).parse(asBuffer);
  expect(res.status).toBe(200);
  expect(res.headers['x-yoshiki-rendered']).toBe('1');
};

/**
 * Rows that all are refused: only the 届出日 and a 事業所番号 that is a formula filled, so each row has a dozen findings (every required
 * field) — the report a person needs, and what once piled up in memory.
 */
function refusedRows(count: number, pad = 0): Buffer {
  const lines = ['"届出日","事業所番号"'];
  for (let i = 1; i <= count; i++) lines.push(`"令和6年5月${(i % 28) + 1}日","=HYPERLINK(""http://example.com/${i}"")${'　'.repeat(pad)}"`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

describe('POST /api/forms/:id/batch: a table over the row limit', () => {
  it(`answers 413 saying the limit of ${BATCH_MAX_ROWS} rows and that yoshiki batch has none, for 49,000 rows in 9.9 MB`, async () => {
    const rows = 49_000;
    // The size of the file that once killed the server: each 事業所番号 padded with 全角 spaces, still under 10 MB.
    const padded = refusedRows(rows, 48);
    expect(padded.length).toBeGreaterThan(9 * 1024 * 1024);
    expect(padded.length).toBeLessThan(10 * 1024 * 1024);
    const { result: res, growthMb } = await peakGrowth(() => request(app).post(URL).attach('file', padded, 'many.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(413);
    expect(res.body.error).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message:
        '一度に作成できるのは 2,000 行までです。大きな表は POST /api/batches（画面：/batches）に送ると、裏側で作成して後で ZIP を受け取れます。表を 2,000 行ずつに分けて送るか、行数に上限のないコマンド yoshiki batch（yoshiki batch <様式の id> <表のファイル>）を使うこともできます。',
    });
    expect(growthMb).toBeLessThan(200);
    await expectBatchStillWorks();
  }, 120_000);

  it('counts rows, not lines: 2,000 rows with blank lines between them are within the limit', async () => {
    const text = refusedRows(BATCH_MAX_ROWS).toString('utf8').replace(/\r\n/g, '\r\n\r\n');
    const res = await request(app).post(URL).attach('file', Buffer.from(text), 'blank-lines.csv').buffer(true).parse(asBuffer);
    expect(res.status).toBe(200);
    expect(res.headers['x-yoshiki-rows']).toBe(String(BATCH_MAX_ROWS));
  }, 240_000);
});

describe('POST /api/forms/:id/batch: 2,000 refused rows', () => {
  let res: request.Response;
  let growthMb = 0;
  let zip: JSZip;

  it('answers 200 with every row in the report, the memory of the process staying within 250 MB', async () => {
    ({ result: res, growthMb } = await peakGrowth(() => request(app).post(URL).attach('file', refusedRows(BATCH_MAX_ROWS), 'refused.csv').buffer(true).parse(asBuffer)));
    expect(res.status).toBe(200);
    expect(res.headers['x-yoshiki-refused']).toBe(String(BATCH_MAX_ROWS));
    zip = await JSZip.loadAsync(res.body as Buffer);
    const records = parse(await zip.file('report.csv')!.async('string'), { bom: true, from_line: 2 }) as string[][];
    expect(new Set(records.map((r) => r[0])).size).toBe(BATCH_MAX_ROWS);
    // In row order, errors first within a row.
    expect(records.map((r) => Number(r[0]))).toEqual(records.map((r) => Number(r[0])).sort((a, b) => a - b));
    expect(growthMb).toBeLessThan(250);
  }, 240_000);

  it('writes a typed formula in report.csv with an apostrophe before it, and in report.xlsx as the text typed', async () => {
    const records = parse(await zip.file('report.csv')!.async('string'), { bom: true, from_line: 2 }) as string[][];
    const typed = records.find((r) => r[0] === '1' && r[5] === 'office.number');
    expect(typed?.[6]).toBe(`'=HYPERLINK("http://example.com/1")`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await zip.file('report.xlsx')!.async('nodebuffer')) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('報告')!;
    const values: unknown[] = [];
    sheet.eachRow((row) => row.getCell(6).value === 'office.number' && values.push(row.getCell(7).value));
    expect(values).toHaveLength(BATCH_MAX_ROWS);
    expect(values[0]).toBe('=HYPERLINK("http://example.com/1")');
    expect(sheet.rowCount).toBe(records.length + 1);
  });

  it('still answers the next batch', async () => {
    await expectBatchStillWorks();
  }, 60_000);
});

/** A zip of `parts` written with yazl; a part given as a size is that many zero bytes, streamed (never held). */
async function zipOf(parts: [string, Buffer | number][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of parts) {
    if (typeof content !== 'number') zip.addBuffer(content, name);
    else {
      let left = content;
      const chunk = Buffer.alloc(1024 * 1024);
      zip.addReadStream(new Readable({ read() { const n = Math.min(left, chunk.length); left -= n; this.push(n ? chunk.subarray(0, n) : null); } }), name);
    }
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/** A batch table as an office saves it from Excel. */
async function validXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of table(FORM, [example(FORM)], 'label')) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const BOMB_MESSAGE =
  'Excel ファイル「bomb.xlsx」は展開すると大きすぎる（上限 32 MB、部品 1,000 個まで）ため読み込みません。Excel で開いて .xlsx 形式で保存し直すか、CSV にして送ってください。';

describe('POST /api/forms/:id/batch: XLSX bombs and corrupt XLSX', () => {
  it('answers 413 at once for an XLSX whose sheet inflates to 256 MB, without inflating it', async () => {
    const good = await JSZip.loadAsync(await validXlsx());
    const parts: [string, Buffer | number][] = [];
    for (const name of Object.keys(good.files)) if (!good.files[name].dir && name !== 'xl/worksheets/sheet1.xml') parts.push([name, await good.file(name)!.async('nodebuffer')]);
    parts.push(['xl/worksheets/sheet1.xml', 256 * 1024 * 1024]);
    const bomb = await zipOf(parts);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const started = Date.now();
    const { result: res, growthMb } = await peakGrowth(() => request(app).post(URL).attach('file', bomb, 'bomb.xlsx'));
    expect(res.status, JSON.stringify(res.body)).toBe(413);
    expect(res.body.error).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: BOMB_MESSAGE });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(growthMb).toBeLessThan(150);
    await expectBatchStillWorks();
  }, 120_000);

  it('answers 413 for an XLSX of 5,000 parts', async () => {
    const parts: [string, Buffer | number][] = Array.from({ length: 5000 }, (_, i) => [`xl/media/p${i}.bin`, Buffer.from('x')]);
    const res = await request(app).post(URL).attach('file', await zipOf(parts), 'bomb.xlsx');
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe(BOMB_MESSAGE);
  }, 60_000);

  it('answers 422 promptly for an XLSX with three bytes flipped, frees the only batch slot, and the next one-row CSV is made', async () => {
    // One slot and no queue: were the slot kept, the next batch would get 503 (or wait for good).
    const slots = new BatchSlots(1, 0);
    const own = express().use(batchRouter({ slots })).use(routeNotFound).use(errorHandler);
    const bytes = await validXlsx();
    for (const at of [0.3, 0.5, 0.7]) bytes[Math.floor(bytes.length * at)] ^= 0xff;
    const started = Date.now();
    const res = await request(own).post(URL).attach('file', bytes, 'flipped.xlsx');
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('UNREADABLE_FILE');
    expect(res.body.error.message).toMatch(/^「flipped\.xlsx」を Excel ファイルとして読めません（.+）。\.xlsx 形式で保存し直してください。$/);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
    await expectBatchStillWorks(own);
  }, 60_000);
});
