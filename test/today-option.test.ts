/**
 * "Today" decides deadlines (F-START, KH-LATE, RM-RECORD-LATE …), so a day that does not exist is a usage error everywhere
 * it can be given (issue 12 item 8): every command's `--today` (exit 2, Japanese) and every server route's `?today=` (400
 * INVALID_TODAY) — found from the OpenAPI document, so a new route that reads `today` is covered too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.ts';
import { LocalJobQueue } from '../src/jobs/local-queue.ts';
import { openStore } from '../src/store/open-store.ts';
import type { SubmissionStore } from '../src/store/types.ts';
import { main } from '../src/cli/main.ts';

const IMPOSSIBLE = ['2024-02-30', '2024-13-01', '2023-02-29', 'あした', '2024-6-1'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-today-'));
const EXAMPLE = 'forms/ichikawa/ichikawa-kyoten-todokede/example.json';
const csv = path.join(tmp, 'one.csv');
fs.writeFileSync(csv, '事業所番号\r\n1212345678\r\n');
const bundleFile = path.join(tmp, 'bundle.json');
fs.writeFileSync(bundleFile, JSON.stringify({ form: 'ichikawa-kyoten-todokede', data: JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) }));

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['node', 'yoshiki', ...args], (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

/** Every command that takes `--today`, with arguments that are otherwise good. */
const COMMANDS: [string, string[]][] = [
  ['validate', ['validate', 'ichikawa-kyoten-todokede', EXAMPLE]],
  ['validate --bundle', ['validate', '--bundle', bundleFile]],
  ['render', ['render', 'ichikawa-kyoten-todokede', EXAMPLE, '--pdf', path.join(tmp, 'never.pdf')]],
  ['demo', ['demo', '--out', path.join(tmp, 'demo')]],
  ['batch', ['batch', 'ichikawa-kyoten-todokede', csv, '--out', path.join(tmp, 'batch'), '--jobs', '1']],
  [
    'derive',
    ['derive', 'ichikawa-kyoten-toroku-tsuchi', '--from', `ichikawa-kyoten-todokede:${EXAMPLE}`, '--set', 'designatedOn=令和6年6月1日', '--set', 'issuedOn=令和6年6月3日'],
  ],
  ['import', ['import', 'ichikawa-kyoten-todokede', EXAMPLE]],
];

describe('--today に実在しない日付を指定すると、どのコマンドも使い方の誤り（終了コード 2）として日本語で示す', () => {
  it.each(COMMANDS)('%s', async (_name, args) => {
    for (const value of IMPOSSIBLE) {
      const { code, err } = await run(...args, '--today', value);
      expect(code, `${args.join(' ')} --today ${value}`).toBe(2);
      expect(err.trim()).toBe(`--today は実在する日付を YYYY-MM-DD の形で指定してください（例：2024-06-01、指定された値：「${value}」）。`);
    }
    expect(fs.existsSync(path.join(tmp, 'never.pdf'))).toBe(false);
  });

  it('実在する日付（閏年の 2024-02-29）は受け付ける', async () => {
    const { code } = await run('validate', 'ichikawa-kyoten-todokede', EXAMPLE, '--today', '2024-02-29');
    expect(code).toBe(0);
  });
});

describe('?today= に実在しない日付を指定すると、today を読むすべての経路が 400 INVALID_TODAY', () => {
  // With the store and the in-process job queue `yoshiki serve` opens, so the asynchronous batch route is mounted as
  // documented.
  let app: ReturnType<typeof createApp>;
  let store: SubmissionStore;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-today-'));
  beforeAll(async () => {
    store = await openStore({ dataDir, databaseUrl: '' });
    app = createApp({ logger: pino({ level: 'silent' }), submissionStore: store, jobs: new LocalJobQueue() });
  });
  afterAll(async () => {
    await store?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('OpenAPI の today を読む経路のそれぞれで', async () => {
    const openapi = (await request(app).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const routes = Object.entries(openapi.paths).flatMap(([p, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.parameters?.some((q) => q.in === 'query' && q.name === 'today'))
        .map(([method]) => [method, p.replace('{id}', 'ichikawa-kyoten-todokede')] as const),
    );
    // validate, pdf, xlsx, import and batch at least.
    expect(routes.length).toBeGreaterThanOrEqual(5);
    for (const [method, route] of routes) {
      for (const value of IMPOSSIBLE) {
        const req = method === 'get' ? request(app).get(`${route}?today=${encodeURIComponent(value)}`) : request(app).post(`${route}?today=${encodeURIComponent(value)}`);
        const res = await req.set('Content-Type', 'application/json').send(fs.readFileSync(EXAMPLE, 'utf8'));
        expect(res.status, `${method} ${route} ?today=${value}`).toBe(400);
        expect(res.body.error).toEqual({
          status: 400,
          code: 'INVALID_TODAY',
          message: `today は実在する日付を YYYY-MM-DD の形で指定してください（指定された値：「${value}」）。`,
        });
      }
    }
  });
});
