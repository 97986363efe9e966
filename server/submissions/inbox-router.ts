/**
 * /inbox — the city's inbox as web pages: sign in with a city token (which opens a server-side session; the HttpOnly,
 * SameSite=Lax cookie holds only the session id, src/submissions/sessions.ts), list submissions by status (and export the
 * list as CSV / XLSX), open one — which starts its review — (values as printed, changes since the previous revision,
 * attachments, history, notice), and decide (受理, 差戻し). Mount with `app.use(inboxRouter(deps))`. Pages: inbox-pages.ts.
 * Every form posts back to this server only (sameOrigin below).
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { SubmissionError } from '../../src/submissions/errors.ts';
import { STATUS_LABELS } from '../../src/submissions/messages.ts';
import { municipalityName, RECEIPT_NUMBER } from '../../src/store/receipt-number.ts';
import type { Principal } from '../../src/submissions/tokens.ts';
import { detailPage, forbiddenPage, listPage, loginPage, type DetailPageInput } from './inbox-pages.ts';
import { inboxCsv, inboxXlsx } from '../../src/submissions/inbox-export.ts';
import { StaleSubmissionError } from '../../src/store/types.ts';
import { attachmentDisposition } from '../api/content-disposition.ts';
import { cookieValue, INBOX_COOKIE, inboxCookieOptions, principalOf, serviceOf, submissionErrors, type SubmissionDeps } from './http.ts';
import { httpMessages as h } from './messages.ts';
import { csrfField } from '../signin/session.ts';
import type { NavSession } from './html.ts';
import { personIdOfActor } from '../../src/submissions/inbox-labels.ts';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { officeFiling } from '../../src/submissions/filing-forms.ts';

/** Sign-out and the CSRF field for this request: a person's session (OpenID Connect), or the older token-opened one. */
const navSession = (req: Request): NavSession => (req.personSession ? { signOut: '/signout', csrf: csrfField(req) } : { signOut: '/inbox/logout', csrf: csrfField(req) });

/** The city's date the notice of a filing needs (its definition's `filing.acceptance.date`), asked for at 受理. */
const noticeDate = (kind: string) => (loadDefinitions().has(kind) ? officeFiling(kind)?.acceptance?.date : undefined);

/**
 * CSRF defence for the inbox's form posts: the request must come from a page of this very server. Checked, in order:
 * - Fetch Metadata: a browser that sends `Sec-Fetch-Site` must say `same-origin`;
 * - `Origin` must equal this server's origin (scheme, host and port; `null` — sandboxed frames, some redirects — is
 *   refused); without Origin, the `Referer`'s origin must; with neither, the post is refused.
 * Why headers and not a synchronizer token: OWASP's CSRF cheat sheet accepts strict Origin/Referer verification and Fetch
 * Metadata as defences; every browser the inbox supports sends Origin on a POST; and the session cookie is SameSite=Lax,
 * so a cross-site POST does not even carry it — two independent layers, with no per-form token state to keep.
 * Behind a TLS proxy the server must know the scheme the browser used: set YOSHIKI_TRUST_PROXY (server/app.ts).
 */
export function sameOrigin(req: Request, res: Response, next: NextFunction): void {
  const originOf = (url: string | undefined) => {
    try {
      return url && url !== 'null' ? new URL(url).origin : undefined;
    } catch {
      return undefined; // not a URL: not ours
    }
  };
  // No Host header (HTTP/1.0): the server cannot tell its own origin, so nothing matches it.
  const own = req.host ? originOf(`${req.protocol}://${req.host}`) : undefined;
  const site = req.get('sec-fetch-site');
  const claimed = req.get('origin') !== undefined ? originOf(req.get('origin')) : originOf(req.get('referer'));
  if ((site !== undefined && site !== 'same-origin') || !own || claimed !== own) {
    res.status(403).type('html').send(forbiddenPage(h.crossSite()));
    return;
  }
  next();
}

