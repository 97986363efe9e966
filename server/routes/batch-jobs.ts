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
import type { Request, Response, Router } from 'express';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { ASYNC_BATCH_MAX_ROWS, BATCH_RETENTION_DAYS } from '../../src/jobs/consumers.ts';
import { JOB_NAMES, type JobQueue } from '../../src/jobs/job-queue.ts';
import { jobMessages } from '../../src/messages/jobs.ts';
import type { BatchRecord } from '../../src/store/sql-batches.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { attachmentDisposition } from '../api/content-disposition.ts';
import { CONTENT_DISPOSITION, errorResponse, fileResponse, jsonResponse, routerOf, SERVER_FAULT, TODAY_PARAMETER, type DocumentedRoute, type Json } from '../documented-route.ts';
import { HttpError, httpError } from '../http-error.ts';
import { BATCH_MAX_ROWS, inputName, kindOf, openWorkspace, optionsOf, receiveUpload, refuse } from './batch.ts';

/** Largest table the asynchronous route takes: ten thousand filled rows of the largest 様式 fit several times over. */
export const ASYNC_BATCH_LIMIT_BYTES = 64 * 1024 * 1024;

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

const MB = (bytes: number) => `${bytes / 1024 / 1024} MB`;
const ID_PARAMETER: Json = { name: 'id', in: 'path', required: true, description: '一括作成の番号（POST /api/batches が返す id。22文字）', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' } };
const NOT_FOUND = errorResponse(`その番号の一括作成がない（依頼から ${BATCH_RETENTION_DAYS} 日で削除されます）`, ['BATCH_NOT_FOUND']);
const count = { type: 'integer', minimum: 0 };

const BATCH_STATUS: Json = {
  type: 'object',
  required: ['id', 'form', 'state', 'stateLabel', 'rows', 'attempts', 'createdAt', 'finishedAt', 'error', 'result', 'links'],
  properties: {
    id: { type: 'string' },
    form: { type: 'string', description: '様式の id' },
    state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'], description: 'queued（順番待ち）、running（作成中）、done（完了）、failed（表が読めない等で作成できなかった）' },
    stateLabel: { type: 'string', description: '状態の日本語（待ち・作成中・完了・失敗）' },
    rows: {
      type: 'object',
      required: ['done', 'total', 'refused', 'rendered'],
      properties: {
        done: { ...count, description: '処理した行（作成した行と誤りのため作成しない行）' },
        total: { type: ['integer', 'null'], minimum: 0, description: '行の数（読み終わるまでは見込み。分からなければ null）' },
        refused: { ...count, description: 'これまでに誤りのため作成しないと決まった行' },
        rendered: { type: ['integer', 'null'], minimum: 0, description: '作成した行（完了したときだけ）' },
      },
    },
    attempts: { ...count, description: '作成を始めた回数（作成中に worker が止まると、別の worker がやり直し、2 以上になる）' },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    error: {
      type: ['object', 'null'],
      required: ['code', 'message'],
      properties: { code: { type: 'string', enum: ['UNREADABLE_FILE', 'PAYLOAD_TOO_LARGE', 'QUEUE_UNAVAILABLE', 'INTERNAL_ERROR'] }, message: { type: 'string', description: '日本語の理由（何を直せばよいか）' } },
      description: 'failed のときの理由',
    },
    result: {
      type: ['object', 'null'],
      required: ['size', 'sha256', 'link'],
      properties: { size: count, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' }, link: { type: 'string' } },
      description: 'done のときの ZIP',
    },
    links: { type: 'object', required: ['self'], properties: { self: { type: 'string' } } },
  },
};


/** The batch of the path's id, or 404 BATCH_NOT_FOUND. */
async function found(store: SubmissionStore, req: Request): Promise<BatchRecord> {
  const id = String(req.params.id);
  const batch = ID.test(id) ? await store.batches.get(id) : undefined;
  if (!batch) throw new HttpError('BATCH_NOT_FOUND', jobMessages.batchNotFound(id.slice(0, 40), BATCH_RETENTION_DAYS));
  return batch;
}

export const BATCH_JOB_ROUTES: DocumentedRoute<BatchJobsDeps>[] = [
  {
    method: 'post',
    path: '/api/batches',
    operation: (definitions) => ({
      operationId: 'createBatch',
      summary: '大きな表の一括作成を依頼する（裏側で作成し、進み具合と結果は番号で取得）',
      description:
        `POST /api/forms/{id}/batch と同じ multipart に、様式の id を form という部分で加えて送ります。表を保存して作成の仕事（ジョブ）を登録し、すぐ 202 と番号を返します。` +
        `作成は worker（yoshiki worker、SQLite ではサーバー自身）が行い、どのサーバーに問い合わせても同じ結果が得られます。` +
        `同期の POST /api/forms/{id}/batch は ${BATCH_MAX_ROWS.toLocaleString('en-US')} 行までですが、こちらは ${ASYNC_BATCH_MAX_ROWS.toLocaleString('en-US')} 行まで（ファイル ${MB(ASYNC_BATCH_LIMIT_BYTES)} まで）。` +
        `表が読めない・行が多すぎるときは、状態が failed になり error に理由が入ります。結果は依頼から ${BATCH_RETENTION_DAYS} 日で削除されます。番号を知っている人は誰でも結果を取得できるため、番号は人に渡さないでください。`,
      tags: ['files'],
      parameters: [TODAY_PARAMETER],
      requestBody: {
        required: true,
        description: `multipart/form-data（ファイルの上限 ${MB(ASYNC_BATCH_LIMIT_BYTES)}）`,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['form', 'file'],
              properties: {
                form: { type: 'string', enum: definitions.map((d) => d.id), description: '様式の id' },
                file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'CSV（UTF-8 又は Shift_JIS）、.xlsx、.jsonl（POST /api/forms/{id}/batch と同じ）' },
                format: { type: 'string', pattern: '^(pdf|xlsx)(,(pdf|xlsx))?$', default: 'pdf' },
                combined: { type: 'string', enum: ['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'] },
                sheet: { type: 'string' },
                name: { type: 'string', default: '{row}-{form-id}' },
              },
            },
          },
        },
      },
      responses: {
        202: jsonResponse('受け付けた（Location に状態の URL）', BATCH_STATUS, { Location: { description: '/api/batches/{id}', schema: { type: 'string' } } }),
        400: errorResponse('ファイルがない、指定の誤り、知らない部分、multipart が壊れている、又は実在しない today', ['FILE_MISSING', 'INVALID_OPTION', 'BAD_REQUEST', 'INVALID_TODAY']),
        404: errorResponse('form の様式がない', ['FORM_NOT_FOUND']),
        405: errorResponse('POST 以外のメソッド', ['METHOD_NOT_ALLOWED']),
        413: errorResponse(`ファイルが上限（${MB(ASYNC_BATCH_LIMIT_BYTES)}）を超えている`, ['PAYLOAD_TOO_LARGE']),
        415: errorResponse('multipart/form-data でない', ['UNSUPPORTED_MEDIA_TYPE']),
        503: errorResponse('ジョブの待ち行列に接続できない', ['QUEUE_UNAVAILABLE']),
        500: SERVER_FAULT,
      },
    }),
    handlers: ({ store, jobs }) => [
      openWorkspace,
      receiveUpload(ASYNC_BATCH_LIMIT_BYTES),
      async (req: Request, res: Response) => {
        const body = { ...((req.body ?? {}) as Record<string, unknown>) };
        const formId = typeof body.form === 'string' ? body.form.trim() : '';
        delete body.form;
        const definition = loadDefinitions().get(formId);
        if (!definition) throw httpError('FORM_NOT_FOUND', { id: formId.slice(0, 200) });
        const file = req.file;
        if (!file) throw refuse('FILE_MISSING', 'BATCH_FILE_MISSING');
        const options = optionsOf(body, definition);
        const kind = await kindOf(file.path, file.originalname);
        const id = newBatchId();
        const at = new Date().toISOString();
        await store.batches.create({ id, form: definition.id, options, inputName: inputName(file.originalname, kind), today: res.locals.today as string, at }, file.path);
        try {
          await jobs.enqueue(JOB_NAMES.batch, { batchId: id }, { singletonKey: id });
        } catch {
          await store.batches.fail(id, { code: 'QUEUE_UNAVAILABLE', message: jobMessages.queueUnavailable() }, at);
          throw new HttpError('QUEUE_UNAVAILABLE', jobMessages.queueUnavailable());
        }
        const batch = (await store.batches.get(id))!;
        res.status(202).set({ Location: `/api/batches/${id}`, 'Cache-Control': 'no-store' }).json(batchStatus(batch));
      },
    ],
  },
  {
    method: 'get',
    path: '/api/batches/:id',
    operation: {
      operationId: 'getBatch',
      summary: '一括作成の状態と進み具合（処理した行・全体の行・誤りの行）',
      description: '画面 /batches は2秒ごとにこれを読み、完了したら ZIP を示します。',
      tags: ['files'],
      parameters: [ID_PARAMETER],
      responses: { 200: jsonResponse('状態', BATCH_STATUS), 404: NOT_FOUND, 405: errorResponse('GET 以外のメソッド', ['METHOD_NOT_ALLOWED']), 500: SERVER_FAULT },
    },
    handlers: ({ store }) => [
      async (req, res) => {
        res.set('Cache-Control', 'no-store').json(batchStatus(await found(store, req)));
      },
    ],
  },
  {
    method: 'get',
    path: '/api/batches/:id/result.zip',
    operation: {
      operationId: 'getBatchResult',
      summary: '一括作成の結果（yoshiki batch --zip と同じ ZIP：作成したファイル、manifest.json、report.csv、report.xlsx）',
      tags: ['files'],
      parameters: [ID_PARAMETER],
      responses: {
        200: fileResponse('ZIP（ファイル名は「<様式の表題>（一括作成）.zip」、ETag は SHA-256）', 'application/zip', { 'Content-Disposition': CONTENT_DISPOSITION }),
        404: NOT_FOUND,
        405: errorResponse('GET 以外のメソッド', ['METHOD_NOT_ALLOWED']),
        409: errorResponse('まだ終わっていない、又は作成できなかった（理由は GET /api/batches/{id}）', ['BATCH_NOT_DONE', 'BATCH_FAILED']),
        500: SERVER_FAULT,
      },
    },
    handlers: ({ store }) => [
      async (req, res) => {
        const batch = await found(store, req);
        if (batch.state === 'failed') throw new HttpError('BATCH_FAILED', jobMessages.batchFailed(batch.id));
        const parts = batch.state === 'done' ? await store.batches.result(batch.id) : undefined;
        if (!parts || !batch.result) throw new HttpError('BATCH_NOT_DONE', jobMessages.batchNotDone(batch.id, jobMessages.stateLabel[batch.state]));
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
      },
    ],
  },
];

export function batchJobsRouter(deps: BatchJobsDeps): Router {
  return routerOf(BATCH_JOB_ROUTES, deps, { methodNotAllowed: true });
}
