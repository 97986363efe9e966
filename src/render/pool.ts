/**
 * The render threads: every PDF and XLSX the server makes (POST /api/forms/:id/pdf and /xlsx, the fillable PDF, the
 * 受付票 and notice PDFs) and every batch chunk is drawn on a pool of worker threads (piscina), so the event loop keeps
 * answering while documents are drawn and two cores draw two documents at once.
 *
 *   renderPool.run(task, { signal })   the process's pool (YOSHIKI_RENDER_THREADS threads, a bounded queue)
 *
 * - Tasks wait in a line of this module's, first come first served, and are handed to piscina only when a thread is free.
 *   piscina's own queue is not fair under steady load (piscinajs/piscina#1031: each finished task sends the next waiting
 *   one to the back of the queue, and its `stricterFIFO` sends new tasks that carry an abort signal to the front): 16
 *   clients saw p99 at 1.8× the median, or half of them served at once and the rest starved. Threads, their
 *   replacement and stopping a task stay piscina's.
 * - The line is bounded: past it, `run` throws RenderPoolBusyError at once (the server answers 503 with Retry-After)
 *   instead of letting waits grow without end.
 * - `signal` (the client went away): a task still waiting leaves the line at once; a running one is given
 *   ABANDON_GRACE_MS to finish — most renders take tens of milliseconds, and stopping one ends its thread, whose
 *   replacement costs more than a second of CPU (modules, the font, a cold JIT): a benchmark whose clients left at the end of each round saw both threads restarted every time, and a
 *   client disconnecting on purpose could have made the server do that at will. Past the grace it stops with its
 *   thread, which piscina replaces, so a long abandoned render never holds a thread for long.
 * - A thread that dies (out of memory, a crash in a library) fails only its task and is replaced; out of memory is the
 *   document's size (RenderTooLargeError, answered 413), anything else a fault of ours.
 * Each task is a plain object `{ kind, … }` handled in the thread by src/render-worker.ts (compiled to
 * dist/render-worker.js by `npm run build`: threads run compiled JavaScript, never TypeScript).
 */
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { DomainError } from '../domain-error.ts';

/** What a render thread runs: src/render-worker.ts's handlers know each `kind`. */
export interface RenderTask {
  kind: string;
}

export const WORKER_FILE = fileURLToPath(new URL('../../dist/render-worker.js', import.meta.url));

/**
 * A render thread's live heap is ~55 MB (modules, font, one batch chunk); left alone V8 lets it grow to 300+ MB between
 * collections, and a two-thread batch passed 900 MB. 192 MB (three times the live size) cost ~5 % CPU.
 */
const WORKER_OLD_GENERATION_MB = 192;
/**
 * The young generation (where a render's short-lived objects are made): V8's default lets each thread's two semi-spaces
 * grow to 16 MB each, 32 MB of resident memory per thread that a chunk's garbage fills between scavenges. 24 MB (8 MB
 * semi-spaces; V8 takes a third of this, rounded up to a power of two) halves that.
 */
const WORKER_YOUNG_GENERATION_MB = 24;

export interface RenderPoolOptions {
  /** Render threads; 0 draws on the calling thread (no pool: the one-thread baseline of the benchmark). */
  threads?: number;
  /** Tasks that may wait for a thread beyond the running ones. */
  maxQueue?: number;
  /** How long an abandoned task may still finish (default ABANDON_GRACE_MS). */
  abandonGraceMs?: number;
  /** The module each thread starts from (a test may wrap the real one). */
  filename?: string;
}

/** The queue is full: nothing was started. `retryAfterSeconds` is how long the queue ahead takes, by recent renders. */
export class RenderPoolBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`render queue full (retry after ${retryAfterSeconds} s)`);
    this.name = 'RenderPoolBusyError';
  }
}

/**
 * The document needed more memory than a render thread has (its thread was ended and replaced): the client's document
 * is too large to draw, not a fault of the server. A DomainError, so the server answers it with its code's status.
 */
