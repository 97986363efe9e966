/**
 * The asynchronous batch API in process (supertest against createApp with the store and the job queue `yoshiki serve`
 * opens), on both back ends: SQLite with the in-process queue, PostgreSQL with pg-boss. A table in → 202 and a number;
 * its state and rows while it renders; the zip once done; a table that cannot be read → failed with the batch's
 * Japanese reason; every refusal a JSON error with its code. The multi-process run (two servers, workers, SIGKILL) is
 * test/scale/multi-instance.test.ts.
 */
import JSZip from 'jszip';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenderPool } from '../../src/render/pool.ts';
import { createApp } from '../../server/app.ts';
import { startConsumers } from '../../src/jobs/consumers.ts';
import type { JobQueue } from '../../src/jobs/job-queue.ts';
import { LocalJobQueue } from '../../src/jobs/local-queue.ts';
import { JOB_NAMES, JOB_RETRY_LIMIT } from '../../src/jobs/job-queue.ts';
import pg from 'pg';
import { PgBossQueue } from '../../src/jobs/pg-boss-queue.ts';
import { csvText, example, table } from '../batch/support/table.ts';
import { backends, type OpenedStore } from '../submissions/backends.ts';
import { asBuffer } from '../support/binary-body.ts';

const FORM = 'ichikawa-kyoten-todokede';
const silent = pino({ level: 'silent' });

function offices(): Buffer {
  const valid = example(FORM);
  const wrong = structuredClone(valid);
  wrong.filedOn = '令和6年2月30日';
  return Buffer.from(csvText(table(FORM, [valid, wrong, valid], 'label')));
}

async function waitUntilSettled(app: ReturnType<typeof createApp>, id: string) {
  const end = Date.now() + 120_000;
  for (;;) {
    const res = await request(app).get(`/api/batches/${id}`).expect(200);
    if (res.body.state === 'done' || res.body.state === 'failed') return res.body;
    if (Date.now() > end) throw new Error(`batch ${id} still ${res.body.state}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.each(backends)('the asynchronous batch API on $name', (backend) => {
  let opened: OpenedStore;
  let jobs: JobQueue;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    opened = await backend.open();
    jobs = opened.databaseUrl ? await PgBossQueue.open({ databaseUrl: opened.databaseUrl }) : new LocalJobQueue();
    await startConsumers(jobs, { store: opened.store, batchThreads: 1 });
    app = createApp({ logger: silent, submissionStore: opened.store, jobs });
  }, 120_000);
  afterAll(async () => {
    await jobs?.stop(5_000);
    await opened?.cleanup();
  });

  it('202 with a number; the state and rows as it renders; the zip from GET …/result.zip once done', async () => {
    const posted = await request(app)
      .post('/api/batches?today=2024-06-01')
      .field('form', FORM)
      .field('format', 'pdf')
      .attach('file', offices(), { filename: '事業所一覧.csv', contentType: 'text/csv' })
      .expect(202);
    expect(posted.headers['cache-control']).toBe('no-store');
    expect(posted.body).toMatchObject({ form: FORM, state: 'queued', stateLabel: '待ち', rows: { done: 0, total: null, refused: 0, rendered: null }, attempts: 0, error: null, result: null });
    const { id } = posted.body as { id: string };
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(posted.headers.location).toBe(`/api/batches/${id}`);

    const done = await waitUntilSettled(app, id);
    expect(done).toMatchObject({ state: 'done', stateLabel: '完了', attempts: 1, rows: { done: 3, total: 3, refused: 1, rendered: 2 }, error: null });
    expect(done.result.link).toBe(`/api/batches/${id}/result.zip`);

    const zip = await request(app).get(done.result.link).buffer(true).parse(asBuffer).expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['cache-control']).toBe('no-store');
    expect(zip.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('市川市地域生活支援拠点等届出書（一括作成）.zip')}`);
    expect(Number(zip.headers['content-length'])).toBe(done.result.size);
    const files = Object.keys((await JSZip.loadAsync(zip.body as Buffer)).files).sort();
    expect(files).toEqual(['1-ichikawa-kyoten-todokede.pdf', '3-ichikawa-kyoten-todokede.pdf', 'manifest.json', 'report.csv', 'report.xlsx']);
  });

  it('a table that cannot be read ends failed with the reason; its result is 409 BATCH_FAILED', async () => {
    const posted = await request(app)
      .post('/api/batches')
      .field('form', FORM)
      .attach('file', Buffer.from('事業所番号\n'), { filename: 'empty.csv', contentType: 'text/csv' })
      .expect(202);
    const failed = await waitUntilSettled(app, posted.body.id);
    expect(failed).toMatchObject({
      state: 'failed',
      stateLabel: '失敗',
      error: { code: 'UNREADABLE_FILE', message: '入力ファイル「empty.csv」にデータの行がありません。見出し行の下に1件1行で入力してください。' },
    });
    const res = await request(app).get(`/api/batches/${posted.body.id}/result.zip`).expect(409);
    expect(res.body).toEqual({
      error: {
        status: 409,
        code: 'BATCH_FAILED',
        message: `一括作成「${posted.body.id}」は作成できませんでした。GET /api/batches/${posted.body.id} の error に理由があります。表を直して、もう一度送ってください。`,
      },
    });
  });

  it('refuses what a client sends wrong, in Japanese, never a 500', async () => {
    const unknown = await request(app).get('/api/batches/AAAAAAAAAAAAAAAAAAAAAA').expect(404);
    expect(unknown.body.error).toEqual({ status: 404, code: 'BATCH_NOT_FOUND', message: '一括作成「AAAAAAAAAAAAAAAAAAAAAA」はありません。番号を確認してください（作成の結果は依頼から 7 日で削除されます）。' });
    expect((await request(app).get('/api/batches/..%2f..%2fetc').expect(404)).body.error.code).toBe('BATCH_NOT_FOUND');
    const noForm = await request(app).post('/api/batches').field('form', 'no-such-form').attach('file', offices(), 'a.csv').expect(404);
    expect(noForm.body.error.code).toBe('FORM_NOT_FOUND');
    const noFile = await request(app).post('/api/batches').field('form', FORM).expect(400);
    expect(noFile.body.error.code).toBe('FILE_MISSING');
    const badFormat = await request(app).post('/api/batches').field('form', FORM).field('format', 'docx').attach('file', offices(), 'a.csv').expect(400);
    expect(badFormat.body.error).toEqual({ status: 400, code: 'INVALID_OPTION', message: 'format は pdf、xlsx 又は pdf,xlsx で指定してください（指定された値：「docx」）。' });
    expect((await request(app).post('/api/batches').send({ form: FORM }).expect(415)).body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await request(app).delete('/api/batches/AAAAAAAAAAAAAAAAAAAAAA').expect(405)).body.error.code).toBe('METHOD_NOT_ALLOWED');
  });
});

