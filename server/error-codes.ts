/**
 * Every `code` an error answer `{ error: { status, code, message } }` of this server can carry, whichever router gives it:
 * the API's own (server/errors.ts), the fillable import's, the batch upload's, and the e-submission domain's. The OpenAPI
 * document's ErrorResponse lists them all, so a client can switch on the code. The import and batch lists are checked
 * against their TypeScript unions below; the e-submission codes are plain strings in src/submissions, so
 * test/server/openapi.test.ts reads the sources and fails on a code missing here.
 */
import { z } from 'zod';
import type { ImportErrorCode } from '../src/import/messages.ts';
import { ERROR_CODES } from './errors.ts';
import type { BatchErrorCode } from './routes/batch.ts';

/** Fails to compile when `List` leaves out a member of `Union`. */
type Covers<Union extends string, List extends readonly string[]> = [Exclude<Union, List[number]>] extends [never] ? true : false;

export const IMPORT_ERROR_CODES = ['UNSUPPORTED_MEDIA_TYPE', 'UNREADABLE_FILE', 'NOT_FILLABLE', 'WRONG_FORM', 'PAYLOAD_TOO_LARGE'] as const satisfies readonly ImportErrorCode[];
/** What the fillable router's upload step answers (server/routes/fillable.ts, UploadError). */
export const UPLOAD_ERROR_CODES = ['FILE_MISSING', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE'] as const;
export const BATCH_ERROR_CODES = [
  'FILE_MISSING',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INVALID_OPTION',
  'UNREADABLE_FILE',
  'SERVER_BUSY',
] as const satisfies readonly BatchErrorCode[];
const importCovered: Covers<ImportErrorCode, typeof IMPORT_ERROR_CODES> = true;
const batchCovered: Covers<BatchErrorCode, typeof BATCH_ERROR_CODES> = true;
void importCovered;
void batchCovered;

/** The e-submission routers (server/submissions/http.ts, registry-router.ts) and the domain's SubmissionError codes. */
export const SUBMISSION_ERROR_CODES = [
  // who is asking
  'UNAUTHENTICATED',
  'INVALID_TOKEN',
  'SESSION_EXPIRED',
  'CSRF',
  'PERSON_UNBOUND',
  'CITY_ONLY',
  'OFFICE_ONLY',
  // the request
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'BAD_REQUEST',
  'UNSUPPORTED_MEDIA_TYPE',
  'MULTIPART',
  'DOCUMENTS_PART',
  'UNEXPECTED_FILE',
  'ATTACHMENT_TOO_LARGE',
  'TOO_MANY_ATTACHMENTS',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  // what is asked for
  'SUBMISSION_NOT_FOUND',
  'REVISION_NOT_FOUND',
  'DOCUMENT_NOT_FOUND',
  'ATTACHMENT_NOT_FOUND',
  'NOTICE_NOT_FOUND',
  'REGISTRY_NOT_FOUND',
  // the filing and the review
  'SUBMISSION_INVALID',
  'STATUS_UNKNOWN',
  'STATUS_TRANSITION',
  'NOT_RETURNED',
  'REASON_REQUIRED',
  'REASON_TOO_LONG',
  'DATE_REQUIRED',
  'DATE_NOT_USED',
  'NOTICE_NOT_DERIVED',
  'NOTICE_INVALID',
  'ALREADY_REGISTERED',
  'NOT_REGISTERED',
  'OFFICE_NUMBER_TAKEN',
  'OFFICE_NUMBER_NOT_OWN',
  'REVISION_FORM',
  'STALE',
  // the command line only (yoshiki token create, yoshiki purge), listed because they are SubmissionError codes too
  'TOKEN_ROLE',
  'TOKEN_OFFICE',
  'TOKEN_MUNICIPALITY',
  'RETENTION_PERIOD',
  // a fault of the server, from the e-submission routers
  'INTERNAL',
] as const;

export const API_ERROR_CODES = [
  ...new Set([...ERROR_CODES, ...UPLOAD_ERROR_CODES, ...IMPORT_ERROR_CODES, ...BATCH_ERROR_CODES, ...SUBMISSION_ERROR_CODES]),
] as [string, ...string[]];

/** The error body as documented: the same shape as errorBodySchema (server/errors.ts), with every router's codes. */
export const apiErrorBodySchema = z
  .object({
    error: z
      .object({
        status: z.number().int().min(400).max(599),
        code: z.enum(API_ERROR_CODES),
        message: z.string().describe('日本語の説明（何をすればよいか）'),
      })
      .strict(),
  })
  .strict();
