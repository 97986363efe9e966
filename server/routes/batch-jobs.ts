/**
 * The asynchronous batch API — for tables too large to keep a request open while they render:
 *
 *   POST /api/batches                  the same multipart upload as POST /api/forms/:id/batch, plus the part `form`
 *                                      (the 様式's id) → 202 { id, state, links } — the table is stored and a job queued
 *   GET  /api/batches/:id              state (queued, running, done, failed), rows done / total, refused so far
 *   GET  /api/batches/:id/result.zip   the zip `yoshiki batch --zip` writes, once done
 *
 * The table, the progress and the result live in the store (PostgreSQL with DATABASE_URL), so the batch posted to one
 * server instance is rendered by any worker and downloaded from any instance. The id is 128 random bits: whoever holds
 * it may read the batch (it is the only key, as the zip of the synchronous route is its caller's alone).
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type Response, type Router } from 'express';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { BATCH_RETENTION_DAYS } from '../../src/jobs/consumers.ts';
import { JOB_NAMES, type JobQueue } from '../../src/jobs/job-queue.ts';
import { jobMessages } from '../../src/messages/jobs.ts';
import type { BatchRecord } from '../../src/store/sql-batches.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { attachmentDisposition } from '../api/content-disposition.ts';
import { HttpError, methodNotAllowed, sendJsonError } from '../errors.ts';
import { batchErrors, inputName, kindOf, openWorkspace, optionsOf, receiveUpload, refuse } from './batch.ts';

/** Largest table the asynchronous route takes: ten thousand filled rows of the largest 様式 fit several times over. */
export const ASYNC_BATCH_LIMIT_BYTES = 64 * 1024 * 1024;

export type BatchJobErrorCode = 'BATCH_NOT_FOUND' | 'BATCH_NOT_DONE' | 'BATCH_FAILED' | 'QUEUE_UNAVAILABLE';

class BatchJobError extends Error {
  constructor(
    readonly status: 404 | 409 | 503,
    readonly code: BatchJobErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The JSON a client polls: where the batch stands, without anything from the table. */
export function batchStatus(b: BatchRecord) {
  return {
    id: b.id,
    form: b.form,
    state: b.state,
    stateLabel: jobMessages.stateLabel[b.state],
    rows: { done: b.rowsDone, total: b.rowsTotal, refused: b.rowsRefused, rendered: b.state === 'done' ? b.rowsRendered : null },
    attempts: b.attempts,
    createdAt: b.createdAt,
    finishedAt: b.finishedAt,
    error: b.error,
    result: b.result && { size: b.result.size, sha256: b.result.sha256, link: `/api/batches/${b.id}/result.zip` },
    links: { self: `/api/batches/${b.id}` },
  };
}

/** 22 characters of base64url: 128 random bits. */
const newBatchId = () => crypto.randomBytes(16).toString('base64url');
const ID = /^[A-Za-z0-9_-]{22}$/;

export interface BatchJobsDeps {
  store: SubmissionStore;
  jobs: JobQueue;
}

export function batchJobsRouter({ store, jobs }: BatchJobsDeps): Router {
  const router = express.Router();

  const found = async (req: Request): Promise<BatchRecord> => {
    const id = String(req.params.id);
    const batch = ID.test(id) ? await store.batches.get(id) : undefined;
    if (!batch) throw new BatchJobError(404, 'BATCH_NOT_FOUND', jobMessages.batchNotFound(id.slice(0, 40), BATCH_RETENTION_DAYS));
    return batch;
  };

  router
    .route('/batches')
    .post(openWorkspace, receiveUpload(ASYNC_BATCH_LIMIT_BYTES), async (req: Request, res: Response) => {
      const body = { ...((req.body ?? {}) as Record<string, unknown>) };
      const formId = typeof body.form === 'string' ? body.form.trim() : '';
      delete body.form;
      const definition = loadDefinitions().get(formId);
      if (!definition) throw new HttpError(404, 'FORM_NOT_FOUND', { id: formId.slice(0, 200) });
      const file = req.file;
      if (!file) throw refuse(400, 'FILE_MISSING', 'BATCH_FILE_MISSING');
      const options = optionsOf(body, definition);
      const kind = await kindOf(file.path, file.originalname);
      const id = newBatchId();
      const at = new Date().toISOString();
      await store.batches.create({ id, form: definition.id, options, inputName: inputName(file.originalname, kind), today: res.locals.today as string, at }, file.path);
      try {
        await jobs.enqueue(JOB_NAMES.batch, { batchId: id }, { singletonKey: id });
      } catch {
        await store.batches.fail(id, { code: 'QUEUE_UNAVAILABLE', message: jobMessages.queueUnavailable() }, at);
        throw new BatchJobError(503, 'QUEUE_UNAVAILABLE', jobMessages.queueUnavailable());
      }
      const batch = (await store.batches.get(id))!;
      res.status(202).set({ Location: `/api/batches/${id}`, 'Cache-Control': 'no-store' }).json(batchStatus(batch));
    })
    .all(methodNotAllowed(['post']));

  router
    .route('/batches/:id')
    .get(async (req, res) => {
      res.set('Cache-Control', 'no-store').json(batchStatus(await found(req)));
    })
    .all(methodNotAllowed(['get']));

  router
    .route('/batches/:id/result.zip')
    .get(async (req, res) => {
      const batch = await found(req);
      if (batch.state === 'failed') throw new BatchJobError(409, 'BATCH_FAILED', jobMessages.batchFailed(batch.id));
      const parts = batch.state === 'done' ? await store.batches.result(batch.id) : undefined;
      if (!parts || !batch.result) throw new BatchJobError(409, 'BATCH_NOT_DONE', jobMessages.batchNotDone(batch.id, jobMessages.stateLabel[batch.state]));
      const definition = loadDefinitions().get(batch.form);
      res.status(200).type('application/zip').set({
        'Content-Length': String(batch.result.size),
        'Content-Disposition': attachmentDisposition(`${batch.form}-batch.zip`, `${definition?.title ?? batch.form}（一括作成）.zip`),
        // The files carry personal data (names, addresses): no cache may keep them.
        'Cache-Control': 'no-store',
        ETag: `"${batch.result.sha256}"`,
      });
      try {
        await pipeline(Readable.from(parts), res);
      } catch (e) {
        if (!res.destroyed) throw e;
      }
    })
    .all(methodNotAllowed(['get']));

  router.use('/batches', ((thrown, _req, res, next) => {
    if (!(thrown instanceof BatchJobError) || res.headersSent) return next(thrown);
    sendJsonError(res, thrown.status, { error: { status: thrown.status, code: thrown.code, message: thrown.message } });
  }) as express.ErrorRequestHandler);
  router.use('/batches', batchErrors(ASYNC_BATCH_LIMIT_BYTES));
  return router;
}

