/**
 * Beyond one machine, for real: two `yoshiki serve` processes (A, B) and `yoshiki worker` processes, started through
 * bin/yoshiki.js, against one throwaway PostgreSQL cluster of this file's own (it is stopped at the end to see /readyz
 * fail). Each server has its own data folder — only the audit key file is shared, as docs/deploy.md says — so whatever
 * B answers about A's work came through the database.
 *
 * - a filing with an attachment made on A is read (the attachment's bytes), reviewed and accepted on B;
 * - the notice job runs on the worker (notice_files names the worker's process) and A hands out those very bytes;
 * - a batch posted to A is rendered by the worker and downloaded from B; the worker killed with SIGKILL mid-batch, a new
 *   worker retries the job (attempt 2) and the result has every row exactly once;
 * - /healthz and /readyz answer; SIGTERM ends a server cleanly (exit 0) with the request in flight answered, and an idle
 *   worker too; with the
 *   database gone, /readyz is 503 JSON naming it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvText, example as batchExample, table } from '../batch/support/table.ts';
import { startPostgres, stopPostgres, type TestPostgres } from '../submissions/pg-setup.ts';
import { example, tinyPdf } from '../submissions/examples.ts';
import { startYoshiki, until, type YoshikiProcess } from './processes.ts';

const FORM = 'ichikawa-kyoten-todokede';
const BATCH_ROWS = 40;
const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

let cluster: TestPostgres;
let dir: string;
let env: Record<string, string>;
let a: YoshikiProcess;
let b: YoshikiProcess;
let worker: YoshikiProcess;
let originA: string;
let originB: string;
let officeToken: string;
let cityToken: string;
let seededReceipt: string;
const started: YoshikiProcess[] = [];

function serve(name: string): YoshikiProcess {
  const p = startYoshiki(['serve', '--port', '0', '--data', path.join(dir, name)], env);
  started.push(p);
  return p;
}
function startWorker(): YoshikiProcess {
  const p = startYoshiki(['worker', '--threads', '1'], env);
  started.push(p);
  return p;
}
const originOf = async (p: YoshikiProcess) => (await p.waitFor(/yoshiki is running at (http:\/\/localhost:\d+)\/forms/))[1];

async function sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  cluster = startPostgres();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-scale-'));
  env = {
    DATABASE_URL: cluster.url,
    // One audit key for every server (docs/deploy.md: YOSHIKI_AUDIT_KEY_FILE on a shared secret mount).
    YOSHIKI_AUDIT_KEY_FILE: path.join(dir, 'audit-signing-key.pem'),
    // A dead worker's job is retried after 4 s without a heartbeat (default 30 s).
    YOSHIKI_JOB_STALE_SECONDS: '4',
  };
  // A first: it migrates the empty database and seeds the demo tokens (printed once); B starts on the same data.
  a = serve('a');
  originA = await originOf(a);
  officeToken = (await a.waitFor(/事業所（\d+）のトークン: (\S+)/))[1];
  cityToken = (await a.waitFor(/市（ichikawa）のトークン:\s+(\S+)/))[1];
  seededReceipt = (await a.waitFor(/受付番号: (ICH-\d{4}-\d{6})/))[1];
  b = serve('b');
  worker = startWorker();
  originB = await originOf(b);
  await worker.waitFor(/yoshiki worker を起動しました/);
}, 480_000);

afterAll(async () => {
  for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.signal('SIGKILL');
  await Promise.all(started.map((p) => p.exited));
  if (cluster) {
    try {
      stopPostgres(cluster);
    } catch {
      // already stopped by the last test
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

const city = { Authorization: '' };
beforeAll(() => void (city.Authorization = `Bearer ${cityToken}`));

describe('two servers and a worker on one PostgreSQL', () => {
  let receiptNumber: string;
  let attachment: Uint8Array;

  it('a filing with an attachment made on A is read, reviewed and accepted on B', async () => {
    // The first start filed the demo office's 拠点届出書; only one may be open at a time, so the city returns that one.
    for (const to of [{ to: 'reviewing' }, { to: 'returned', reason: '試験のため差し戻します。' }]) {
      const res = await fetch(`${originB}/api/submissions/${seededReceipt}/status`, { method: 'POST', headers: { ...city, 'Content-Type': 'application/json' }, body: JSON.stringify(to) });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    attachment = await tinyPdf('運営規程案（複数台の試験）');
    const body = new FormData();
    body.append('documents', JSON.stringify([{ form: FORM, data: example(FORM) }]));
    body.append('attachments', new Blob([Buffer.from(attachment)], { type: 'application/pdf' }), '運営規程案.pdf');
    const filed = await fetch(`${originA}/api/submissions`, { method: 'POST', headers: { Authorization: `Bearer ${officeToken}`, 'Idempotency-Key': 'scale-1' }, body });
    expect(filed.status, await filed.clone().text()).toBe(201);
    receiptNumber = ((await filed.json()) as { receiptNumber: string }).receiptNumber;
    expect(receiptNumber).toMatch(/^ICH-\d{4}-\d{6}$/);

    const detail = await fetch(`${originB}/api/submissions/${receiptNumber}`, { headers: city });
    expect(detail.status).toBe(200);
    const read = new Uint8Array(await (await fetch(`${originB}/api/submissions/${receiptNumber}/attachments/0`, { headers: city })).arrayBuffer());
    expect(sha256(read)).toBe(sha256(attachment));

    const review = (to: object) => fetch(`${originB}/api/submissions/${receiptNumber}/status`, { method: 'POST', headers: { ...city, 'Content-Type': 'application/json' }, body: JSON.stringify(to) });
    expect((await review({ to: 'reviewing' })).status).toBe(200);
    const accepted = await review({ to: 'accepted', designatedOn: '令和8年12月1日' });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect(((await accepted.json()) as { status: string }).status).toBe('accepted');
    // A sees B's decision.
    const onA = (await (await fetch(`${originA}/api/submissions/${receiptNumber}`, { headers: city })).json()) as { status: string };
    expect(onA.status).toBe('accepted');
  }, 120_000);

  it('the notice job runs on the worker, and A hands out the PDF it stored', async () => {
    const [row] = await until(
      () => sql<{ sha256: string; rendered_by: string }>('SELECT sha256, rendered_by FROM notice_files WHERE receipt_number = $1', [receiptNumber]),
      (rows) => rows.length === 1,
    );
    expect(row.rendered_by).toBe(`${os.hostname()}:${worker.child.pid}`);
    const notice = await fetch(`${originA}/api/submissions/${receiptNumber}/notice.pdf`, { headers: city });
    expect(notice.status).toBe(200);
    expect(sha256(new Uint8Array(await notice.arrayBuffer()))).toBe(row.sha256);
  }, 180_000);

  it('a batch posted to A is rendered by the worker; killed mid-batch, it is retried and downloaded from B with every row once', async () => {
    const valid = batchExample(FORM);
    const wrong = structuredClone(valid);
    wrong.filedOn = '令和6年2月30日';
    const docs = Array.from({ length: BATCH_ROWS }, (_, i) => (i % 10 === 3 ? wrong : valid));
    const body = new FormData();
    body.append('form', FORM);
    body.append('name', '{row}-{office.number}');
    body.append('file', new Blob([csvText(table(FORM, docs, 'label'))], { type: 'text/csv' }), '事業所一覧.csv');
    const posted = await fetch(`${originA}/api/batches?today=2024-06-01`, { method: 'POST', body });
    expect(posted.status, await posted.clone().text()).toBe(202);
    const { id, state } = (await posted.json()) as { id: string; state: string };
    expect(state).toBe('queued');
    expect(posted.headers.get('location')).toBe(`/api/batches/${id}`);

    type Status = { state: string; attempts: number; rows: { done: number; total: number | null; refused: number; rendered: number | null } };
    const status = async (origin: string) => (await (await fetch(`${origin}/api/batches/${id}`)).json()) as Status;
    // Mid-batch: some rows done, not all.
    const mid = await until(() => status(originB), (s) => s.state === 'running' && s.rows.done > 0, 180_000);
    expect(mid.rows.done).toBeLessThan(BATCH_ROWS);
    expect(mid.attempts).toBe(1);
    worker.signal('SIGKILL');
    expect(await worker.exited).toBe('SIGKILL');
    // Nobody runs it now: it stays running, then a new worker notices the stopped heartbeat and pg-boss retries it.
    expect((await status(originA)).state).toBe('running');
    worker = startWorker();
    const done = await until(() => status(originA), (s) => s.state === 'done' || s.state === 'failed', 240_000);
    expect(done).toMatchObject({ state: 'done', attempts: 2, rows: { done: BATCH_ROWS, total: BATCH_ROWS, refused: 4, rendered: BATCH_ROWS - 4 } });

    const zipResponse = await fetch(`${originB}/api/batches/${id}/result.zip`);
    expect(zipResponse.status).toBe(200);
    expect(zipResponse.headers.get('content-type')).toBe('application/zip');
    const zip = await JSZip.loadAsync(Buffer.from(await zipResponse.arrayBuffer()));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { rows: { row: number; status: string; files?: { file: string }[] }[] };
    expect(manifest.rows.map((r) => r.row)).toEqual(Array.from({ length: BATCH_ROWS }, (_, i) => i + 1));
    expect(manifest.rows.filter((r) => r.status === 'refused').map((r) => r.row)).toEqual([4, 14, 24, 34]);
    const pdfs = Object.keys(zip.files).filter((f) => f.endsWith('.pdf')).sort();
    const expected = manifest.rows.filter((r) => r.status === 'rendered').map((r) => `${r.row}-1212345678.pdf`).sort();
    expect(pdfs).toEqual(expected);
    // Every row once in the report too: rows with the same data have the same number of lines (a row reported twice
    // would have twice as many), and only the four wrong rows have errors.
    const report = parse((await zip.file('report.csv')!.async('string')).replace(/^\uFEFF/, ''), { from_line: 2 }) as string[][];
    const linesOf = (row: number) => report.filter((r) => r[0] === String(row)).length;
    for (let row = 1; row <= BATCH_ROWS; row++) expect(linesOf(row), `row ${row}`).toBe(row % 10 === 4 ? linesOf(4) : linesOf(1));
    expect([...new Set(report.filter((r) => r[2] === '誤り').map((r) => r[0]))]).toEqual(['4', '14', '24', '34']);
  }, 480_000);

  it('/healthz and /readyz answer on both servers', async () => {
    for (const origin of [originA, originB]) {
      expect(await (await fetch(`${origin}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${origin}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { store: 'ok', queue: 'ok' } });
    }
    // The worker tells pg-boss the job is complete just after it stored the result.
    const metrics = await until(
      async () => (await fetch(`${originA}/metrics`)).text(),
      (text) => /^yoshiki_jobs\{queue="yoshiki-batch",state="completed"\} 1$/m.test(text),
      30_000,
    );
    expect(metrics).toMatch(/^yoshiki_http_requests_total\{method="POST",route="\/api\/batches",status="202"\} 1$/m);
    expect(metrics).toMatch(/^yoshiki_jobs\{queue="yoshiki-notice",state="completed"\} 1$/m);
    // Route patterns only: no receipt number or batch id in any label.
    expect(metrics).not.toMatch(/ICH-\d{4}/);
  }, 60_000);

  it('SIGTERM: the request in flight is answered, then the server exits 0', async () => {
    const inFlight = fetch(`${originA}/api/forms/${FORM}/pdf?today=2024-06-01`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(example(FORM)) });
    // The request has reached the server (it is rendering) when the signal comes.
    await new Promise((r) => setTimeout(r, 150));
    a.signal('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    const pdf = Buffer.from(await answer.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await a.exited).toBe(0);
    expect(a.output()).toContain('yoshiki のサーバーを停止しました。');
    // No new connection is taken.
    await expect(fetch(`${originA}/healthz`)).rejects.toThrow();
    // The worker, idle: SIGTERM stops its consumers, closes the queue and the store, and it exits 0.
    worker.signal('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain('yoshiki worker を停止しました。');
  }, 120_000);

  it('with the database gone, /readyz is 503 JSON naming it (and /healthz still answers)', async () => {
    stopPostgres(cluster);
    const ready = await fetch(`${originB}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await ready.json()).toEqual({
      error: { status: 503, code: 'NOT_READY', message: '準備ができていません（データベースに接続できません、ジョブの待ち行列に接続できません）。しばらくしてから、もう一度確かめてください。' },
      checks: { store: 'unreachable', queue: 'unreachable' },
    });
    expect((await fetch(`${originB}/healthz`)).status).toBe(200);
  }, 60_000);
});
