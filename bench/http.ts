/**
 * HTTP POST /api/forms/:id/pdf against `yoshiki serve` as it ships (the compiled bin/yoshiki.js, its own process), at 1, 4
 * and 16 connections, twice in the same run:
 *   - pool: the render threads as configured by default (YOSHIKI_RENDER_THREADS unset: one per core);
 *   - one thread: YOSHIKI_RENDER_THREADS=0, every render on the server's event loop (no pool — how the server rendered
 *     before the pool).
 * Each level runs for `seconds` after a warm-up; latencies are those autocannon reports per response. The targets
 * (issue 13): at 4 connections the pool serves ≥ 1.8× the one-thread requests per second; at 16 connections its p99 stays
 * under 16 × one render (one render: the one-thread p50 at 1 connection, when nothing waits).
 * Beside each level, the CPU the server spent (every thread of its process, from /proc on Linux) and the CPU this process
 * spent sending the requests (autocannon shares the machine): the pool can only be faster than one thread by the cores
 * one thread leaves idle, so `ceilingAt4` is the ratio the pool would reach at 4 connections if it spent per request
 * exactly the CPU one thread does, on the cores the load generator leaves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const CONNECTIONS = [1, 4, 16] as const;

export interface LevelResult {
  connections: number;
  requests: number;
  non2xx: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Cores the server's process used during the level (all its threads); undefined where /proc is not there. */
  serverCores?: number;
  /** The server's CPU time per answered request. */
  cpuMsPerRequest?: number;
  /** Cores this process (autocannon) used to send the requests. */
  loadCores: number;
}

export interface HttpBench {
  form: string;
  seconds: number;
  poolThreads: number;
  pool: LevelResult[];
  oneThread: LevelResult[];
  targets: {
    throughputRatioAt4: number;
    throughputTarget: 1.8;
    throughputMet: boolean;
    oneRenderMs: number;
    p99At16Ms: number;
    p99LimitMs: number;
    p99Met: boolean;
    /** What the pool would reach at 4 connections spending one thread's CPU per request (see the module comment). */
    ceilingAt4?: number;
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** Starts `yoshiki serve --port 0` with a throwaway data folder; resolves with its origin once it listens. */
async function startServer(env: NodeJS.ProcessEnv, dataDir: string): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/yoshiki.js'), 'serve', '--port', '0', '--data', dataDir], {
    cwd: ROOT,
    // Request lines off: reading them would cost this process CPU that the server's threads share.
    env: { ...process.env, ...env, YOSHIKI_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`yoshiki serve did not start in 120 s:\n${seen}`)), 120_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      // The first line of `yoshiki serve`: 「yoshiki のサーバーを起動しました：http://localhost:PORT/forms」.
      const match = /(http:\/\/localhost:\d+)\/forms/.exec(seen);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => void (seen.length < 100_000 && (seen += c.toString('utf8'))));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`yoshiki serve exited (${code}):\n${seen}`));
    });
  });
  return { origin, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** CPU time (ms) of a process and all its threads so far: utime + stime of /proc/<pid>/stat. */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

async function level(url: string, body: string, connections: number, seconds: number, serverPid: number): Promise<LevelResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  const serverBefore = processCpuMs(serverPid);
  const ownBefore = process.cpuUsage();
  const instance = autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration: seconds });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    if (status < 200 || status > 299) non2xx++;
  });
  await instance;
  const own = process.cpuUsage(ownBefore);
  const serverAfter = processCpuMs(serverPid);
  const serverMs = serverBefore !== undefined && serverAfter !== undefined ? serverAfter - serverBefore : undefined;
  latencies.sort((a, b) => a - b);
  return {
    connections,
    requests: latencies.length,
    non2xx,
    requestsPerSecond: round(latencies.length / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    serverCores: serverMs === undefined ? undefined : round(serverMs / 1000 / seconds, 2),
    cpuMsPerRequest: serverMs === undefined ? undefined : round(serverMs / latencies.length),
    loadCores: round((own.user + own.system) / 1e6 / seconds, 2),
  };
}

