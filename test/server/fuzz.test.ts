/**
 * Property: whatever a client sends to any route of the OpenAPI document, the server answers without a 5xx, every error
 * is a JSON error body (or, on a page for people, HTML with nothing reflected unescaped) with a Japanese message and a
 * documented code, no answer carries a stack trace, nothing is logged as a server fault — and the server still answers a
 * valid request afterwards.
 *
 * The routes come from GET /api/openapi.json of the server `yoshiki serve` starts (startServer: its store, demo filing,
 * createApp and http.Server settings), so a new route is fuzzed without touching this file. Real tokens and a real filing let requests get past authentication
 * and the look-up of the receipt number. Each operation gets FUZZ_RUNS requests (default 30: over 1,000 in all, well
 * under a minute); for a longer hunt: `FUZZ_RUNS=500 npx vitest run test/server/fuzz.test.ts`. A failure prints the
 * seed and the shrunk request; `FUZZ_SEED=<seed>` replays it.
 */
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/cli/start-server.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { testClock, tokens } from '../submissions/fixtures.ts';
import { requestFor, type FuzzContext, type FuzzRequest, type Json } from './fuzz/requests.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** A request that takes longer than this is a hang (the slowest honest answer, a PDF, takes a second or two). */
const ANSWER_DEADLINE_MS = 30_000;
const MARKER = '<yoshiki-fuzz-marker>';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-fuzz-'));
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
/** Log lines of level error (50) and above: a server fault, or a client's value that reached code recursing over it. */
const faults: string[] = [];
const logs = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) if ((JSON.parse(line) as { level: number }).level >= 50) faults.push(line);
    done();
  },
});

interface Answer {
  status: number;
  type: string;
  text: string;
}

/** The body as sent before compression (the server compresses what the client accepts). */
function decoded(bytes: Buffer, encoding: string): Buffer {
  if (bytes.length === 0) return bytes;
  if (encoding === 'br') return zlib.brotliDecompressSync(bytes);
  if (encoding === 'gzip') return zlib.gunzipSync(bytes);
  if (encoding === 'deflate') return zlib.inflateSync(bytes);
  return bytes;
}

