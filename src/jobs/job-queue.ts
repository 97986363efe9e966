/**
 * Work that outlives a request or must be retried: one small interface, two engines. With PostgreSQL (DATABASE_URL) the
 * jobs are rows of pg-boss in the same database, taken by any `yoshiki worker` (or a `yoshiki serve` running consumers);
 * with the embedded SQLite default the same interface runs in the server's own process (local-queue.ts), so `npm start`
 * stays one command.
 *
 * Every consumer is idempotent: a job killed mid-way is run again from its start and completes once (a batch renders
 * its whole table again and replaces any earlier result; a notice is stored only if none is). A mail job is at-least-once:
 * a send that failed is retried, so an office may rarely get a status mail twice, never none.
 */

/** The jobs yoshiki knows. A payload carries ids only — never personal data (job rows are not access-controlled). */
export const JOB_NAMES = {
  /** Render an asynchronous batch (payload { batchId }). */
  batch: 'yoshiki-batch',
  /** Render and store the notice PDF of an accepted filing (payload { receiptNumber }). */
  notice: 'yoshiki-notice',
  /** Send one status mail to an office (payload StatusMailRequest: receipt and office numbers, status, link base). */
  mail: 'yoshiki-mail',
} as const;
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

export interface JobContext {
  /** The engine's job id (the same on every attempt). */
  jobId: string;
  /** Aborted when the process is shutting down and the job could not finish within the grace period. */
  signal: AbortSignal;
}

export type JobHandler<P> = (payload: P, context: JobContext) => Promise<void>;

export interface EnqueueOptions {
  /** At most one queued or running job per key (a second enqueue with the same key is dropped: returns null). */
  singletonKey?: string;
}

export type JobCounts = Record<string, Partial<Record<'created' | 'retry' | 'active' | 'completed' | 'failed' | 'cancelled', number>>>;

export interface JobQueue {
  readonly engine: 'pg-boss' | 'in-process';
  enqueue(name: JobName, payload: object, options?: EnqueueOptions): Promise<string | null>;
  /**
   * Takes jobs of `name` in this process, one at a time per call. `onGivenUp` is told of a job the engine will not try
   * again because its last attempt's process died (a throw is the handler's own to clean up after): the work it stood
   * for must not look as if still running.
   */
  work<P>(name: JobName, handler: JobHandler<P>, options?: { onGivenUp?: (payload: P) => Promise<void> }): Promise<void>;
  /** Jobs by queue and state (the /metrics gauges). */
  counts(): Promise<JobCounts>;
  /** Throws when the queue cannot be reached (readiness). */
  ping(): Promise<void>;
  /**
   * Stops taking jobs; running ones get `graceMs` to finish, then are aborted and handed back (retried elsewhere or on
   * the next start).
   */
  stop(graceMs: number): Promise<void>;
}

/** How many times a failed or abandoned job is tried again before it is given up. */
export const JOB_RETRY_LIMIT = 3;