describe('the embedded default (SQLite, in-process queue): work left by a stopped server is taken up at the next start', () => {
  it('a batch queued while no consumer ran is 409 BATCH_NOT_DONE, then rendered once consumers start', async () => {
    const opened = await backends[0].open();
    try {
      const idle = new LocalJobQueue();
      const before = createApp({ logger: silent, submissionStore: opened.store, jobs: idle });
      const posted = await request(before).post('/api/batches?today=2024-06-01').field('form', FORM).attach('file', offices(), 'offices.csv').expect(202);
      const id = posted.body.id as string;
      const early = await request(before).get(`/api/batches/${id}/result.zip`).expect(409);
      expect(early.body.error).toEqual({
        status: 409,
        code: 'BATCH_NOT_DONE',
        message: `一括作成「${id}」はまだ終わっていません（状態：待ち）。GET /api/batches/${id} で done になってから取得してください。`,
      });
      await idle.stop(1_000);

      // The next start: a new queue, consumers started as `yoshiki serve` starts them.
      const jobs = new LocalJobQueue();
      await startConsumers(jobs, { store: opened.store, batchThreads: 1 });
      const after = createApp({ logger: silent, submissionStore: opened.store, jobs });
      expect(await waitUntilSettled(after, id)).toMatchObject({ state: 'done', attempts: 1, rows: { done: 3, total: 3, refused: 1, rendered: 2 } });
      await jobs.stop(5_000);
    } finally {
      await opened.cleanup();
    }
  }, 120_000);
});

