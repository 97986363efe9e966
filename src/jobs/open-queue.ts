/**
 * The job queue the environment asks for: pg-boss on the PostgreSQL of DATABASE_URL, else the in-process queue of the
 * embedded SQLite default.
 */
import { LocalJobQueue } from './local-queue.ts';
import type { JobQueue } from './job-queue.ts';
import { PgBossQueue } from './pg-boss-queue.ts';

export async function openJobQueue(options: { databaseUrl?: string; onError?: (error: Error) => void } = {}): Promise<JobQueue> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (databaseUrl) return PgBossQueue.open({ databaseUrl, onError: options.onError });
  return new LocalJobQueue((e) => options.onError?.(e));
}