export class RenderTooLargeError extends DomainError<'DOCUMENT_TOO_LARGE'> {
  constructor() {
    super('DOCUMENT_TOO_LARGE', '書類が大きすぎて作成できませんでした。表の行や文章を減らすか、書類を分けて、もう一度お試しください。');
    this.name = 'RenderTooLargeError';
  }
}

/** How long an abandoned task may still finish before it is stopped (see the module comment). */
export const ABANDON_GRACE_MS = 1_000;

/** The task was given up (its signal aborted) before it finished. */
export class RenderAbortedError extends Error {
  constructor() {
    super('render aborted');
    this.name = 'RenderAbortedError';
  }
}

/** YOSHIKI_RENDER_THREADS: a whole number ≥ 0; unset or empty, one per core. */
export function threadsFrom(value: string | undefined): number {
  const v = (value ?? '').trim();
  if (v === '') return os.availableParallelism();
  if (!/^\d+$/.test(v)) throw new Error(`YOSHIKI_RENDER_THREADS は 0 以上の整数で指定してください（「${v}」）。0 なら描画用のスレッドを使いません。`);
  return Number(v);
}

/**
 * YOSHIKI_RENDER_QUEUE: tasks waiting beyond the running ones; default 64, two seconds or so of renders on two threads —
 * enough for a burst (16 people pressing 「PDF」 at once are all served), small enough that a waiting answer stays quick.
 */
export function queueFrom(value: string | undefined): number {
  const v = (value ?? '').trim();
  if (v === '') return 64;
  if (!/^\d+$/.test(v)) throw new Error(`YOSHIKI_RENDER_QUEUE は 0 以上の整数で指定してください（「${v}」）。`);
  return Number(v);
}

type Handler = (task: RenderTask) => Promise<unknown>;

/** A task in the line, waiting for a thread. */
interface Waiting {
  start: () => void;
  leave: (error: Error) => void;
}

export class RenderPool {
  private readonly filename: string;
  private piscina?: Piscina;
  private inline?: Promise<Handler>;
  /** Recent render time (exponential average, ms), for Retry-After. */
  private averageMs = 100;
  /** Tasks handed to piscina and not yet settled: at most one per thread. */
  private running = 0;
  /** Tasks waiting for a thread, oldest first. */
  private readonly line: Waiting[] = [];

  constructor(private readonly options: RenderPoolOptions = {}) {
    this.filename = options.filename ?? WORKER_FILE;
  }

  /** Renders handed to the pool and not yet finished (running or waiting): the /metrics gauge. */
  get pending(): number {
    return this.running + this.line.length;
  }

  /** Read when first asked (not when this module loads), so a wrong value stops only what renders, with its message. */
  get threads(): number {
    return this.options.threads ?? threadsFrom(process.env.YOSHIKI_RENDER_THREADS);
  }

  get maxQueue(): number {
    return this.options.maxQueue ?? queueFrom(process.env.YOSHIKI_RENDER_QUEUE);
  }

  /** Started on the first task: a process that never renders (most tests, most commands) starts no thread. */
  private pool(): Piscina {
    if (this.piscina) return this.piscina;
    this.assertBuilt();
    this.piscina = new Piscina({
      filename: this.filename,
      minThreads: this.threads,
      maxThreads: this.threads,
      // Tasks wait in this module's line (see the module comment); piscina is handed one only for a free thread.
      maxQueue: Infinity,
      // Kept: a thread's start (modules, the font) costs more than a render.
      idleTimeout: Infinity,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      // None of the parent's command-line options: a thread runs compiled JavaScript (dist/), and a TypeScript loader
      // the parent was started with (`node --import tsx`: bench/, scripts) would otherwise load in every thread too,
      // keeping a transformed copy and a source map of every module it loads (~15 MB a thread, more at its peak).
      execArgv: [],
    });
    // A thread that fails while no task is on it (starting up) is reported here; its next task fails with the reason.
    this.piscina.on('error', () => {});
    return this.piscina;
  }

  private assertBuilt(): void {
    if (!fs.existsSync(this.filename)) throw new Error(`[yoshiki] ${this.filename} がありません。npm run build を実行してください。`);
  }