/** One server, every connection level in turn. */
async function measure(label: string, env: NodeJS.ProcessEnv, form: string, doc: Record<string, unknown>, today: string, seconds: number, log: (s: string) => void): Promise<LevelResult[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-bench-serve-'));
  const { origin, child } = await startServer(env, dataDir);
  try {
    const url = `${origin}/api/forms/${form}/pdf?today=${today}`;
    const body = JSON.stringify(doc);
    // Warm-up (JIT, glyph caches) on every thread before measuring: 16 at a time, as the heaviest level sends them.
    for (let i = 0; i < 4; i++)
      await Promise.all(Array.from({ length: 16 }, () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.arrayBuffer())));
    const results: LevelResult[] = [];
    for (const connections of CONNECTIONS) {
      const r = await level(url, body, connections, seconds, child.pid!);
      log(`http ${label}, ${connections} connection(s): ${JSON.stringify(r)}`);
      results.push(r);
    }
    return results;
  } finally {
    await stopServer(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function httpBench(options: { form: string; doc: Record<string, unknown>; today: string; seconds: number; log: (s: string) => void }): Promise<HttpBench> {
  const { form, doc, today, seconds, log } = options;
  const poolThreads = os.availableParallelism();
  const oneThread = await measure('one thread (YOSHIKI_RENDER_THREADS=0)', { YOSHIKI_RENDER_THREADS: '0' }, form, doc, today, seconds, log);
  const pool = await measure(`pool (${poolThreads} threads)`, { YOSHIKI_RENDER_THREADS: '' }, form, doc, today, seconds, log);
  const at = (list: LevelResult[], c: number) => list.find((r) => r.connections === c)!;
  const throughputRatioAt4 = round(at(pool, 4).requestsPerSecond / at(oneThread, 4).requestsPerSecond, 2);
  const oneRenderMs = at(oneThread, 1).p50Ms;
  const p99At16Ms = at(pool, 16).p99Ms;
  const one4 = at(oneThread, 4);
  const ceilingAt4 = one4.cpuMsPerRequest ? round(((poolThreads - at(pool, 4).loadCores) * 1000) / one4.cpuMsPerRequest / one4.requestsPerSecond, 2) : undefined;
  return {
    form,
    seconds,
    poolThreads,
    pool,
    oneThread,
    targets: {
      throughputRatioAt4,
      throughputTarget: 1.8,
      throughputMet: throughputRatioAt4 >= 1.8,
      oneRenderMs,
      p99At16Ms,
      p99LimitMs: round(16 * oneRenderMs),
      p99Met: p99At16Ms < 16 * oneRenderMs,
      ceilingAt4,
    },
  };
}

/** The Markdown rows of the HTTP part of the summary. */
export function httpTable(r: HttpBench): string {
  const rows = CONNECTIONS.map((c) => {
    const p = r.pool.find((l) => l.connections === c)!;
    const o = r.oneThread.find((l) => l.connections === c)!;
    const errors = p.non2xx + o.non2xx ? ` (non-2xx: pool ${p.non2xx}, one thread ${o.non2xx})` : '';
    const cpu = (l: LevelResult) => (l.serverCores === undefined ? '' : `, ${l.serverCores} cores, ${l.cpuMsPerRequest} CPU-ms/req`);
    return `| HTTP POST /pdf, ${c} connection${c > 1 ? 's' : ''} | pool (${r.poolThreads} threads) ${p.requestsPerSecond} req/s, p50 / p95 / p99 ${p.p50Ms} / ${p.p95Ms} / ${p.p99Ms} ms${cpu(p)}; one thread ${o.requestsPerSecond} req/s, ${o.p50Ms} / ${o.p95Ms} / ${o.p99Ms} ms${cpu(o)}${errors} | ${c === 4 ? '≥ 1.8× one thread' : c === 16 ? 'p99 < 16 × one render' : '—'} |`;
  });
  const t = r.targets;
  const ceiling = t.ceilingAt4 === undefined ? '' : `; at one thread's CPU per request the ${r.poolThreads} cores less the load generator's allow ${t.ceilingAt4}×`;
  rows.push(`| HTTP pool ÷ one thread at 4 connections | ${t.throughputRatioAt4}× (${t.throughputMet ? 'met' : 'missed'})${ceiling} | ≥ 1.8× |`);
  rows.push(`| HTTP p99 at 16 connections (pool) | ${t.p99At16Ms} ms against 16 × ${t.oneRenderMs} ms = ${t.p99LimitMs} ms (${t.p99Met ? 'met' : 'missed'}) | < 16 × one render |`);
  return rows.join('\n');
}
