/**
 * The JobQueue on pg-boss 10, in the same PostgreSQL as the filings (its tables in schema `pgboss`). Any number of
 * processes on any machines take jobs; pg-boss hands each job to one of them.
 *
 * A worker killed with SIGKILL cannot say it stopped. pg-boss 10 would notice only when the job's expiry passes — which
 * must be longer than the longest batch, hours. So each running job beats a heartbeat (table job_heartbeats, every
 * HEARTBEAT_MS) and every consumer process looks for active jobs whose heartbeat stopped: those are failed through
 * pg-boss (`fail`), which puts them back as `retry` — the ordinary pg-boss retry, taken by the next free worker.
 */
import os from 'node:os';
import PgBoss from 'pg-boss';
import { JOB_NAMES, JOB_RETRY_LIMIT, type EnqueueOptions, type JobCounts, type JobHandler, type JobName, type JobQueue } from './job-queue.ts';

const HEARTBEAT_MS = 2_000;
/** A job whose heartbeat is older than this is taken to belong to a dead worker (YOSHIKI_JOB_STALE_SECONDS). */
const DEFAULT_STALE_SECONDS = 30;
const WATCHDOG_MS = 3_000;

/** How long a job may run before pg-boss itself gives it up: a batch of many thousand rows takes a while. */
const EXPIRE_SECONDS: Record<JobName, number> = {
  [JOB_NAMES.batch]: 6 * 60 * 60,
  [JOB_NAMES.notice]: 10 * 60,
  [JOB_NAMES.mail]: 10 * 60,
};

export interface PgBossQueueOptions {
  databaseUrl: string;
  /** Seconds without a heartbeat after which a running job is retried elsewhere. */
  staleSeconds?: number;
  /** How often an idle consumer asks for work. */
  pollingSeconds?: number;
  /** Connections pg-boss keeps. */
  poolSize?: number;
  onError?: (error: Error) => void;
}

export class PgBossQueue implements JobQueue {
  readonly engine = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private readonly staleMs: number;
  private readonly pollingSeconds: number;
  private readonly running = new Map<string, { queue: string; controller: AbortController; done: Promise<unknown> }>();
  private readonly consumed = new Set<string>();
  /** What each queue's consumer does with a job given up after its last attempt died (work(…, { onGivenUp })). */
  private readonly givenUp = new Map<string, (payload: unknown) => Promise<void>>();
  private watchdog?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private stopping = false;
  /** Who runs the jobs here (the notice row records it): host and process id, no personal data. */
  readonly processName = `${os.hostname()}:${process.pid}`;

  private constructor(private readonly options: PgBossQueueOptions) {
    this.boss = new PgBoss({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 4,
      application_name: 'yoshiki-jobs',
      // Completed jobs carry only ids; keep them a week for `counts` and for looking into a failure.
      archiveCompletedAfterSeconds: 24 * 60 * 60,
      deleteAfterDays: 7,
    });
    this.boss.on('error', (e) => options.onError?.(e));
    this.staleMs = 1000 * (options.staleSeconds ?? (Number(process.env.YOSHIKI_JOB_STALE_SECONDS) || DEFAULT_STALE_SECONDS));
    this.pollingSeconds = options.pollingSeconds ?? 1;
  }

  static async open(options: PgBossQueueOptions): Promise<PgBossQueue> {
    const queue = new PgBossQueue(options);
    await queue.boss.start();
    for (const name of Object.values(JOB_NAMES))
      // stately: at most one queued and one running job per singletonKey (a batch id is enqueued once).
      await queue.boss.createQueue(name, { name, policy: 'stately', retryLimit: JOB_RETRY_LIMIT, retryDelay: 2, expireInSeconds: EXPIRE_SECONDS[name] });
    return queue;
  }

  private sql(text: string, values: unknown[] = []): Promise<{ rows: Record<string, unknown>[] }> {
    return this.boss.getDb().executeSql(text, values);
  }

  async enqueue(name: JobName, payload: object, options: EnqueueOptions = {}): Promise<string | null> {
    return this.boss.send(name, payload, options.singletonKey ? { singletonKey: options.singletonKey } : {});
  }