  /** Runs the task on a render thread; see the module comment for a full queue, an abort and a crashed thread. */
  async run<Result>(task: RenderTask, options: { signal?: AbortSignal } = {}): Promise<Result> {
    if (options.signal?.aborted) throw new RenderAbortedError();
    const started = performance.now();
    let result: Result;
    if (this.threads === 0) {
      this.assertBuilt();
      this.inline ??= import(pathToFileURL(this.filename).href).then((m: { default: Handler }) => m.default);
      result = (await (await this.inline)(task)) as Result;
    } else {
      const pool = this.pool();
      await this.turn(options.signal);
      try {
        result = await this.runOnThread<Result>(pool, task, options.signal);
      } finally {
        this.running--;
        this.line.shift()?.start();
      }
    }
    this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started);
    return result;
  }

  /** Resolves when a thread is free for this task (counted as running from then on); a full line refuses at once. */
  private turn(gone: AbortSignal | undefined): Promise<void> {
    if (this.running < this.threads && this.line.length === 0) {
      this.running++;
      return Promise.resolve();
    }
    if (this.line.length >= this.maxQueue) return Promise.reject(new RenderPoolBusyError(this.retryAfter()));
    return new Promise<void>((resolve, reject) => {
      const onGone = () => {
        this.line.splice(this.line.indexOf(waiting), 1);
        reject(new RenderAbortedError());
      };
      const waiting: Waiting = {
        start: () => {
          gone?.removeEventListener('abort', onGone);
          this.running++;
          resolve();
        },
        leave: reject,
      };
      this.line.push(waiting);
      gone?.addEventListener('abort', onGone, { once: true });
    });
  }

  /** The task on piscina's thread: an abandoned one gets its grace, then is stopped with its thread. */
  private async runOnThread<Result>(pool: Piscina, task: RenderTask, gone: AbortSignal | undefined): Promise<Result> {
    // The client left as its turn came: nothing to start.
    if (gone?.aborted) throw new RenderAbortedError();
    const stop = new AbortController();
    let grace: NodeJS.Timeout | undefined;
    const onGone = () => (grace = setTimeout(() => stop.abort(), this.options.abandonGraceMs ?? ABANDON_GRACE_MS));
    gone?.addEventListener('abort', onGone, { once: true });
    let result: Result;
    try {
      result = (await pool.run(task, { signal: gone ? stop.signal : null })) as Result;
    } catch (e) {
      if (gone?.aborted) throw new RenderAbortedError();
      // V8 ended the thread at its heap limit (resourceLimits): this task's document, not the server, was too much.
      if ((e as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') throw new RenderTooLargeError();
      throw e;
    } finally {
      clearTimeout(grace);
      gone?.removeEventListener('abort', onGone);
    }
    // Finished within the grace, for a client that is no longer there.
    if (gone?.aborted) throw new RenderAbortedError();
    return result;
  }

  /** Seconds until the queue ahead is likely drawn: queued tasks × recent render time ÷ threads, 1 to 60. */
  private retryAfter(): number {
    const waiting = this.line.length + this.threads;
    return Math.min(60, Math.max(1, Math.ceil((waiting * this.averageMs) / Math.max(1, this.threads) / 1000)));
  }

  /** Tasks running and waiting now (for tests, logs and metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.line.length };
  }

  /** The ids of the threads now in the pool (a thread that died or was stopped is replaced by one with a new id). */
  get threadIds(): number[] {
    return this.piscina?.threads.map((t) => t.threadId) ?? [];
  }

  /** Ends the threads (tasks still waiting fail); the next `run` starts the pool again. */
  async close(): Promise<void> {
    const pool = this.piscina;
    this.piscina = undefined;
    for (const waiting of this.line.splice(0)) waiting.leave(new Error('render pool closed'));
    await pool?.destroy();
  }
}

/** The process's pool, shared by the server's routes and its batches (a command-line batch makes its own, --jobs). */
export const renderPool = new RenderPool();
