/**
 * The JobQueue of the embedded default (SQLite): jobs run in the server's own process, one at a time per job name, with
 * the same retries as pg-boss. Nothing is kept outside the process: what a job works on is in the store (a batch row
 * says `queued` or `running`, an accepted filing without a notice_files row needs its notice), so after a restart the
 * consumers find their unfinished work again (consumers.ts `recover`).
 */
import crypto from 'node:crypto';
import { JOB_RETRY_LIMIT, type EnqueueOptions, type JobCounts, type JobHandler, type JobName, type JobQueue } from './job-queue.ts';

interface LocalJob {
  id: string;
  name: JobName;
  payload: object;
  singletonKey?: string;
  attempts: number;
}

const RETRY_DELAY_MS = 1_000;

export class LocalJobQueue implements JobQueue {
  readonly engine = 'in-process' as const;
  private readonly waiting = new Map<JobName, LocalJob[]>();
  private readonly handlers = new Map<JobName, JobHandler<unknown>>();
  private readonly active = new Map<string, { job: LocalJob; controller: AbortController; done: Promise<void> }>();
  private readonly finished: Record<string, { completed: number; failed: number }> = {};
  private stopped = false;

  constructor(private readonly onError: (error: Error, job: { name: string; id: string }) => void = () => undefined) {}

  async enqueue(name: JobName, payload: object, options: EnqueueOptions = {}): Promise<string | null> {
    if (this.stopped) throw new Error('ジョブの受付を停止しています。');
    const key = options.singletonKey;
    if (key !== undefined && [...(this.waiting.get(name) ?? []), ...[...this.active.values()].map((a) => a.job)].some((j) => j.name === name && j.singletonKey === key)) return null;
    const job: LocalJob = { id: crypto.randomUUID(), name, payload, singletonKey: key, attempts: 0 };
    this.push(job);
    return job.id;
  }

  // No onGivenUp here: a job of this queue dies only with its process, which is the queue; the next start takes up what
  // the store says is unfinished (consumers.ts), and a batch past its attempts is failed there.
  async work<P>(name: JobName, handler: JobHandler<P>): Promise<void> {
    this.handlers.set(name, handler as JobHandler<unknown>);
    this.next(name);
  }

  private push(job: LocalJob): void {
    const list = this.waiting.get(job.name) ?? [];
    list.push(job);
    this.waiting.set(job.name, list);
    this.next(job.name);
  }

  private busy(name: JobName): boolean {
    return [...this.active.values()].some((a) => a.job.name === name);
  }

  /** Starts the next job of `name` if it has a consumer and none of its kind runs. */
  private next(name: JobName): void {
    const handler = this.handlers.get(name);
    if (this.stopped || !handler || this.busy(name)) return;
    const job = this.waiting.get(name)?.shift();
    if (!job) return;
    job.attempts++;
    const controller = new AbortController();
    const done = (async () => {
      // Later than the enqueue that started it, so a request that enqueues answers before the job begins.
      await new Promise((resolve) => setImmediate(resolve));
      await handler(job.payload, { jobId: job.id, signal: controller.signal });
    })().then(
      () => this.settle(job, 'completed'),
      (e: Error) => {
        this.onError(e, { name: job.name, id: job.id });
        if (job.attempts <= JOB_RETRY_LIMIT && !this.stopped) setTimeout(() => this.push(job), RETRY_DELAY_MS).unref();
        else this.settle(job, 'failed');
      },
    );
    this.active.set(job.id, { job, controller, done: done.finally(() => this.active.delete(job.id)).then(() => this.next(name)) });
  }

  private settle(job: LocalJob, how: 'completed' | 'failed'): void {
    (this.finished[job.name] ??= { completed: 0, failed: 0 })[how]++;
  }

  async counts(): Promise<JobCounts> {
    const counts: JobCounts = {};
    for (const [name, f] of Object.entries(this.finished)) counts[name] = { ...f };
    for (const [name, list] of this.waiting) (counts[name] ??= {}).created = list.length;
    for (const { job } of this.active.values()) (counts[job.name] ??= {}).active = (counts[job.name]?.active ?? 0) + 1;
    return counts;
  }

  async ping(): Promise<void> {
    if (this.stopped) throw new Error('ジョブの受付を停止しています。');
  }

  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    this.waiting.clear();
    const running = [...this.active.values()];
    const abort = setTimeout(() => running.forEach((r) => r.controller.abort()), graceMs).unref();
    await Promise.all(running.map((r) => r.done.catch(() => undefined)));
    clearTimeout(abort);
  }
}
