/**
 * XLSX bombs on the public import route (issue #14: a 3 MB file took the process to 3.4 GB and 11–17 s of CPU before it
 * answered 415). The zip is checked before exceljs opens it: 413 at once, in Japanese, the memory of the process within a
 * bound, and the server answers the next request. Through the app `yoshiki serve` builds (createApp).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { pino } from 'pino';
import request from 'supertest';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';

const app = createApp({ logger: pino({ level: 'silent' }) });
const URL = '/api/forms/ichikawa-kyoten-todokede/import';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BOMB =
  'Excel ファイルが展開すると大きすぎる（上限 16 MB、部品 500 個まで）ため読み込みません。yoshiki で作成した様式の Excel ファイルに記入し、.xlsx 形式のまま保存して送ってください。';

/** A workbook's parts with one more: `extra` bytes of zeros (streamed into the zip, never held), or `count` tiny parts. */
async function bomb(extra: { bytes?: number; parts?: number }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('様式').addRow(['届出日']);
  const good = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  const zip = new yazl.ZipFile();
  for (const name of Object.keys(good.files)) if (!good.files[name].dir) zip.addBuffer(await good.file(name)!.async('nodebuffer'), name);
  if (extra.bytes) {
    let left = extra.bytes;
    const chunk = Buffer.alloc(1024 * 1024);
    zip.addReadStream(new Readable({ read() { const n = Math.min(left, chunk.length); left -= n; this.push(n ? chunk.subarray(0, n) : null); } }), 'xl/sharedStrings.xml');
  }
  for (let i = 0; i < (extra.parts ?? 0); i++) zip.addBuffer(Buffer.from('<x/>'), `xl/media/p${i}.xml`);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('POST /api/forms/:id/import with an XLSX bomb', () => {
  it('answers 413 at once for 1 MB that inflates to 512 MB, memory growing by less than 150 MB', async () => {
    const body = await bomb({ bytes: 512 * 1024 * 1024 });
    expect(body.length).toBeLessThan(1.5 * 1024 * 1024);
    global.gc?.();
    const start = process.memoryUsage().rss;
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const started = Date.now();
    const res = await request(app).post(URL).set('Content-Type', XLSX).send(body);
    clearInterval(sampler);
    expect(res.status, JSON.stringify(res.body)).toBe(413);
    expect(res.body).toEqual({ error: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: BOMB } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((peak - start) / 1024 / 1024).toBeLessThan(150);
    expect((await request(app).get('/api/forms')).status).toBe(200);
  }, 120_000);

  it('answers 413 for a workbook of 2,000 parts, sent as multipart', async () => {
    const res = await request(app).post(URL).attach('file', await bomb({ parts: 2000 }), { filename: 'bomb.xlsx', contentType: XLSX });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe(BOMB);
  }, 60_000);

  it('still answers 415 for a zip that cannot be inflated (a workbook with bytes flipped)', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('様式').addRow(['届出日']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    for (const at of [0.3, 0.5, 0.7]) bytes[Math.floor(bytes.length * at)] ^= 0xff;
    const res = await request(app).post(URL).set('Content-Type', XLSX).send(bytes);
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  }, 60_000);
});
