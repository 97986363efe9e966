/**
 * The person session on every request: `personSessions()` (mounted by server/app.ts before every router that reads a
 * cookie) looks the `yoshiki_session` cookie up in the store and puts the live session on `req.personSession`; then
 * `csrfGuard` refuses a state-changing request that rides on that session without its synchronizer token
 * (csrf-sync: the token lives in the server-side session row; forms send it as the hidden field `_csrf`, fetch() as the
 * header `x-csrf-token`, read from `<meta name="csrf-token">`). A request with `Authorization: Bearer` is the API's and
 * is not cookie-authenticated, so it needs no token (a cross-site page cannot set that header without a CORS preflight,
 * which this server never grants).
 */
import crypto from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { loadPersonSession } from '../../src/submissions/people.ts';
import type { Clock } from '../../src/submissions/clock.ts';
import type { PersonSessionRecord, SubmissionStore } from '../../src/store/types.ts';
import { signinMessages as s } from '../../src/messages/signin.ts';
import { html, page, type Html } from '../submissions/html.ts';
import { cookieValue } from '../submissions/http.ts';
import { sendHttpError } from '../errors.ts';
import { HttpError } from '../http-error.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** The live person session of the cookie (signed in, or on its way to the provider), set by personSessions(). */
    personSession?: { id: string; record: PersonSessionRecord };
  }
}

export const SESSION_COOKIE = 'yoshiki_session';

/** HttpOnly, SameSite=Lax, Secure whenever the browser came over HTTPS (behind a TLS proxy: YOSHIKI_TRUST_PROXY). */
export function sessionCookieOptions(req: Request, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

export function personSessions(store: SubmissionStore, clock: Clock) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const id = cookieValue(req, SESSION_COOKIE);
    if (id) {
      const record = await loadPersonSession(store, id, clock());
      if (record) req.personSession = { id, record };
    }
    next();
  };
}

const csrf = csrfSync({
  getTokenFromState: (req) => req.personSession?.record.csrfToken,
  storeTokenInState: (req, token) => {
    if (req.personSession && token) req.personSession.record.csrfToken = token;
  },
  getTokenFromRequest: (req) => {
    const header = req.headers['x-csrf-token'];
    if (typeof header === 'string') return header;
    const field = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof field === 'string' ? field : undefined;
  },
  size: 32,
});

/** A fresh synchronizer token for a session about to be opened (csrf-sync's generator, over a stand-in request). */
export function newCsrfToken(): string {
  const holder = { personSession: { id: '', record: { csrfToken: '' } } } as unknown as Request;
  return csrf.generateToken(holder, true) || crypto.randomBytes(32).toString('hex');
}

/** The session's token, for a page to render (undefined without a session: such a page has nothing to protect). */
export const csrfToken = (req: Request): string | undefined => req.personSession?.record.csrfToken;

/** The hidden field every form that posts with the session carries. */
export const csrfField = (req: Request): Html => html`<input type="hidden" name="_csrf" value="${csrfToken(req) ?? ''}">`;

/** `<meta name="csrf-token">` for scripts: fetch(url, { headers: { 'x-csrf-token': meta.content } }). */
export const csrfMeta = (req: Request): Html => html`<meta name="csrf-token" content="${csrfToken(req) ?? ''}">`;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Form posts are parsed here, so the hidden field can be read before any router; routers parsing again get the same body. */
const formBody = express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 5000 });

/** Refuses (403) a state-changing request made with the session cookie and without the session's CSRF token. */
export function csrfGuard(req: Request, res: Response, next: NextFunction): void {
  if (!req.personSession || !STATE_CHANGING.has(req.method) || /^Bearer\s/i.test(req.get('authorization') ?? '')) return next();
  formBody(req, res, (err?: unknown) => {
    if (err) return next(err);
    if (csrf.isRequestValid(req)) return next();
    refuseCsrf(req, res);
  });
}

function refuseCsrf(req: Request, res: Response): void {
  // A script (fetch with the header, or asking for JSON) gets JSON; a form post gets a page it can go back from.
  if (req.get('x-csrf-token') !== undefined || req.accepts(['html', 'json']) === 'json') return sendHttpError(res, new HttpError('CSRF', s.csrf));
  res
    .status(403)
    .type('html')
    .send(page(s.csrfTitle, html`<h1>${s.csrfTitle}</h1><p class="error" role="alert">${s.csrf}</p><p><a href="/account">${s.accountTitle}</a></p>`));
}
