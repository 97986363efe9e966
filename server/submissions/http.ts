/**
 * What the three e-submission routers share: who is asking (a bearer token, or for the city's inbox pages and GET
 * downloads the inbox cookie), the error JSON `{ error: { status, code, message } }` with a Japanese message for every
 * status, and sending a file.
 */
import { parse as parseCookies } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { SubmissionError } from '../../src/submissions/errors.ts';
import { SubmissionService, type ServiceOptions } from '../../src/submissions/submission-service.ts';
import type { Principal } from '../../src/submissions/tokens.ts';
import { principalOfPerson } from '../../src/submissions/people.ts';
import { signinMessages as sm } from '../../src/messages/signin.ts';
import { StaleSubmissionError, type SubmissionStore } from '../../src/store/types.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../../src/submissions/filing-forms.ts';
import type { FileDownload } from '../../src/submissions/downloads.ts';
import { routePattern } from '../logger.ts';
import { HttpError, sendJsonError, toHttpError, worthLogging } from '../errors.ts';
import { uploadFault } from '../routes/upload-faults.ts';
import { httpMessages as h } from './messages.ts';
import { stagedStorage } from './staged-upload.ts';

export interface SubmissionDeps extends ServiceOptions {
  store: SubmissionStore;
  /** Log errors the client cannot cause (pino-compatible); never given filed data. */
  logger?: ServiceOptions['logger'] & { error(obj: object, msg?: string): void };
}

export const INBOX_COOKIE = 'yoshiki_inbox';

export function serviceOf(deps: SubmissionDeps): SubmissionService {
  return new SubmissionService(deps.store, { clock: deps.clock, logger: deps.logger });
}

export function sendError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJsonError(res, status, { error: { status, code, message } }, headers);
}

/**
 * A cookie's value (the `cookie` package, as Express itself uses). A malformed percent-encoding is left as it came (the
 * package never throws on it), so it simply matches no session: never a 500.
 */
export function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  // Own-property read: a cookie named __proto__ or constructor is just an unknown cookie.
  const cookies = parseCookies(header);
  return Object.hasOwn(cookies, name) ? cookies[name] : undefined;
}

/** The inbox cookie's options: the session id lives no longer than the session; Secure whenever the request came over HTTPS. */
export function inboxCookieOptions(req: Request, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

/**
 * The principal of the request, or a 401 (no token / unknown token / no session) that says what to do. A bearer token is
 * the API's way; with `cookie`, a signed-in person's session (the `yoshiki_session` cookie, OpenID Connect; its
 * state-changing requests already passed the CSRF guard in server/signin/session.ts) and the older token-opened inbox
 * cookie are accepted too. A person signed in but bound to no office or city is refused with 403 PERSON_UNBOUND.
 */
export async function principalOf(service: SubmissionService, req: Request, options: { cookie?: boolean } = {}): Promise<Principal> {
  const header = req.get('authorization');
  const bearer = header && /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  const person = !bearer && options.cookie ? req.personSession?.record.person : undefined;
  if (person) {
    const principal = principalOfPerson(person);
    if (!principal) throw new SubmissionError(403, 'PERSON_UNBOUND', sm.unbound);
    return principal;
  }
  if (!bearer && options.cookie) {
    const session = cookieValue(req, INBOX_COOKIE);
    const principal = session ? await service.sessionPrincipal(session) : undefined;
    if (principal) return principal;
    if (session) throw new SubmissionError(401, 'SESSION_EXPIRED', h.sessionExpired());
  }
  if (!bearer) throw new SubmissionError(401, 'UNAUTHENTICATED', h.noToken());
  const principal = await service.authenticate(bearer);
  if (!principal) throw new SubmissionError(401, 'INVALID_TOKEN', h.badToken());
  return principal;
}

export function sendFile(res: Response, file: FileDownload, disposition: 'inline' | 'attachment' = 'attachment'): void {
  res
    .status(200)
    .set({
      'Content-Type': file.contentType,
      'Content-Disposition': `${disposition}; filename="${file.filename}"`,
      // Filed data is personal: no shared cache may keep it.
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      ...(file.draft ? { 'X-Yoshiki-Draft': 'true' } : {}),
    })
    .send(Buffer.from(file.bytes));
}

/** Largest `documents` part of a multipart filing. */
const DOCUMENTS_PART_BYTES = 2 * 1024 * 1024;

/**
 * multer for filings: attachments streamed to the request's temporary folder, hashed on the way (staged-upload.ts; at
 * most 10 MB each, 20 files), the `documents` JSON as a text field.
 */
export const filingUpload = multer({
  storage: stagedStorage,
  limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS, fieldSize: DOCUMENTS_PART_BYTES, fields: 5, parts: MAX_ATTACHMENTS + 5 },
  defParamCharset: 'utf8',
}).fields([{ name: 'attachments', maxCount: MAX_ATTACHMENTS }]);

/** The error handler of the e-submission routers: never a stack trace, never a 500 for what a client can send. */
export function submissionErrors(deps: SubmissionDeps) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    if (err instanceof SubmissionError) {
      const headers: Record<string, string> = err.status === 401 ? { 'WWW-Authenticate': `Bearer realm="yoshiki"${err.code === 'INVALID_TOKEN' ? ', error="invalid_token"' : ''}` } : {};
      if (err.body !== undefined) sendJsonError(res, err.status, err.body, headers);
      else sendError(res, err.status, err.code, err.message, headers);
      return;
    }
    if (err instanceof StaleSubmissionError) return sendError(res, 409, 'STALE', h.stale(err.message));
    // Multipart faults (multer's limits, busboy's broken bodies) in the filing's own words; one classifier for every upload.
    const fault = uploadFault(err);
    if (fault) {
      const mb = MAX_ATTACHMENT_BYTES / 1024 / 1024;
      if (fault.kind === 'too-large' && fault.part === 'file') return sendError(res, 413, 'ATTACHMENT_TOO_LARGE', h.fileTooLarge(mb));
      if (fault.kind === 'too-large' && fault.part === 'field') return sendError(res, 413, 'PAYLOAD_TOO_LARGE', h.documentsTooLarge(DOCUMENTS_PART_BYTES / 1024 / 1024));
      if (fault.kind === 'too-large') return sendError(res, 413, 'PAYLOAD_TOO_LARGE', h.bodyTooLarge());
      if (fault.kind === 'too-many-files') return sendError(res, 413, 'TOO_MANY_ATTACHMENTS', h.tooManyFiles(MAX_ATTACHMENTS));
      if (fault.kind === 'unexpected-file') return sendError(res, 400, 'UNEXPECTED_FILE', h.unexpectedFile(fault.field));
      return sendError(res, 400, 'MULTIPART', h.multipart());
    }
    if ((err as { type?: unknown } | null)?.type === 'entity.parse.failed') return sendError(res, 400, 'INVALID_JSON', h.badJson());
    // Everything else a client can cause (a broken %-encoding, a body nested too deep, a bad charset …): the app's mapper.
    const mapped = toHttpError(err);
    if (worthLogging(err, mapped))
      deps.logger?.error({ err: err instanceof Error ? { name: err.name, message: err.message } : String(err), route: routePattern(req) }, 'submission request failed');
    if (mapped.status < 500) return sendJsonError(res, mapped.status, mapped.toBody(), mapped.headers);
    sendError(res, 500, 'INTERNAL', h.internal());
  };
}
