/**
 * The render threads behind POST /api/forms/:id/pdf (src/render/pool.ts), over real HTTP connections: a burst of 16 is
 * served in full, a client that goes away frees its thread at once, a full queue answers 503 with Retry-After, and a
 * thread that dies is replaced. The threads run the compiled dist/render-worker.js, as in production.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from '@pdfme/pdf-lib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { statusOf } from '../../server/error-codes.ts';
import { readExample } from '../../src/forms/folders.ts';
import { LIST_ROWS_LIMIT } from '../../src/forms/field-types/containers.ts';
import { ABANDON_GRACE_MS, RenderAbortedError, RenderPool, renderPool, RenderTooLargeError } from '../../src/render/pool.ts';
import { renderOnPool } from '../../src/render/render.ts';
import { pdfPageTexts, squash } from '../support/read-back.ts';

const silent = pino({ level: 'silent' });
const FORM = 'ichikawa-kino-kyoka';
const TITLE = '市川市地域生活支援拠点等機能強化加算に関する届出書';
const example = readExample(FORM)!;
const TODAY = '2024-07-01';
/** The real render thread, plus a task that ends its thread and one that holds it (test/support/test-render-worker.mjs). */
const TEST_WORKER = fileURLToPath(new URL('../support/test-render-worker.mjs', import.meta.url));

/**
 * The same 届出書 with as many rows as a list may have in each table, each office named at length (wrapped over several
 * lines): many seconds of drawing (a thread starts in well under one) — a render to walk away from.
 */
function longDocument(): Record<string, unknown> {
  const longName = (office: string, i: number) => `${office}（第${i + 1}拠点・夜間休日の緊急時の受け入れ及び対応を担う地域生活支援拠点等の連携先事業所）`.repeat(3);
  const rows = <T extends { office: string }>(list: T[]) => Array.from({ length: LIST_ROWS_LIMIT }, (_, i) => ({ ...list[i % list.length], office: longName(list[i % list.length].office, i) }));
  return { ...example, allocations: rows(example.allocations as { office: string }[]), coordinators: rows(example.coordinators as { office: string }[]) };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** POST the data as JSON; `request` is handed out so a test can cut the connection. */
function post(origin: string, path: string, data: unknown, onRequest?: (req: http.ClientRequest) => void): Promise<Answer> {
  const body = JSON.stringify(data);
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}${path}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    onRequest?.(req);
    req.end(body);
  });
}

async function listen(app: http.RequestListener): Promise<{ origin: string; server: http.Server }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const closeServer = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function expectTitlePdf(bytes: Uint8Array): Promise<void> {
  expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  const doc = await PDFDocument.load(bytes);
  expect(doc.getPageCount()).toBe(1);
  expect(squash((await pdfPageTexts(bytes))[0])).toContain(TITLE);
}

describe('POST /api/forms/:id/pdf on the shared render pool (the app as it ships)', () => {
  let origin: string;
  let server: http.Server;
  beforeAll(async () => ({ origin, server } = await listen(createApp({ logger: silent }))));
  afterAll(async () => {
    await closeServer(server);
    await renderPool.close();
  });

  it('answers 16 concurrent requests, each with 200 and a PDF that reads back', async () => {
    const answers = await Promise.all(Array.from({ length: 16 }, () => post(origin, `/api/forms/${FORM}/pdf?today=${TODAY}`, example)));
    expect(answers.map((a) => a.status)).toEqual(Array(16).fill(200));
    for (const a of answers) {
      expect(a.headers['content-type']).toBe('application/pdf');
      await expectTitlePdf(a.body);
    }
    // Every render ran on the pool's threads, and nothing is left in flight.
    expect(renderPool.load).toEqual({ running: 0, waiting: 0 });
  }, 300_000);
});

