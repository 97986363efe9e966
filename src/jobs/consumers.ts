/**
 * The job consumers `yoshiki worker` runs (and `yoshiki serve` in-process): asynchronous batches, the notice PDF of an
 * accepted filing, and mail. Each is idempotent (see job-queue.ts): a retried job does its work again from the start and
 * the store keeps one result.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BatchInputError } from '../batch/errors.ts';
import { BATCH_READ_LIMITS, TooManyRowsError, XlsxBombError, type ReadLimits } from '../batch/input.ts';
import { firstReportRow } from '../batch/report.ts';
import { runBatch } from '../batch/run-batch.ts';
import { jobMessages } from '../messages/jobs.ts';
import { sha256Hex } from '../store/canonical.ts';
import type { SubmissionStore } from '../store/types.ts';
import { renderStoredDocument } from '../submissions/downloads.ts';
import { sendStatusMail, type Mailer, type StatusMailRequest } from '../submissions/mail.ts';
import { JOB_NAMES, JOB_RETRY_LIMIT, type JobContext, type JobQueue } from './job-queue.ts';

/** Rows one asynchronous batch may have: far more than a request may carry, still a bound on one job's work. */
export const ASYNC_BATCH_MAX_ROWS = 100_000;
/**
 * How an uploaded table is read by the job: as the synchronous route reads one (a deadline per row, an XLSX checked
 * before it is opened), with the row limit above and room for an XLSX of that many rows (some 8× the inflated size).
 */
export const ASYNC_BATCH_READ_LIMITS = {
  ...BATCH_READ_LIMITS,
  maxRows: ASYNC_BATCH_MAX_ROWS,
  zip: { ...BATCH_READ_LIMITS.zip, maxTotalBytes: 256 * 1024 * 1024 },
} as const satisfies ReadLimits;
/** Batches (their tables and results carry personal data) are removed this many days after they were asked for. */
export const BATCH_RETENTION_DAYS = Number(process.env.YOSHIKI_BATCH_RETENTION_DAYS) || 7;
/** At most one progress write per this interval (each is one UPDATE of one row). */
const PROGRESS_EVERY_MS = 500;


export interface ConsumerOptions {
  store: SubmissionStore;
  /** Render threads per batch (default: every CPU of this machine). */
  batchThreads?: number;
  /** Sends the status mails (YOSHIKI_SMTP_URL); without it this process takes no mail jobs (they wait for one that has). */
  mailer?: Mailer;
  /** Who renders here (stored beside a notice): host and process id by default. */
  processName?: string;
  onError?: (error: Error, job: string) => void;
  /** Where a failed send is told (受付番号, status and the error's name only: an SMTP reply may quote the address). */
  logger?: { warn(obj: object, msg?: string): void };
}

const MB = (bytes: number) => `${bytes / 1024 / 1024} MB`;

/** The refusal a batch's table earns (a client's fault: never retried), or undefined for a fault of ours. */
function refusalOf(e: unknown, input: string, displayName: string): { code: string; message: string } | undefined {
  if (e instanceof TooManyRowsError) return { code: 'PAYLOAD_TOO_LARGE', message: jobMessages.batchTooManyRows(ASYNC_BATCH_MAX_ROWS) };
  if (e instanceof XlsxBombError)
    return { code: 'PAYLOAD_TOO_LARGE', message: jobMessages.batchXlsxBomb(displayName, MB(ASYNC_BATCH_READ_LIMITS.zip.maxTotalBytes), ASYNC_BATCH_READ_LIMITS.zip.maxEntries) };
  // The batch's messages name the file it was given: the job's temporary path, which the client must not see.
  if (e instanceof BatchInputError)
    return { code: 'UNREADABLE_FILE', message: e.message.split(input).join(displayName).replace(/[\u0000-\u001f\u007f]/g, '\uFFFD') };
  return undefined;
}

/** A batch the engine will not try again: failed, so its page and its API stop waiting. */
const giveUp = (store: SubmissionStore, batchId: string) => store.batches.fail(batchId, { code: 'INTERNAL_ERROR', message: jobMessages.batchGaveUp() }, new Date().toISOString());

