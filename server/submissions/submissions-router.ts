/**
 * /api/submissions — filing (office), review (city), downloads, each route declared with its OpenAPI operation
 * (SUBMISSION_ROUTES; server/documented-route.ts). Mount with `app.use(submissionsRouter(deps))`; the paths are absolute. Filing takes `application/json` `{ "documents": [{ "form", "data" }] }` or `multipart/form-data` with a
 * `documents` field (that JSON array) and `attachments` files (PDF, 10 MB each), plus an `Idempotency-Key` header.
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { attachmentFile, documentFile, noticePdf, receiptPdf, type FileDownload } from '../../src/submissions/downloads.ts';
import { SubmissionError } from '../../src/submissions/errors.ts';
import type { FilingRequest } from '../../src/submissions/submission-service.ts';
import { filingUpload, principalOf, sendFile, serviceOf, type SubmissionDeps } from './http.ts';
import type { Principal } from '../../src/submissions/tokens.ts';
import type { SubmissionService } from '../../src/submissions/submission-service.ts';
import { MAX_JSON_DEPTH } from '../errors.ts';
import { httpError } from '../http-error.ts';
import { errorResponse, fileResponse, header, jsonResponse, ref, routerOf, SERVER_FAULT, type DocumentedRoute, type Json } from '../documented-route.ts';
import type { ApiErrorCode } from '../error-codes.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../../src/submissions/filing-forms.ts';
import { RECEIPT_NUMBER } from '../../src/store/receipt-number.ts';
import { jsonBody, jsonNestsDeeperThan } from '../json-body.ts';
import { httpMessages as h } from '../../src/messages/submission-http.ts';
import { stagedAttachments } from './staged-upload.ts';

const revisionOf = (req: Request) => (typeof req.query.revision === 'string' ? req.query.revision : undefined);
const param = (req: Request, name: string) => String(req.params[name]);

/** The filing in the request, whichever way it was sent. */
function filingOf(req: Request): FilingRequest {
  const idempotencyKey = req.get('idempotency-key');
  if (req.is('multipart/form-data')) {
    let documents: unknown;
    const text = String(req.body?.documents ?? '');
    // The same bound as a JSON body (json-body.ts): what reads the filing afterwards recurses.
    if (jsonNestsDeeperThan(text)) throw httpError('BODY_TOO_DEEP', { limit: MAX_JSON_DEPTH });
    try {
      documents = JSON.parse(text);
    } catch {
      throw new SubmissionError('DOCUMENTS_PART', h.documentsPart());
    }
    const files = (req.files as Record<string, Express.Multer.File[]> | undefined)?.attachments ?? [];
    return { documents, idempotencyKey, attachments: stagedAttachments(files) };
  }
  if (req.is('application/json')) return { documents: (req.body as { documents?: unknown } | undefined)?.documents, idempotencyKey, attachments: [] };
  throw new SubmissionError('UNSUPPORTED_MEDIA_TYPE', h.unsupportedType());
}

/** Multipart parsing only for multipart requests; JSON bodies are parsed here too when the app has not done it. */
const filingBody = [jsonBody(), (req: Request, res: Response, next: NextFunction) => (req.is('multipart/form-data') ? filingUpload(req, res, next) : next())];

/** Authenticates before any body is read, so nobody uploads 10 MB files without a token. */
function authenticated(service: SubmissionService, options: { cookie?: boolean } = {}) {
  return async (req: Request, res: Response, next: NextFunction) => {
    res.locals.principal = await principalOf(service, req, options);
    next();
  };
}
const who = (res: Response) => res.locals.principal as Principal;

/* ---- what the operations share ---- */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Security requirements: either scheme listed is enough. */
const BEARER = [{ bearerAuth: [] }];
const BEARER_OR_COOKIE = [{ bearerAuth: [] }, { sessionCookie: [] }, { inboxCookie: [] }];

const receiptNumber: Json = { name: 'no', in: 'path', required: true, description: '受付番号', schema: { type: 'string', pattern: RECEIPT_NUMBER.source } };
const revision: Json = { name: 'revision', in: 'query', required: false, description: '版（省略時は最新の版）', schema: { type: 'string', pattern: '^[1-9][0-9]*$' } };
const idempotencyKey: Json = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: '提出ごとに新しい一意の値（1〜200 文字、空白を除く ASCII）。同じ値で同じ内容を再送すると、二重に受け付けず同じ受付票を返します。',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
};

