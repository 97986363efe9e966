/**
 * Every `code` an error answer `{ error: { status, code, message } }` of this server can carry, and the HTTP status of
 * each — the one table from code to status. Domain errors carry a code and a message only (src/domain-error.ts); the
 * server's one error handler (server/errors.ts) looks the status up here. Each domain's union of codes must be covered
 * (the table is typed as a Record over them, so a code without a status does not compile), and the OpenAPI document's
 * ErrorResponse lists the table's keys, so a client can switch on the code.
 */
import { z } from 'zod';
import type { ImportErrorCode } from '../src/import/errors.ts';
import type { ServerMessageCode } from '../src/messages/http.ts';
import type { SubmissionErrorCode } from '../src/submissions/errors.ts';

/** The server's own codes: what any route can answer about the request itself (messages in src/messages/http.ts). */
export const SERVER_ERROR_CODES = [
  'FORM_NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'INVALID_JSON',
  'BODY_NOT_OBJECT',
  'BODY_TOO_DEEP',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNSUPPORTED_CHARSET',
  'UNSUPPORTED_ENCODING',
  'PAYLOAD_TOO_LARGE',
  'INVALID_TODAY',
  'MALFORMED_PERCENT_ENCODING',
  'BAD_REQUEST',
  'CLIENT_ERROR',
  'SERVER_BUSY',
  'INTERNAL_ERROR',
] as const satisfies readonly ServerMessageCode[];
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/** What the upload routes answer besides the server's codes: a missing file, a bad option, a busy batch, an attachment. */
export type UploadErrorCode =
  | 'FILE_MISSING'
  | 'INVALID_OPTION'
  | 'UNREADABLE_FILE'
  | 'MULTIPART'
  | 'UNEXPECTED_FILE'
  | 'ATTACHMENT_TOO_LARGE'
  | 'TOO_MANY_ATTACHMENTS';

/** A decision on a submission made on a state that changed meanwhile (the store's StaleSubmissionError). */
type StoreErrorCode = 'STALE';

/** The e-submission routers' own: the public registry of a city that has none. */
type RegistryErrorCode = 'REGISTRY_NOT_FOUND';

/** A state-changing request on a signed-in person's session without its CSRF token (server/signin/session.ts). */
type SigninErrorCode = 'CSRF';

/** The asynchronous batch API (server/routes/batch-jobs.ts) and readiness (server/operations-routes.ts). */
/** A document too large for a render thread's memory (src/render/pool.ts RenderTooLargeError). */
type RenderErrorCode = 'DOCUMENT_TOO_LARGE';

export type JobErrorCode = 'BATCH_NOT_FOUND' | 'BATCH_NOT_DONE' | 'BATCH_FAILED' | 'QUEUE_UNAVAILABLE' | 'NOT_READY';

export type ApiErrorCode = ServerErrorCode | UploadErrorCode | ImportErrorCode | SubmissionErrorCode | StoreErrorCode | RegistryErrorCode | SigninErrorCode | JobErrorCode | RenderErrorCode;

