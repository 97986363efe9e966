/**
 * The asynchronous batch API against the command, in the same run (issue 13's target: rows/s within 15 % of
 * `yoshiki batch --jobs 2`):
 *
 *   1. `yoshiki batch --jobs 2 --zip` over the table, in its own process (bench/measure-batch.mjs);
 *   2. the same table through the API: real processes started by bin/yoshiki.js — `yoshiki serve` alone with the
 *      embedded SQLite (its in-process queue renders with YOSHIKI_BATCH_THREADS=2), or with DATABASE_URL set
 *      `yoshiki serve` plus `yoshiki worker --threads 2` —, POST /api/batches, GET /api/batches/:id every 500 ms until
 *      done, then GET …/result.zip. Rows/s counts from the POST to `done`; the download is timed apart.
 *
 * `npm run bench` runs it with 10,000 rows (part of bench/run.ts); alone: `node --import tsx bench/async-batch.ts
 * --rows 20` (a quick check that it runs). Prints one JSON object.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_FORM, benchDocuments, writeCsv } from './rows.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TODAY = '2024-06-01';
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export interface AsyncBatchResult {
  rows: number;
  engine: 'sqlite (in-process queue)' | 'postgresql (pg-boss, one worker)';
  cli: { ms: number; rowsPerSecond: number };
  api: { ms: number; rowsPerSecond: number; downloadMs: number; zipBytes: number; attempts: number };
  /** API rows/s over the command's (target ≥ 0.85). */
  ratio: number;
}

function start(args: string[], env: Record<string, string>): ChildProcess & { text: () => string } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/yoshiki.js'), ...args], { cwd: ROOT, env: { ...process.env, YOSHIKI_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  return Object.assign(child, { text: () => text });
}

async function waitFor<T>(read: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 180_000, everyMs = 250): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function asyncBatchBench(options: { rows: number; work: string; databaseUrl?: string }): Promise<AsyncBatchResult> {
  const { rows, work, databaseUrl } = options;
  const csv = path.join(work, `async-rows-${rows}.csv`);
  writeCsv(csv, benchDocuments(rows));

  // 1. The command, --jobs 2 --zip (the API's result is the same zip).
  const outDir = path.join(work, 'async-cli-out');
  const batchOptions = { formId: BENCH_FORM, input: csv, outDir, today: TODAY, progress: 'none', jobs: 2, zip: true };
  const line = execFileSync(process.execPath, [path.join(ROOT, 'bench/measure-batch.mjs'), JSON.stringify(batchOptions)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  const cliMs = (JSON.parse(line.trim().split('\n').pop()!) as { ms: number }).ms;
  fs.rmSync(outDir, { recursive: true, force: true });

  // 2. The API, through real processes.
  const dataDir = path.join(work, 'async-data');
  const env: Record<string, string> = { YOSHIKI_DATA: dataDir, YOSHIKI_BATCH_THREADS: '2', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }) };
  const processes = [start(['serve', '--port', '0'], env)];
  if (databaseUrl) processes.push(start(['worker', '--threads', '2'], env));
  try {
    const origin = await waitFor(() => /yoshiki is running at (http:\/\/localhost:\d+)/.exec(processes[0].text())?.[1]?.replace('localhost', '127.0.0.1'), 'the server to listen');
    await waitFor(async () => ((await fetch(`${origin}/readyz`)).ok ? true : undefined), 'the server to be ready');
    const body = new FormData();
    body.append('form', BENCH_FORM);
    body.append('file', new Blob([fs.readFileSync(csv)], { type: 'text/csv' }), path.basename(csv));
    const t0 = performance.now();
    const posted = await fetch(`${origin}/api/batches?today=${TODAY}`, { method: 'POST', body });
    if (posted.status !== 202) throw new Error(`bench: POST /api/batches answered ${posted.status}: ${await posted.text()}`);
    const { id } = (await posted.json()) as { id: string };
    const done = await waitFor(
      async () => {
        const s = (await (await fetch(`${origin}/api/batches/${id}`)).json()) as { state: string; attempts: number; error: unknown };
        if (s.state === 'failed') throw new Error(`bench: the batch failed: ${JSON.stringify(s.error)}`);
        return s.state === 'done' ? s : undefined;
      },
      'the batch to finish',
      6 * 60 * 60 * 1000,
      500,
    );
    const apiMs = performance.now() - t0;
    const t1 = performance.now();
    const zip = new Uint8Array(await (await fetch(`${origin}/api/batches/${id}/result.zip`)).arrayBuffer());
    const downloadMs = performance.now() - t1;
    const cli = { ms: round(cliMs, 0), rowsPerSecond: round((rows / cliMs) * 1000, 2) };
    const api = { ms: round(apiMs, 0), rowsPerSecond: round((rows / apiMs) * 1000, 2), downloadMs: round(downloadMs, 0), zipBytes: zip.length, attempts: done.attempts };
    return { rows, engine: databaseUrl ? 'postgresql (pg-boss, one worker)' : 'sqlite (in-process queue)', cli, api, ratio: round(api.rowsPerSecond / cli.rowsPerSecond, 2) };
  } finally {
    for (const p of processes) p.kill('SIGTERM');
    await Promise.all(processes.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const rows = args.includes('--rows') ? Number(args[args.indexOf('--rows') + 1]) : 10_000;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-bench-async-'));
  try {
    console.log(JSON.stringify(await asyncBatchBench({ rows, work, databaseUrl: process.env.DATABASE_URL || undefined }), null, 2));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