const UNAUTHENTICATED: Json = {
  ...errorResponse('トークンがない、又は正しくない（受付一覧のクッキーなら、サインインの期限切れ）', ['UNAUTHENTICATED', 'INVALID_TOKEN', 'SESSION_EXPIRED']),
  headers: { 'WWW-Authenticate': header('Bearer realm="yoshiki"') },
};
const FAULT = SERVER_FAULT;
const NOT_FOUND = errorResponse('提出がない、又はこのトークンからは見えない（他の事業所・他市の提出）', ['SUBMISSION_NOT_FOUND', 'REVISION_NOT_FOUND']);
const FILE_HEADERS = {
  'Content-Disposition': header('inline 又は attachment; filename="<受付番号などの ASCII の名前>"'),
  'X-Yoshiki-Draft': header('true：保存されたデータが今日の規則では誤りになるため「下書き」入りで作成した', { type: 'string', enum: ['true'] }),
};

/** The filing body, JSON or multipart (the documents as a JSON text part, the PDFs as files). */
const FILING_BODY: Json = {
  required: true,
  content: {
    'application/json': { schema: ref('FilingRequest') },
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['documents'],
        properties: {
          documents: { type: 'string', contentMediaType: 'application/json', description: '提出する書類の一覧（JSON の配列 [{ "form": "…", "data": { … } }]）' },
          attachments: {
            type: 'array',
            maxItems: MAX_ATTACHMENTS,
            items: { type: 'string', contentMediaType: 'application/pdf' },
            description: `添付ファイル（PDF、1件 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB まで、${MAX_ATTACHMENTS}件まで）`,
          },
        },
      },
    },
  },
};

function filingResponses(created: string, extra: Record<string, Json> = {}): Json {
  return {
    201: jsonResponse(created, ref('Receipt'), { Location: header('提出の URL（/api/submissions/<受付番号>）') }),
    200: jsonResponse('同じ Idempotency-Key・同じ内容の再送：前と同じ受付票', ref('Receipt'), { 'Idempotent-Replayed': header('true', { type: 'string', enum: ['true'] }) }),
    400: errorResponse('本文・Idempotency-Key・multipart の形の誤り', ['INVALID_JSON', 'IDEMPOTENCY_KEY_REQUIRED', 'IDEMPOTENCY_KEY_INVALID', 'DOCUMENTS_PART', 'MULTIPART', 'UNEXPECTED_FILE', 'BAD_REQUEST', 'BODY_TOO_DEEP', 'MALFORMED_PERCENT_ENCODING']),
    401: UNAUTHENTICATED,
    403: errorResponse('事業所のトークンでない', ['OFFICE_ONLY']),
    ...extra,
    413: errorResponse('本文又は添付ファイルが大きすぎる、添付ファイルが多すぎる', ['PAYLOAD_TOO_LARGE', 'ATTACHMENT_TOO_LARGE', 'TOO_MANY_ATTACHMENTS']),
    415: errorResponse('application/json でも multipart/form-data でもない', ['UNSUPPORTED_MEDIA_TYPE']),
    422: {
      description: '書類に誤りがあるため受け付けなかった（検証結果 FilingResult）、又は Idempotency-Key が別の内容に使われている（IDEMPOTENCY_KEY_REUSED）',
      content: { 'application/json': { schema: { oneOf: [ref('FilingResult'), ref('ErrorResponse')] } } },
    },
    500: FAULT,
  };
}

/** What the handlers are made with: the service and the two ways of knowing who asks. */
interface SubmissionRoutes {
  service: SubmissionService;
  bearer: RequestHandler;
  bearerOrCookie: RequestHandler;
}

/** A download of a stored file: GET, bearer or cookie, 404 for what the token cannot see. */
const download = (
  operation: { operationId: string; summary: string; path: string; media: Record<string, Json>; parameters: Json[]; notFound: ApiErrorCode[] },
  file: (service: SubmissionService, principal: Principal, req: Request) => Promise<FileDownload>,
  disposition: 'inline' | 'attachment' = 'attachment',
): DocumentedRoute<SubmissionRoutes> => ({
  method: 'get',
  path: operation.path,
  operation: {
    operationId: operation.operationId,
    summary: operation.summary,
    tags: ['submissions'],
    security: BEARER_OR_COOKIE,
    parameters: operation.parameters,
    responses: {
      200: { description: operation.summary, headers: FILE_HEADERS, content: operation.media },
      401: UNAUTHENTICATED,
      404: errorResponse('提出・版・ファイルがない、又はこのトークンからは見えない', operation.notFound),
      500: FAULT,
    },
  },
  handlers: ({ service, bearerOrCookie }) => [bearerOrCookie, async (req, res) => sendFile(res, await file(service, who(res), req), disposition)],
});