export async function runBatchJob(store: SubmissionStore, batchId: string, context: JobContext, threads: number): Promise<void> {
  const now = () => new Date().toISOString();
  const batch = await store.batches.start(batchId, now());
  if (!batch) return; // done, failed or removed: nothing left to do (a duplicate or late retry)
  // Every attempt so far ended with its process (a table that crashes whoever renders it): taken up again at each start
  // of the embedded server, it would never end. Given up as pg-boss gives up (JOB_RETRY_LIMIT retries).
  if (batch.attempts > JOB_RETRY_LIMIT + 1) {
    await giveUp(store, batchId);
    return;
  }
  // Each attempt starts in a folder of its own: whatever a killed attempt left is never mixed into this one's result.
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'yoshiki-batch-job-'));
  try {
    const input = path.join(dir, 'in', batch.inputName);
    const outDir = path.join(dir, 'out');
    await fs.promises.mkdir(path.dirname(input));
    await store.batches.readInput(batchId, input);
    let last = 0;
    let writing: Promise<void> = Promise.resolve();
    const onProgress = (p: { done: number; refused: number; total: number | undefined }) => {
      const t = Date.now();
      if (t - last < PROGRESS_EVERY_MS) return;
      last = t;
      writing = writing.then(() => store.batches.progress(batchId, p, now())).catch(() => undefined);
    };
    let summary;
    try {
      summary = await runBatch({
        formId: batch.form,
        input,
        outDir,
        formats: batch.options.formats,
        combined: batch.options.combined,
        jobs: threads,
        zip: true,
        sheet: batch.options.sheet,
        name: batch.options.name,
        today: batch.today,
        progress: 'none',
        signal: context.signal,
        limits: ASYNC_BATCH_READ_LIMITS,
        onProgress,
      });
    } catch (e) {
      const refusal = refusalOf(e, input, batch.inputName);
      if (!refusal) throw e;
      await writing;
      await store.batches.fail(batchId, refusal, now());
      return;
    }
    await writing;
    // Stopped by a shutdown: thrown, so the engine hands the job back and another attempt makes the whole result.
    if (summary.interrupted) throw new Error('batch interrupted by shutdown');
    if (summary.exitCode === 2) {
      const first = await firstReportRow(outDir).catch(() => undefined);
      await store.batches.fail(batchId, { code: 'UNREADABLE_FILE', message: jobMessages.batchNoDocument(batch.inputName, first?.row ?? '1', (first?.message ?? '').replace(/。$/, '')) }, now());
      return;
    }
    await store.batches.finish(batchId, summary, path.join(outDir, `${batch.form}.zip`), now());
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Renders the notice of an accepted filing once and stores its bytes (a retry finds them stored and stops). */
export async function renderNoticeJob(store: SubmissionStore, receiptNumber: string, processName: string): Promise<void> {
  if (await store.noticeFile(receiptNumber)) return;
  const record = await store.submission(receiptNumber);
  if (!record?.notice) return;
  const { bytes } = await renderStoredDocument(record.notice.form, record.notice.data, record.notice.issuedAt.slice(0, 10), 'pdf');
  await store.saveNoticeFile(receiptNumber, { sha256: sha256Hex(bytes), bytes, renderedAt: new Date().toISOString(), renderedBy: processName });
}

/** Starts every consumer on `queue`; with the in-process queue, also takes up work a previous run left unfinished. */
export async function startConsumers(queue: JobQueue, options: ConsumerOptions): Promise<void> {
  const { store } = options;
  const threads = Math.max(1, options.batchThreads ?? (Number(process.env.YOSHIKI_BATCH_THREADS) || os.availableParallelism()));
  const processName = options.processName ?? `${os.hostname()}:${process.pid}`;
  await queue.work<{ batchId: string }>(
    JOB_NAMES.batch,
    async ({ batchId }, context) => {
      try {
        await runBatchJob(store, batchId, context, threads);
      } catch (e) {
        options.onError?.(e as Error, JOB_NAMES.batch);
        // The last attempt the engine will make: the batch is failed, so its page stops waiting.
        const batch = await store.batches.get(batchId);
        if (batch && batch.attempts > JOB_RETRY_LIMIT) await giveUp(store, batchId);
        throw e;
      }
    },
    // The last attempt's process died (killed, out of memory): nobody is left to say so but the engine.
    { onGivenUp: ({ batchId }) => giveUp(store, batchId) },
  );
  await queue.work<{ receiptNumber: string }>(JOB_NAMES.notice, ({ receiptNumber }) => renderNoticeJob(store, receiptNumber, processName));
  // A failed send throws, so the engine retries it (JOB_RETRY_LIMIT). A mail server that took the message but failed to
  // answer is retried too: the office may then get the same status mail twice, never none.
  const mailer = options.mailer;
  if (mailer)
    await queue.work<StatusMailRequest>(JOB_NAMES.mail, async (request) => {
      try {
        await sendStatusMail(store, mailer, request);
      } catch (e) {
        const name = e instanceof Error ? e.name : 'unknown';
        options.logger?.warn({ receiptNumber: request.receiptNumber, status: request.status, err: name }, 'status mail failed');
        // Rethrown for the engine to retry, without the relay's reply (which may name the recipient).
        throw new Error(`status mail not sent (${name})`);
      }
    });
  if (queue.engine === 'in-process') {
    // pg-boss keeps its jobs in the database; the in-process queue keeps none, so the store says what is left to do.
    for (const batchId of await store.batches.unfinished()) await queue.enqueue(JOB_NAMES.batch, { batchId }, { singletonKey: batchId });
  }
  // Old batches go: their tables and results carry personal data and are not kept past the retention.
  await store.batches.removeCreatedBefore(new Date(Date.now() - BATCH_RETENTION_DAYS * 86_400_000).toISOString());
}

/** Asks for the notice of an accepted filing to be rendered (once per filing, whatever the number of calls). */
export function enqueueNotice(queue: JobQueue, receiptNumber: string): Promise<string | null> {
  return queue.enqueue(JOB_NAMES.notice, { receiptNumber }, { singletonKey: receiptNumber });
}

/**
 * Asks for one status mail to be sent (its payload: ids and the link's base, never an address). Each mail has a key
 * of its own: the queues are 'stately' (one queued job per key), and two changes of one filing are two mails.
 */
export function enqueueStatusMail(queue: JobQueue, request: StatusMailRequest): Promise<string | null> {
  return queue.enqueue(JOB_NAMES.mail, request, { singletonKey: `${request.receiptNumber}:${request.status}:${crypto.randomUUID()}` });
}