export function inboxRouter(deps: SubmissionDeps): Router {
  const service = serviceOf(deps);
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });

  /** The city principal of the session cookie, or undefined (the page then asks to sign in). */
  const city = async (req: Request): Promise<Extract<Principal, { role: 'city' }> | undefined> => {
    try {
      const p = await principalOf(service, req, { cookie: true });
      return p.role === 'city' ? p : undefined;
    } catch (e) {
      if (e instanceof SubmissionError && e.status === 401) return undefined;
      throw e;
    }
  };

  /** The detail page: the current revision, and the one before it for the side-by-side changes (both reads audited). */
  /** The names of the people behind the events (a person's actor names their id, never their name). */
  const peopleNamed = async (events: { actor: string }[]): Promise<Map<string, string>> => {
    const named = new Map<string, string>();
    for (const actor of new Set(events.map((e) => e.actor))) {
      const id = personIdOfActor(actor);
      const name = id ? (await deps.store.personById(id))?.name : undefined;
      if (name) named.set(actor, name);
    }
    return named;
  };

  const detailHtml = async (req: Request, principal: Principal, no: string, extra: Pick<DetailPageInput, 'startedReview' | 'message'>) => {
    const detail = await service.detail(principal, no);
    const revision = Number(detail.revision);
    const [current, previous] =
      revision > 1
        ? await Promise.all([
            service.record(principal, no, String(revision), { what: 'compare' }).then((r) => r.current),
            service.record(principal, no, String(revision - 1), { what: 'compare' }).then((r) => r.current),
          ])
        : [undefined, undefined];
    const people = await peopleNamed(detail.history as { actor: string }[]);
    return detailPage({ detail, current, previous, noticeDate: noticeDate(String(detail.kind)), session: navSession(req), personName: (actor) => people.get(actor), ...extra });
  };

  router.post('/inbox/login', sameOrigin, form, async (req, res) => {
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    const session = token ? await service.signIn(token) : undefined;
    if (!session) return void res.status(401).type('html').send(loginPage(h.loginFailed()));
    // A session id from before this sign-in is ended, not reused (no session fixation).
    await service.signOut(cookieValue(req, INBOX_COOKIE));
    res.cookie(INBOX_COOKIE, session.id, inboxCookieOptions(req, session.maxAgeMs));
    res.redirect(303, '/inbox');
  });

  router.post('/inbox/logout', sameOrigin, async (req, res) => {
    await service.signOut(cookieValue(req, INBOX_COOKIE));
    res.clearCookie(INBOX_COOKIE, inboxCookieOptions(req));
    res.redirect(303, '/inbox');
  });

  /** `?status=` as one of the statuses, own keys only: `?status=constructor` is no status (an inherited member would pass a plain look-up). */
  const statusOf = (req: Request) => (typeof req.query.status === 'string' && Object.hasOwn(STATUS_LABELS, req.query.status) ? req.query.status : undefined);

  router.get('/inbox', async (req, res) => {
    const principal = await city(req);
    if (!principal) return void res.status(401).type('html').send(loginPage());
    res.type('html').send(listPage(await service.list(principal), statusOf(req), navSession(req)));
  });

  // Before /inbox/:no. The same rows and columns as the page (same filter), as a file; each export is audited.
  router.get(['/inbox/export.csv', '/inbox/export.xlsx'], async (req, res) => {
    const principal = await city(req);
    if (!principal) return void res.status(401).type('html').send(loginPage());
    const status = statusOf(req);
    const rows = await service.list(principal, status);
    const format = req.path.endsWith('.csv') ? 'csv' : 'xlsx';
    await service.recordExport(principal, { format, status: status ?? null, rows: rows.length });
    const title = `受付一覧（${municipalityName(principal.municipality)}${status ? `・${STATUS_LABELS[status]}` : ''}）`;
    const name = `${title}.${format}`;
    res
      .status(200)
      .set({
        'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': attachmentDisposition(`inbox-${principal.municipality}.${format}`, name),
      })
      .send(format === 'csv' ? Buffer.from(inboxCsv(rows), 'utf8') : await inboxXlsx(rows, title));
  });

  router.get('/inbox/:no', async (req, res, next) => {
    const no = String(req.params.no);
    // Not a 受付番号: another inbox page (招待, server/signin) may answer it.
    if (!RECEIPT_NUMBER.test(no)) return next();
    const principal = await city(req);
    if (!principal) return void res.status(401).type('html').send(loginPage());
    // The look-up first: a 404 it throws must not go out under the text/html this page would have.
    const head = await service.visibleHead(principal, no);
    // Opening a received filing is starting its review (受付 → 審査中, in the events and the audit), so 受理 or 差戻し is
    // then one step. Another clerk opening it at the same moment wins the race; this one just shows the page.
    let startedReview = false;
    if (head.status === 'received') {
      try {
        await service.changeStatus(principal, no, { to: 'reviewing' });
        startedReview = true;
      } catch (e) {
        if (!(e instanceof StaleSubmissionError)) throw e;
      }
    }
    res.set('Cache-Control', 'private, no-store').type('html').send(await detailHtml(req, principal, no, { startedReview }));
  });

  router.post('/inbox/:no/status', sameOrigin, form, async (req, res) => {
    const principal = await city(req);
    if (!principal) return void res.status(401).type('html').send(loginPage());
    const no = String(req.params.no);
    if (!RECEIPT_NUMBER.test(no)) throw new SubmissionError(404, 'SUBMISSION_NOT_FOUND', `受付番号「${no}」の提出はありません。`);
    try {
      await service.changeStatus(principal, no, req.body ?? {});
      res.redirect(303, `/inbox/${no}`);
    } catch (e) {
      if (e instanceof StaleSubmissionError) return void res.status(409).type('html').send(await detailHtml(req, principal, no, { message: e.message }));
      if (!(e instanceof SubmissionError) || e.status === 404) throw e;
      const findings = (e.body as { errors?: { message: string }[] } | undefined)?.errors?.map((f) => f.message).join(' ');
      res.status(e.status).type('html').send(await detailHtml(req, principal, no, { message: findings ? `${e.message} ${findings}` : e.message }));
    }
  });

  router.use('/inbox', submissionErrors(deps));
  return router;
}
