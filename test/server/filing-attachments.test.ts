/**
 * Filing attachments are streamed to disk as they arrive, never held in memory (issue #14: three parallel filings of
 * twenty 9.9 MB attachments held ~1 GB). Through the app `yoshiki serve` builds (createApp with a SQLite store): the
 * receipt's SHA-256 is the file's, the stored bytes are the file's, the PDF is still judged by its content, the memory of
 * the process stays within a bound while the filings are read, and the server answers other requests meanwhile.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { createToken } from '../../src/submissions/tokens.ts';
import { example, OFFICE_A } from '../submissions/examples.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-filing-attachments-test-'));
const dataDir = path.join(dir, 'data');
// The request's staging folders are made under os.tmpdir(), which reads TMPDIR on each call: this file's own shows that
// none is left behind (vitest runs each test file in its own process).
const staging = path.join(dir, 'tmp');
fs.mkdirSync(staging);
process.env.TMPDIR = staging;
let store: SubmissionStore;
let app: ReturnType<typeof createApp>;
let token: string;
/** Three offices, one 拠点届出書 each: a 様式 with filing.oneOpenFiling takes one open filing per office. */
const OFFICES = [OFFICE_A, '1212345679', '1212345680'];
const tokens: string[] = [];

/** A PDF of 9.9 MB on disk (a header, random filler the store cannot deduplicate, the end marker). */
function bigPdf(name: string): { file: string; sha256: string } {
  const file = path.join(dir, name);
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n%'), crypto.randomBytes(9.9 * 1024 * 1024 - 20), Buffer.from('\n%%EOF\n')]);
  fs.writeFileSync(file, bytes);
  return { file, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

beforeAll(async () => {
  store = await openStore({ dataDir, databaseUrl: '' });
  app = createApp({ logger: pino({ level: 'silent' }), dataDir, submissionStore: store });
  for (const officeNumber of OFFICES) tokens.push((await createToken(store, { role: 'office', officeNumber }, 'test')).token);
  token = tokens[0];
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (key: string, attachments: string[], office = 0) => {
  const data = example('ichikawa-kyoten-todokede');
  data.office.number = OFFICES[office];
  let r = request(app)
    .post('/api/submissions')
    .set('Authorization', `Bearer ${tokens[office]}`)
    .set('Idempotency-Key', key)
    .field('documents', JSON.stringify([{ form: 'ichikawa-kyoten-todokede', data }]));
  attachments.forEach((a, i) => (r = r.attach('attachments', a, { filename: `添付${i + 1}.pdf`, contentType: 'application/pdf' })));
  return r;
};

describe('POST /api/submissions with large attachments', () => {
  it('files three filings of ten 9.9 MB attachments at once, memory growing by less than 200 MB, answering others meanwhile', async () => {
    const pdfs = Array.from({ length: 10 }, (_, i) => bigPdf(`a${i}.pdf`));
    global.gc?.();
    const start = process.memoryUsage().rss;
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    let othersAnswered = 0;
    const others = setInterval(() => void request(app).get('/api/forms').then((r) => r.status === 200 && othersAnswered++), 200);
    try {
      const results = await Promise.all([0, 1, 2].map((n) => file(`big-${n}`, pdfs.map((p) => p.file), n)));
      for (const res of results) {
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.body.sha256.attachments).toEqual(pdfs.map((p) => p.sha256));
      }
      const stored = await request(app).get(`${results[0].body.links.submission}/attachments/9`).set('Authorization', `Bearer ${token}`).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(crypto.createHash('sha256').update(stored.body as Buffer).digest('hex')).toBe(pdfs[9].sha256);
    } finally {
      clearInterval(sampler);
      clearInterval(others);
    }
    expect((peak - start) / 1024 / 1024).toBeLessThan(200);
    expect(othersAnswered).toBeGreaterThan(0);
    expect(fs.readdirSync(staging).filter((f) => f.startsWith('yoshiki-filing-'))).toEqual([]);
  }, 180_000);

  it('still judges a PDF by its content: a file cut short (no %%EOF) named .pdf is refused naming it', async () => {
    const cut = path.join(dir, 'cut.pdf');
    fs.writeFileSync(cut, Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(2 * 1024 * 1024)]));
    const res = await file('cut', [cut]);
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ rule: 'SUB-ATTACHMENT', attachment: 0, message: '添付ファイル「添付1.pdf」は PDF ではありません（内容が PDF の形式になっていません）。PDF に変換してから添付してください。' }),
    );
  }, 60_000);
});