  async work<P>(name: JobName, handler: JobHandler<P>, options: { onGivenUp?: (payload: P) => Promise<void> } = {}): Promise<void> {
    this.consumed.add(name);
    if (options.onGivenUp) this.givenUp.set(name, options.onGivenUp as (payload: unknown) => Promise<void>);
    await this.boss.work<P>(name, { batchSize: 1, pollingIntervalSeconds: this.pollingSeconds }, async ([job]) => {
      const controller = new AbortController();
      await this.sql('INSERT INTO job_heartbeats (job_id, queue, beat_at) VALUES ($1, $2, $3) ON CONFLICT (job_id) DO UPDATE SET beat_at = $3', [job.id, name, Date.now()]);
      const done = handler(job.data, { jobId: job.id, signal: controller.signal });
      this.running.set(job.id, { queue: name, controller, done });
      try {
        await done;
      } finally {
        this.running.delete(job.id);
        await this.sql('DELETE FROM job_heartbeats WHERE job_id = $1', [job.id]).catch(() => undefined);
      }
    });
    this.heartbeat ??= setInterval(() => void this.beat(), HEARTBEAT_MS).unref();
    this.watchdog ??= setInterval(() => void this.retryAbandoned(), WATCHDOG_MS).unref();
  }

  private async beat(): Promise<void> {
    if (this.running.size === 0) return;
    await this.sql('UPDATE job_heartbeats SET beat_at = $1 WHERE job_id = ANY($2::text[])', [Date.now(), [...this.running.keys()]]).catch((e: Error) => this.options.onError?.(e));
  }

  /**
   * Active jobs whose worker stopped beating (killed, machine gone) go back to pg-boss as failed, hence retried — or,
   * when that was their last attempt, given up: the consumer's onGivenUp is told (a batch is then marked failed).
   */
  async retryAbandoned(): Promise<number> {
    if (this.stopping) return 0;
    try {
      const { rows } = await this.sql(
        `SELECT j.id::text AS id, j.name, j.retry_count, j.retry_limit, j.data FROM pgboss.job j LEFT JOIN job_heartbeats h ON h.job_id = j.id::text
         WHERE j.state = 'active' AND j.name = ANY($1::text[]) AND COALESCE(h.beat_at, (EXTRACT(EPOCH FROM j.started_on) * 1000)::bigint) < $2`,
        [[...this.consumed], Date.now() - this.staleMs],
      );
      for (const row of rows) {
        const id = String(row.id);
        if (this.running.has(id)) continue; // our own, merely slow to beat
        await this.boss.fail(String(row.name), id, { message: 'worker stopped (no heartbeat)' });
        await this.sql('DELETE FROM job_heartbeats WHERE job_id = $1', [id]);
        if (Number(row.retry_count) >= Number(row.retry_limit)) await this.givenUp.get(String(row.name))?.(row.data);
      }
      return rows.length;
    } catch (e) {
      this.options.onError?.(e as Error);
      return 0;
    }
  }

  async counts(): Promise<JobCounts> {
    const { rows } = await this.sql(`SELECT name, state, COUNT(*)::int AS n FROM pgboss.job WHERE name = ANY($1::text[]) GROUP BY name, state`, [Object.values(JOB_NAMES)]);
    const counts: JobCounts = {};
    for (const r of rows) (counts[String(r.name)] ??= {})[r.state as 'active'] = Number(r.n);
    return counts;
  }

  async ping(): Promise<void> {
    await this.sql('SELECT 1 FROM pgboss.version');
  }

  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    // Running jobs that outlast the grace are aborted so they stop writing; pg-boss then fails them (→ retry).
    const abort = setTimeout(() => {
      for (const r of this.running.values()) r.controller.abort();
    }, Math.max(0, graceMs - 500)).unref();
    await this.boss.stop({ graceful: true, wait: true, timeout: Math.max(1000, graceMs) });
    clearTimeout(abort);
    clearInterval(this.heartbeat);
  }
}