/** The one table: each code's HTTP status. CLIENT_ERROR stands for any other 4xx a parser gives (its own status is kept). */
export const ERROR_STATUS = {
  // the request
  BAD_REQUEST: 400,
  CLIENT_ERROR: 400,
  INVALID_JSON: 400,
  BODY_NOT_OBJECT: 400,
  BODY_TOO_DEEP: 400,
  INVALID_TODAY: 400,
  MALFORMED_PERCENT_ENCODING: 400,
  MULTIPART: 400,
  UNEXPECTED_FILE: 400,
  FILE_MISSING: 400,
  INVALID_OPTION: 400,
  DOCUMENTS_PART: 400,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  IDEMPOTENCY_KEY_INVALID: 400,
  // A status outside received/reviewing/accepted/returned, in the list's query or in a decision's body.
  STATUS_UNKNOWN: 400,
  TOKEN_ROLE: 400,
  TOKEN_OFFICE: 400,
  INVITATION_EMAIL: 400,
  INVITATION_OFFICE: 400,
  INVITATION_MUNICIPALITY: 400,
  INVITATION_ROLE: 400,
  DRAFT_VERSION: 400,
  DRAFT_DATA: 400,
  ATTACHMENT_MISSING: 400,
  TOKEN_MUNICIPALITY: 400,
  RETENTION_PERIOD: 400,
  // who is asking
  UNAUTHENTICATED: 401,
  INVALID_TOKEN: 401,
  SESSION_EXPIRED: 401,
  CITY_ONLY: 403,
  OFFICE_ONLY: 403,
  PERSON_UNBOUND: 403,
  CSRF: 403,
  // what is asked for
  FORM_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  SUBMISSION_NOT_FOUND: 404,
  REVISION_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  NOTICE_NOT_FOUND: 404,
  REGISTRY_NOT_FOUND: 404,
  FORM_NOT_FILEABLE: 404,
  DRAFT_NOT_FOUND: 404,
  ATTACHMENT_SLOT: 404,
  NO_PREVIOUS_FILING: 404,
  BATCH_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  // the state of a submission
  STALE: 409,
  STATUS_TRANSITION: 409,
  NOT_RETURNED: 409,
  ALREADY_REGISTERED: 409,
  NOT_REGISTERED: 409,
  OFFICE_NUMBER_TAKEN: 409,
  OPEN_FILING_EXISTS: 409,
  DRAFT_STALE: 409,
  BATCH_NOT_DONE: 409,
  BATCH_FAILED: 409,
  // the size and kind of the body
  PAYLOAD_TOO_LARGE: 413,
  DOCUMENT_TOO_LARGE: 413,
  ATTACHMENT_TOO_LARGE: 413,
  TOO_MANY_ATTACHMENTS: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_CHARSET: 415,
  UNSUPPORTED_ENCODING: 415,
  // well-formed, but not a document or a decision that can be accepted
  UNREADABLE_FILE: 422,
  NOT_FILLABLE: 422,
  WRONG_FORM: 422,
  SUBMISSION_INVALID: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  REASON_REQUIRED: 422,
  REASON_TOO_LONG: 422,
  DATE_REQUIRED: 422,
  DATE_NOT_USED: 422,
  NOTICE_NOT_DERIVED: 422,
  NOTICE_INVALID: 422,
  OFFICE_NUMBER_NOT_OWN: 422,
  REVISION_FORM: 422,
  ATTACHMENT_NOT_PDF: 422,
  // the server
  INTERNAL_ERROR: 500,
  SERVER_BUSY: 503,
  QUEUE_UNAVAILABLE: 503,
  NOT_READY: 503,
} as const satisfies Record<ApiErrorCode, number>;

/** The HTTP status of a code. */
export const statusOf = (code: ApiErrorCode): number => ERROR_STATUS[code];

/** Whether a domain's code is one the table knows (a DomainError of another code is a server fault, answered 500). */
export const isApiErrorCode = (code: string): code is ApiErrorCode => Object.hasOwn(ERROR_STATUS, code);

export const API_ERROR_CODES = Object.keys(ERROR_STATUS) as [ApiErrorCode, ...ApiErrorCode[]];

/** The body of every non-2xx answer except a 422 whose body is a result (validation, a refused filing). */
export const apiErrorBodySchema = z
  .object({
    error: z
      .object({
        status: z.number().int().min(400).max(599),
        code: z.enum(API_ERROR_CODES),
        message: z.string().describe('日本語の説明（何をすればよいか）'),
        // The one fact a refusal adds to the error object (src/domain-error.ts ErrorFields): a stale draft's latest version.
        version: z.number().int().min(0).optional().describe('DRAFT_STALE のとき：保存されている最新の版（読み込み直す版）'),
      })
      .strict(),
  })
  .strict();
export type ErrorBody = z.infer<typeof apiErrorBodySchema>;
