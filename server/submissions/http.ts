/**
 * What the three e-submission routers share: who is asking (a bearer token, or for the city's inbox pages and GET
 * downloads the inbox cookie), reading a multipart filing (its faults in the filing's own words), and sending a file.
 * Their errors are answered by the app's one error handler (server/errors.ts).
 */
import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';
import multer from 'multer';
import { SubmissionError } from '../../src/submissions/errors.ts';
import { SubmissionService, type ServiceOptions } from '../../src/submissions/submission-service.ts';
import type { Principal } from '../../src/submissions/tokens.ts';
import { principalOfPerson } from '../../src/submissions/people.ts';
import { signinMessages as sm } from '../../src/messages/signin.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../../src/submissions/filing-forms.ts';
import type { FileDownload } from '../../src/submissions/downloads.ts';
import { receiveUpload, type UploadWording } from '../routes/upload-faults.ts';
import { httpMessages as h } from '../../src/messages/submission-http.ts';
import { stagedStorage } from './staged-upload.ts';

export interface SubmissionDeps extends ServiceOptions {
  store: SubmissionStore;
  /** Log errors the client cannot cause (pino-compatible); never given filed data. */
  logger?: ServiceOptions['logger'] & { error(obj: object, msg?: string): void };
}

export const INBOX_COOKIE = 'yoshiki_inbox';

export function serviceOf(deps: SubmissionDeps): SubmissionService {
  return new SubmissionService(deps.store, { clock: deps.clock, logger: deps.logger, mailer: deps.mailer, publicUrl: deps.publicUrl, onNoticeIssued: deps.onNoticeIssued, enqueueMail: deps.enqueueMail });
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
    if (!principal) throw new SubmissionError('PERSON_UNBOUND', sm.unbound);
    return principal;
  }
  if (!bearer && options.cookie) {
    const session = cookieValue(req, INBOX_COOKIE);
    const principal = session ? await service.sessionPrincipal(session) : undefined;
    if (principal) return principal;
    if (session) throw new SubmissionError('SESSION_EXPIRED', h.sessionExpired());
  }
  if (!bearer) throw new SubmissionError('UNAUTHENTICATED', h.noToken());
  const principal = await service.authenticate(bearer);
  if (!principal) throw new SubmissionError('INVALID_TOKEN', h.badToken());
  return principal;
}

/** How principalOf knows who asks, for the OpenAPI document (each operation's `security` names one). */
export const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description: 'yoshiki token create で作成したトークン（事業所 --role office、市 --role city）。サーバーには SHA-256 だけを保存します。',
  },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'yoshiki_session',
    description:
      'OpenID Connect でサインインした人のクッキー（サーバー側セッションの ID）。GET の提出 API とページで使えます。状態を変える送信には、そのセッションの CSRF トークン（フォームの _csrf 又はヘッダー x-csrf-token）が必要です。',
  },
  inboxCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'yoshiki_inbox',
    description: '市の受付一覧（/inbox）にサインインしたときのクッキー（サーバー側セッションの ID。トークンそのものではありません）。GET の提出 API と受付一覧のページで使えます。',
  },
} as const;

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

/** A broken or oversized multipart filing, in the filing's own words (one classifier for every upload route). */
export const filingUploadWording: UploadWording = (fault) => {
  if (fault.kind === 'too-large' && fault.part === 'file') return { code: 'ATTACHMENT_TOO_LARGE', message: h.fileTooLarge(MAX_ATTACHMENT_BYTES / 1024 / 1024) };
  if (fault.kind === 'too-large' && fault.part === 'field') return { code: 'PAYLOAD_TOO_LARGE', message: h.documentsTooLarge(DOCUMENTS_PART_BYTES / 1024 / 1024) };
  if (fault.kind === 'too-large') return { code: 'PAYLOAD_TOO_LARGE', message: h.bodyTooLarge() };
  if (fault.kind === 'too-many-files') return { code: 'TOO_MANY_ATTACHMENTS', message: h.tooManyFiles(MAX_ATTACHMENTS) };
  if (fault.kind === 'unexpected-file') return { code: 'UNEXPECTED_FILE', message: h.unexpectedFile(fault.field) };
  return { code: 'MULTIPART', message: h.multipart() };
};

/**
 * multer for filings: attachments streamed to the request's temporary folder, hashed on the way (staged-upload.ts; at
 * most 10 MB each, 20 files), the `documents` JSON as a text field.
 */
export const filingUpload = receiveUpload(
  multer({
    storage: stagedStorage,
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS, fieldSize: DOCUMENTS_PART_BYTES, fields: 5, parts: MAX_ATTACHMENTS + 5 },
    defParamCharset: 'utf8',
  }).fields([{ name: 'attachments', maxCount: MAX_ATTACHMENTS }]),
  filingUploadWording,
);
