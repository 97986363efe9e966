/**
 * What the e-submission domain refuses, by code, with a Japanese message for the person. The server answers it as
 * `{ error: { status, code, message } }` with the status its table gives the code (server/error-codes.ts); the CLI
 * prints the message.
 */
import { DomainError } from '../domain-error.ts';

export const SUBMISSION_ERROR_CODES = [
  // who is asking
  'UNAUTHENTICATED',
  'INVALID_TOKEN',
  'SESSION_EXPIRED',
  // an invitation (yoshiki invite, /inbox/invitations)
  'INVITATION_EMAIL',
  'INVITATION_OFFICE',
  'INVITATION_MUNICIPALITY',
  'INVITATION_ROLE',
  // a signed-in person bound to no office and no city
  'PERSON_UNBOUND',
  'CITY_ONLY',
  'OFFICE_ONLY',
  // the request
  'UNSUPPORTED_MEDIA_TYPE',
  'DOCUMENTS_PART',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  // what is asked for
  'SUBMISSION_NOT_FOUND',
  'REVISION_NOT_FOUND',
  'DOCUMENT_NOT_FOUND',
  'ATTACHMENT_NOT_FOUND',
  'NOTICE_NOT_FOUND',
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
  'OPEN_FILING_EXISTS',
  // the office's pages: drafts, their attachments, 「前回の届出から作成」 (src/submissions/office-drafts.ts)
  'FORM_NOT_FILEABLE',
  'DRAFT_VERSION',
  'DRAFT_DATA',
  'DRAFT_STALE',
  'DRAFT_NOT_FOUND',
  'ATTACHMENT_SLOT',
  'ATTACHMENT_MISSING',
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_NOT_PDF',
  'NO_PREVIOUS_FILING',
  // the command line only (yoshiki token create, yoshiki purge)
  'TOKEN_ROLE',
  'TOKEN_OFFICE',
  'TOKEN_MUNICIPALITY',
  'RETENTION_PERIOD',
] as const;
export type SubmissionErrorCode = (typeof SUBMISSION_ERROR_CODES)[number];

export class SubmissionError extends DomainError<SubmissionErrorCode> {
  /** `details`: a result the server answers instead of the error JSON (a refused filing's result contract). */
  constructor(code: SubmissionErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.name = 'SubmissionError';
  }
}

export const notFound = (receiptNumber: string) =>
  new SubmissionError('SUBMISSION_NOT_FOUND', `受付番号「${receiptNumber}」の提出はありません。受付番号を確かめてください。`);