/** Sends the request byte for byte (supertest would re-encode the path). */
function send(req: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body) headers['Content-Length'] = req.body.length;
    const outgoing = http.request({ ...origin, agent, method: req.method, path: req.path, headers, timeout: ANSWER_DEADLINE_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          const text = decoded(Buffer.concat(chunks), String(res.headers['content-encoding'] ?? '')).toString('utf8');
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text });
        } catch (e) {
          reject(e);
        }
      });
      res.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${ANSWER_DEADLINE_MS} ms`)));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

// Built before the tests are collected, so each operation of the document is a test of its own. The server is the one
// `npm start` runs (startServer: warm-up, store in the data folder, demo filing, createApp, its http.Server settings).
const running = await startServer({ port: 0, host: '127.0.0.1', dataDir, logger: pino({ level: 'warn' }, logs) });
const origin = { host: '127.0.0.1', port: (running.server.address() as AddressInfo).port };
// A second handle on the same store, to create tokens of every role as the other tests do.
const store: SubmissionStore = await openStore({ dataDir });
const t = await tokens(store, testClock());
const receiptNumber = running.seeded?.receiptNumber ?? '';
const doc = JSON.parse((await send({ method: 'GET', path: '/api/openapi.json', headers: {} })).text) as Json;
const examples = doc.paths['/api/forms/{id}/validate'].post.requestBody.content['application/json'].examples as Record<string, { value: unknown }>;
const ctx: FuzzContext = {
  formIds: Object.keys(examples),
  // One 様式 per city (the id's first word).
  sampleFormIds: [...new Map(Object.keys(examples).map((id) => [id.split('-')[0], id])).values()],
  receiptNumber,
  tokens: t,
  examples: Object.fromEntries(Object.entries(examples).map(([id, e]) => [id, e.value])),
  marker: MARKER,
};
const errorCodes = doc.components.schemas.ErrorResponse.properties.error.properties.code.enum as string[];
const operations = Object.entries(doc.paths as Json).flatMap(([p, item]) => Object.entries(item as Json).map(([m, op]) => ({ name: `${m.toUpperCase()} ${p}`, method: m, path: p, op: op as Json })));

afterAll(async () => {
  agent.destroy();
  await running.close();
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const STACK = /\n\s+at\s|node_modules|\.ts:\d+|\/work\//;

/** What every answer must be, whatever was asked. */
function checkAnswer(req: FuzzRequest, answer: Answer): void {
  const what = `${req.method} ${req.path.slice(0, 200)} → ${answer.status} ${answer.type}: ${answer.text.slice(0, 300)}`;
  expect(answer.status, what).toBeLessThan(500);
  expect(STACK.test(answer.text), `no stack trace: ${what}`).toBe(false);
  // A HEAD answer has headers only.
  if (answer.status < 400 || req.method === 'HEAD') return;
  if (answer.type.startsWith('text/html')) {
    // Pages for people (the inbox's sign-in and review pages, a 様式 that does not exist): escaped, never reflected raw.
    expect(answer.text.includes(MARKER), `HTML reflects the request unescaped: ${what}`).toBe(false);
    expect(JAPANESE.test(answer.text), what).toBe(true);
    return;
  }
  expect(answer.type, what).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as { error?: { status: number; code: string; message: string }; valid?: boolean };
  // A 422 of the form routes and of a refused filing is the validation result itself.
  if (answer.status === 422 && 'valid' in body) return;
  expect(body.error, what).toBeDefined();
  expect(body.error!.status, what).toBe(answer.status);
  expect(errorCodes, what).toContain(body.error!.code);
  expect(JAPANESE.test(body.error!.message), what).toBe(true);
}

/** A valid request answered as before: the fuzzed one broke nothing. */
async function stillAnswers(): Promise<void> {
  const answer = await send({ method: 'GET', path: '/api/forms', headers: {} });
  expect(answer.status).toBe(200);
  expect((JSON.parse(answer.text) as unknown[]).length).toBe(ctx.formIds.length);
}

describe('fuzzing every route of the OpenAPI document', () => {
  it('has a real filing to reach past the look-up, and the operations of every router', () => {
    expect(receiptNumber).toMatch(/^ICH-\d{4}-\d{6}$/);
    expect(operations.map((o) => o.name)).toEqual(
      expect.arrayContaining(['POST /api/submissions', 'POST /api/submissions/{no}/revisions', 'GET /assets/fonts/{file}', 'POST /inbox/{no}/status', 'POST /api/forms/{id}/batch']),
    );
    expect(operations.length).toBeGreaterThanOrEqual(30);
  });

  it("answers what Node's HTTP server refuses before the app (an unknown Expect, headers over 16 KB, a broken request line) as JSON too", async () => {
    const expectation = await send({ method: 'GET', path: '/api/forms', headers: { Expect: 'something' } });
    expect([expectation.status, expectation.type, JSON.parse(expectation.text)]).toEqual([
      417,
      'application/json; charset=utf-8',
      { error: { status: 417, code: 'CLIENT_ERROR', message: '要求を処理できません（HTTP 417）。アドレスと本文の形を確認してください。' } },
    ]);
    const huge = await send({ method: 'GET', path: '/api/forms', headers: { 'X-Padding': 'a'.repeat(20_000) } });
    expect([huge.status, JSON.parse(huge.text).error.code]).toEqual([431, 'CLIENT_ERROR']);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(origin.port, origin.host, () => socket.end('GET /api/forms HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'));
      let text = '';
      socket.on('data', (c) => (text += String(c)));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toContain('Content-Type: application/json; charset=utf-8');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ error: { status: 400, code: 'BAD_REQUEST', message: '要求を読み取れません。アドレスと本文の形を確認してください。' } });
    await stillAnswers();
  });

  it.each(operations)('$name: no 5xx, a JSON error or an escaped page, no stack trace, and the server keeps answering', async ({ method, path: route, op }) => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(requestFor(method, route, op, ctx), async (req) => {
        const before = faults.length;
        const answer = await send(req);
        statuses.add(answer.status);
        checkAnswer(req, answer);
        expect(faults.slice(before), `logged as a server fault: ${req.method} ${req.path.slice(0, 200)}`).toEqual([]);
        await stillAnswers();
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
    );
    // The fuzz reached the handlers behind authentication, not only the 401 in front of them.
    if (Array.isArray(op.security)) expect([...statuses].filter((s) => s !== 401).length, [...statuses].join(' ')).toBeGreaterThan(0);
  }, 300_000);
});