export const SUBMISSION_ROUTES: DocumentedRoute<SubmissionRoutes>[] = [
  {
    method: 'post',
    path: '/api/submissions',
    operation: {
      operationId: 'fileSubmission',
      summary: '書類を提出する（事業所）',
      description: '全規則（書類をまたぐ KK-BUNDLE、保存済みの提出との TK-MONTHLY・RM-MONTHLY を含む）で検証し、誤りがなければ受付番号を付けて受け付けます。',
      tags: ['submissions'],
      security: BEARER,
      parameters: [idempotencyKey],
      requestBody: FILING_BODY,
      responses: filingResponses('受け付けた：受付票'),
    },
    handlers: ({ service, bearer }) => [
      bearer,
      ...filingBody,
      async (req, res) => {
        const { created, receipt } = await service.file(who(res), filingOf(req));
        res.status(created ? 201 : 200).set(created ? { Location: receipt.links.submission } : { 'Idempotent-Replayed': 'true' }).json(receipt);
      },
    ],
  },
  {
    method: 'get',
    path: '/api/submissions',
    operation: {
      operationId: 'listSubmissions',
      summary: '提出の一覧（事業所は自分の提出、市は自市あての提出）',
      tags: ['submissions'],
      security: BEARER_OR_COOKIE,
      parameters: [{ name: 'status', in: 'query', required: false, description: '状態で絞り込む', schema: { type: 'string', enum: ['received', 'reviewing', 'accepted', 'returned'] } }],
      responses: {
        200: jsonResponse('提出の一覧', ref('SubmissionList')),
        400: errorResponse('知らない状態', ['STATUS_UNKNOWN', 'MALFORMED_PERCENT_ENCODING']),
        401: UNAUTHENTICATED,
        500: FAULT,
      },
    },
    handlers: ({ service, bearerOrCookie }) => [
      bearerOrCookie,
      async (req, res) => {
        const status = typeof req.query.status === 'string' ? req.query.status : undefined;
        res.set('Cache-Control', 'private, no-store').json({ submissions: await service.list(who(res), status) });
      },
    ],
  },
  {
    method: 'get',
    path: '/api/submissions/:no',
    operation: {
      operationId: 'getSubmission',
      summary: '提出の詳細（書類のデータ、添付ファイル、経過、通知書）',
      tags: ['submissions'],
      security: BEARER_OR_COOKIE,
      parameters: [receiptNumber, revision],
      responses: { 200: jsonResponse('提出の詳細', ref('SubmissionDetail')), 401: UNAUTHENTICATED, 404: NOT_FOUND, 500: FAULT },
    },
    handlers: ({ service, bearerOrCookie }) => [
      bearerOrCookie,
      async (req, res) => {
        res.set('Cache-Control', 'private, no-store').json(await service.detail(who(res), param(req, 'no'), revisionOf(req)));
      },
    ],
  },
  {
    method: 'get',
    path: '/api/submissions/:no/receipt',
    operation: {
      operationId: 'getReceipt',
      summary: '受付票（JSON）',
      tags: ['submissions'],
      security: BEARER_OR_COOKIE,
      parameters: [receiptNumber, revision],
      responses: { 200: jsonResponse('受付票', ref('Receipt')), 401: UNAUTHENTICATED, 404: NOT_FOUND, 500: FAULT },
    },
    handlers: ({ service, bearerOrCookie }) => [
      bearerOrCookie,
      async (req, res) => {
        res.set('Cache-Control', 'private, no-store').json(await service.receipt(who(res), param(req, 'no'), revisionOf(req)));
      },
    ],
  },
  download(
    {
      operationId: 'getReceiptPdf',
      summary: '受付票（PDF）',
      path: '/api/submissions/:no/receipt.pdf',
      media: { 'application/pdf': {} },
      parameters: [receiptNumber, revision],
      notFound: ['SUBMISSION_NOT_FOUND', 'REVISION_NOT_FOUND'],
    },
    (service, principal, req) => receiptPdf(service, principal, param(req, 'no'), revisionOf(req)),
    'inline',
  ),
  download(
    {
      operationId: 'getSubmittedDocument',
      summary: '提出された書類の PDF 又は Excel（保存されたデータから作成）',
      path: '/api/submissions/:no/documents/:file',
      media: { 'application/pdf': {}, [XLSX]: {} },
      parameters: [receiptNumber, { name: 'file', in: 'path', required: true, description: '書類の番号（0 から）と形式：0.pdf、0.xlsx …', schema: { type: 'string', pattern: '^\\d{1,2}\\.(pdf|xlsx)$' } }, revision],
      notFound: ['SUBMISSION_NOT_FOUND', 'REVISION_NOT_FOUND', 'DOCUMENT_NOT_FOUND'],
    },
    (service, principal, req) => documentFile(service, principal, param(req, 'no'), param(req, 'file'), revisionOf(req)),
  ),
  download(
    {
      operationId: 'getAttachment',
      summary: '添付ファイル（提出されたとおりのバイト列）',
      path: '/api/submissions/:no/attachments/:index',
      media: { 'application/pdf': {} },
      parameters: [receiptNumber, { name: 'index', in: 'path', required: true, description: '添付ファイルの番号（0 から）', schema: { type: 'string', pattern: '^\\d{1,2}$' } }, revision],
      notFound: ['SUBMISSION_NOT_FOUND', 'REVISION_NOT_FOUND', 'ATTACHMENT_NOT_FOUND'],
    },
    (service, principal, req) => attachmentFile(service, principal, param(req, 'no'), param(req, 'index'), revisionOf(req)),
  ),
  download(
    {
      operationId: 'getNoticePdf',
      summary: '通知書（登録通知書・変更登録通知書・廃止通知書、受理で作成）',
      path: '/api/submissions/:no/notice.pdf',
      media: { 'application/pdf': {} },
      parameters: [receiptNumber],
      notFound: ['SUBMISSION_NOT_FOUND', 'NOTICE_NOT_FOUND'],
    },
    (service, principal, req) => noticePdf(service, principal, param(req, 'no')),
    'inline',
  ),
  {
    method: 'post',
    path: '/api/submissions/:no/status',
    operation: {
      operationId: 'changeSubmissionStatus',
      summary: '審査を始める・受理する・差し戻す（市）',
      description: '受理すると届出から通知書を作成し、一覧表の行を追加・変更・削除します。差戻しの理由は事業所に表示されます。',
      tags: ['submissions'],
      security: BEARER,
      parameters: [receiptNumber],
      requestBody: { required: true, content: { 'application/json': { schema: ref('StatusRequest') } } },
      responses: {
        200: jsonResponse('変更後の状態（受理なら通知書）', ref('StatusChange')),
        400: errorResponse('本文を JSON として読めない、知らない状態', ['INVALID_JSON', 'BAD_REQUEST', 'BODY_TOO_DEEP', 'STATUS_UNKNOWN']),
        401: UNAUTHENTICATED,
        403: errorResponse('市のトークンでない', ['CITY_ONLY']),
        404: NOT_FOUND,
        409: errorResponse('今の状態からは変えられない、同時に変更された、一覧表と合わない（変更後の事業所番号が別の事業所のもの）', [
          'STATUS_TRANSITION',
          'STALE',
          'ALREADY_REGISTERED',
          'NOT_REGISTERED',
          'OFFICE_NUMBER_TAKEN',
        ]),
        413: errorResponse('本文が大きすぎる', ['PAYLOAD_TOO_LARGE']),
        422: errorResponse('理由・日付の誤り、又は通知書を作れない', [
          'REASON_REQUIRED',
          'REASON_TOO_LONG',
          'DATE_REQUIRED',
          'DATE_NOT_USED',
          'NOTICE_NOT_DERIVED',
          'NOTICE_INVALID',
          'OFFICE_NUMBER_NOT_OWN',
        ]),
        500: FAULT,
      },
    },
    handlers: ({ service, bearer }) => [
      bearer,
      jsonBody('100kb'),
      async (req, res) => {
        res.json(await service.changeStatus(who(res), param(req, 'no'), (req.body ?? {}) as Record<string, unknown>));
      },
    ],
  },
  {
    method: 'post',
    path: '/api/submissions/:no/revisions',
    operation: {
      operationId: 'resubmit',
      summary: '差し戻された提出を出し直す（事業所、同じ受付番号の次の版）',
      tags: ['submissions'],
      security: BEARER,
      parameters: [receiptNumber, idempotencyKey],
      requestBody: FILING_BODY,
      responses: filingResponses('受け付けた：次の版の受付票', {
        404: NOT_FOUND,
        409: errorResponse('差戻しの状態でない、又は同時に変更された', ['NOT_RETURNED', 'STALE']),
      }),
    },
    handlers: ({ service, bearer }) => [
      bearer,
      ...filingBody,
      async (req, res) => {
        const { created, receipt } = await service.resubmit(who(res), param(req, 'no'), filingOf(req));
        res.status(created ? 201 : 200).set(created ? {} : { 'Idempotent-Replayed': 'true' }).json(receipt);
      },
    ],
  },
];

export function submissionsRouter(deps: SubmissionDeps): Router {
  const service = serviceOf(deps);
  // GET downloads also accept the city inbox's cookie, so links on the inbox pages open directly.
  return routerOf(SUBMISSION_ROUTES, { service, bearer: authenticated(service), bearerOrCookie: authenticated(service, { cookie: true }) });
}