describe('a batch whose every attempt died with its process ends failed, never "running" for good', () => {
  const GAVE_UP = '作成中に問題が続いたため、作成を中止しました。時間をおいて、もう一度送ってください。続く場合は管理者に連絡してください。';

  it('embedded default: a batch started more times than the retries allow is failed at the next start, not taken up again', async () => {
    const opened = await backends[0].open();
    try {
      const idle = new LocalJobQueue();
      const posted = await request(createApp({ logger: silent, submissionStore: opened.store, jobs: idle })).post('/api/batches?today=2024-06-01').field('form', FORM).attach('file', offices(), 'offices.csv').expect(202);
      const id = posted.body.id as string;
      await idle.stop(1_000);
      // Four starts, each ended with its process (nothing was written after the start): JOB_RETRY_LIMIT + 1 attempts.
      for (let i = 0; i <= JOB_RETRY_LIMIT; i++) await opened.store.batches.start(id, new Date().toISOString());
      const jobs = new LocalJobQueue();
      await startConsumers(jobs, { store: opened.store, batchThreads: 1 });
      const after = createApp({ logger: silent, submissionStore: opened.store, jobs });
      expect(await waitUntilSettled(after, id)).toMatchObject({ state: 'failed', attempts: JOB_RETRY_LIMIT + 2, error: { code: 'INTERNAL_ERROR', message: GAVE_UP } });
      await jobs.stop(5_000);
    } finally {
      await opened.cleanup();
    }
  }, 120_000);

  it('PostgreSQL: the watchdog gives up a job whose last attempt stopped beating, and the batch is failed', async () => {
    const opened = await backends[1].open();
    const jobs = await PgBossQueue.open({ databaseUrl: opened.databaseUrl!, staleSeconds: 1 });
    try {
      // Posted while no consumer runs, so the job waits; then it is made to look as pg-boss sees a job whose fourth and
      // last attempt's worker was killed: active, started long ago, no heartbeat, retries used up.
      const posted = await request(createApp({ logger: silent, submissionStore: opened.store, jobs })).post('/api/batches?today=2024-06-01').field('form', FORM).attach('file', offices(), 'offices.csv').expect(202);
      const id = posted.body.id as string;
      const db = new pg.Client({ connectionString: opened.databaseUrl });
      await db.connect();
      await db.query(`UPDATE pgboss.job SET state = 'active', started_on = now() - interval '1 hour', retry_count = retry_limit WHERE name = $1 AND singleton_key = $2`, [JOB_NAMES.batch, id]);
      await db.end();
      await opened.store.batches.start(id, new Date().toISOString());
      await startConsumers(jobs, { store: opened.store, batchThreads: 1 });
      expect(await jobs.retryAbandoned()).toBe(1);
      const status = await request(createApp({ logger: silent, submissionStore: opened.store, jobs })).get(`/api/batches/${id}`).expect(200);
      expect(status.body).toMatchObject({ state: 'failed', stateLabel: '失敗', error: { code: 'INTERNAL_ERROR', message: GAVE_UP } });
    } finally {
      await jobs.stop(1_000);
      await opened.cleanup();
    }
  }, 120_000);
});

describe('/healthz and /readyz in process', () => {
  it('ready while the store answers; 503 JSON naming the database once it does not', async () => {
    const opened = await backends[0].open();
    const app = createApp({ logger: silent, submissionStore: opened.store, jobs: new LocalJobQueue() });
    expect((await request(app).get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    expect((await request(app).get('/readyz').expect(200)).body).toEqual({ status: 'ready', checks: { store: 'ok', queue: 'ok' } });
    await opened.store.close();
    const down = await request(app).get('/readyz').expect(503);
    expect(down.body).toEqual({
      error: { status: 503, code: 'NOT_READY', message: '準備ができていません（データベースに接続できません）。しばらくしてから、もう一度確かめてください。' },
      checks: { store: 'unreachable', queue: 'ok' },
    });
    expect(down.headers['cache-control']).toBe('no-cache');
    await opened.cleanup();
  });

  it('/metrics carries the render pool: its threads and the renders not yet finished', async () => {
    const pool = new RenderPool({ threads: 0 });
    const app = createApp({ logger: silent, renderPool: pool });
    const text = (await request(app).get('/metrics').expect(200)).text;
    expect(text).toMatch(/^yoshiki_render_threads 0$/m);
    expect(text).toMatch(/^yoshiki_render_pending 0$/m);
  });
});

describe('the page /batches', () => {
  it('offers every 様式 and a file field, posts to the API, and its script fills the progress lines', async () => {
    const opened = await backends[0].open();
    try {
      const app = createApp({ logger: silent, submissionStore: opened.store, jobs: new LocalJobQueue() });
      const page = await request(app).get('/batches').expect(200).expect('Content-Type', /text\/html/);
      expect(page.text).toContain('<h1>一括作成（大きな表）</h1>');
      expect(page.text).toContain('<form id="batch-form" method="post" action="/api/batches" enctype="multipart/form-data">');
      expect(page.text).toContain(`<option value="${FORM}">市川市地域生活支援拠点等届出書（${FORM}）</option>`);
      const script = await request(app).get('/assets/batch.js').expect(200).expect('Content-Type', /text\/javascript/);
      // Run the script's template filling as the browser would (the rest needs a DOM).
      const fill = new Function(`${/var fill = (function \(template, values\) \{[\s\S]*?\n {2}\});/.exec(script.text)![0]}; return fill;`)() as (t: string, v: object) => string;
      expect(fill('完了しました：{rows} 行のうち {rendered} 件を作成', { rows: '6', rendered: '5' })).toBe('完了しました：6 行のうち 5 件を作成');
    } finally {
      await opened.cleanup();
    }
  });
});