describe('a pool of one render thread', () => {
  // An abandoned render may finish for 100 ms here (ABANDON_GRACE_MS in production): the long render below takes longer.
  const pool = new RenderPool({ threads: 1, maxQueue: 1, filename: TEST_WORKER, abandonGraceMs: 100 });
  let origin: string;
  let server: http.Server;
  beforeAll(async () => {
    ({ origin, server } = await listen(createApp({ logger: silent, renderPool: pool })));
    // The thread is started and warm; the long render is a real one when nobody walks away.
    await renderOnPool(pool, FORM, example, { today: TODAY });
    const whole = await renderOnPool(pool, FORM, longDocument(), { today: TODAY, draft: true });
    expect((await PDFDocument.load(whole.pdf!)).getPageCount()).toBeGreaterThan(30);
  }, 300_000);
  afterAll(async () => {
    await closeServer(server);
    await pool.close();
  });

  it('frees the thread of a client that disconnects mid-render: the next request does not wait for the abandoned one', async () => {
    const [threadBefore] = pool.threadIds;
    let cut!: http.ClientRequest;
    const abandoned = post(origin, `/api/forms/${FORM}/pdf?today=${TODAY}&draft=1`, longDocument(), (req) => (cut = req)).catch((e: Error) => e);
    await until(() => pool.load.running === 1, 'the long render to start');
    cut.destroy();
    expect(await abandoned).toBeInstanceOf(Error);

    const next = await post(origin, `/api/forms/${FORM}/pdf?today=${TODAY}`, example);
    expect(next.status).toBe(200);
    await expectTitlePdf(next.body);
    // The abandoned render was stopped once its grace was over, not waited for: stopping a running render ends its
    // thread, and piscina started another for the next request. (Not timed against the long render: a render got
    // faster than a thread's start.)
    expect(pool.threadIds).toHaveLength(1);
    expect(pool.threadIds[0]).not.toBe(threadBefore);
    expect(pool.load).toEqual({ running: 0, waiting: 0 });
  }, 300_000);

  it('answers 503 SERVER_BUSY as JSON with Retry-After when the thread is busy and the queue is full', async () => {
    // The only thread is held until the test lets go; one request then waits in the queue (its one place).
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const held = pool.run<string>({ kind: 'hold', flag: flag.buffer } as { kind: string });
    await until(() => pool.load.running === 1, 'the thread to be held');
    const queued = post(origin, `/api/forms/${FORM}/pdf?today=${TODAY}`, example);
    await until(() => pool.load.waiting === 1, 'the second request to wait');

    const refused = await post(origin, `/api/forms/${FORM}/pdf?today=${TODAY}`, example);
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toBe('application/json; charset=utf-8');
    const seconds = Number(refused.headers['retry-after']);
    expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60).toBe(true);
    expect(JSON.parse(refused.body.toString('utf8'))).toEqual({
      error: { status: 503, code: 'SERVER_BUSY', message: `ただいま PDF・Excel の作成の依頼が混み合っています。${seconds}秒ほど待ってから、もう一度送ってください。` },
    });

    // The thread is let go; the request that waited is then served.
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    expect(await held).toBe('released');
    const served = await queued;
    expect(served.status).toBe(200);
    await expectTitlePdf(served.body);
  }, 300_000);
});

describe('the line of renders waiting for a thread', () => {
  const pool = new RenderPool({ threads: 1, filename: TEST_WORKER });
  afterAll(() => pool.close());

  /** Holds the only thread until `release` (the test worker's 'hold'). */
  async function holdThread(): Promise<{ release: () => void; done: Promise<unknown> }> {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const done = pool.run({ kind: 'hold', flag: flag.buffer } as { kind: string });
    await until(() => pool.load.running === 1, 'the thread to be held');
    return { done, release: () => (Atomics.store(flag, 0, 1), Atomics.notify(flag, 0)) };
  }

  it('runs waiting renders first come, first served, each carrying its client\'s signal as HTTP renders do', async () => {
    const held = await holdThread();
    const finished: number[] = [];
    const queued = [1, 2, 3, 4, 5, 6].map((n) => pool.run<number>({ kind: 'echo', n } as { kind: string }, { signal: new AbortController().signal }).then((r) => finished.push(r)));
    expect(pool.load).toEqual({ running: 1, waiting: 6 });
    held.release();
    await held.done;
    await Promise.all(queued);
    // piscina's own queue ran these 1, 3, 5, 2, 6, 4 (piscinajs/piscina#1031): a waiting client could be passed over again and again.
    expect(finished).toEqual([1, 2, 3, 4, 5, 6]);
  }, 60_000);

  it('lets a waiting render whose client went away leave the line at once, without touching the thread or the others\' order', async () => {
    const [thread] = pool.threadIds;
    const held = await holdThread();
    const finished: number[] = [];
    const gone = new AbortController();
    const first = pool.run<number>({ kind: 'echo', n: 1 } as { kind: string }).then((r) => finished.push(r));
    const abandoned = pool.run<number>({ kind: 'echo', n: 2 } as { kind: string }, { signal: gone.signal }).catch((e: unknown) => e);
    const third = pool.run<number>({ kind: 'echo', n: 3 } as { kind: string }).then((r) => finished.push(r));
    gone.abort();
    // Left while the thread is still held: no grace is waited for a render that never started.
    expect(await abandoned).toBeInstanceOf(RenderAbortedError);
    expect(pool.load).toEqual({ running: 1, waiting: 2 });
    held.release();
    await Promise.all([held.done, first, third]);
    expect(finished).toEqual([1, 3]);
    expect(pool.threadIds).toEqual([thread]);
  }, 60_000);
});

describe('an abandoned render that finishes within its grace', () => {
  const pool = new RenderPool({ threads: 1, filename: TEST_WORKER });
  afterAll(() => pool.close());

  it(`keeps its thread (a thread's restart costs more than a render): the caller hears RenderAbortedError, ABANDON_GRACE_MS = ${ABANDON_GRACE_MS}`, async () => {
    await renderOnPool(pool, FORM, example, { today: TODAY });
    const [thread] = pool.threadIds;
    const gone = new AbortController();
    const abandoned = renderOnPool(pool, FORM, example, { today: TODAY }, gone.signal).catch((e: unknown) => e);
    await until(() => pool.load.running === 1, 'the render to start');
    gone.abort();
    expect(await abandoned).toBeInstanceOf(RenderAbortedError);
    expect(pool.threadIds).toEqual([thread]);
    // A task still held past the grace is stopped with its thread, which is replaced.
    const held = new AbortController();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const holding = pool.run({ kind: 'hold', flag: flag.buffer } as { kind: string }, { signal: held.signal }).catch((e: unknown) => e);
    await until(() => pool.load.running === 1, 'the task to be held');
    held.abort();
    expect(await holding).toBeInstanceOf(RenderAbortedError);
    const next = await renderOnPool(pool, FORM, example, { today: TODAY });
    expect(next.result.valid).toBe(true);
    expect(pool.threadIds).toHaveLength(1);
    expect(pool.threadIds[0]).not.toBe(thread);
  }, 120_000);
});

describe('a render thread that dies', () => {
  const pool = new RenderPool({ threads: 1, filename: TEST_WORKER });
  afterAll(() => pool.close());

  it('fails only its own task; the thread is replaced and the next render succeeds', async () => {
    await expect(pool.run({ kind: 'end-thread' })).rejects.toThrow('worker exited with code: 70');
    const next = await renderOnPool(pool, FORM, example, { today: TODAY });
    expect(next.result.valid).toBe(true);
    await expectTitlePdf(next.pdf!);
  }, 120_000);

  it('out of memory is the document being too large (DOCUMENT_TOO_LARGE, answered 413), and the next render succeeds', async () => {
    const before = pool.threadIds;
    const failed = await pool.run({ kind: 'exhaust-memory' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(RenderTooLargeError);
    expect(failed).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', message: '書類が大きすぎて作成できませんでした。表の行や文章を減らすか、書類を分けて、もう一度お試しください。' });
    expect(statusOf('DOCUMENT_TOO_LARGE')).toBe(413);
    const next = await renderOnPool(pool, FORM, example, { today: TODAY });
    expect(next.result.valid).toBe(true);
    expect(pool.threadIds).not.toEqual(before);
  }, 120_000);
});
