/**
 * /inbox — the city's inbox as web pages: sign in with a city token (which opens a server-side session; the HttpOnly,
 * SameSite=Lax cookie holds only the session id, src/submissions/sessions.ts), list submissions by status (and export the
 * list as CSV / XLSX), open one — which starts its review — (values as printed, changes since the previous revision,
 * attachments, history, notice), and decide (受理, 差戻し). Each route is declared with its OpenAPI operation
 * (server/documented-route.ts); mount with `app.use(inboxRouter(deps))`. Pages: inbox-pages.ts.
 * Every form posts back to this server only (sameOrigin below).
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { SubmissionError } from '../../src/submissions/errors.ts';
import { STATUS_LABELS } from '../../src/messages/submissions.ts';
import { municipalityName, RECEIPT_NUMBER } from '../../src/store/receipt-number.ts';
import type { Principal } from '../../src/submissions/tokens.ts';
import type { SubmissionService } from '../../src/submissions/submission-service.ts';
import { detailPage, forbiddenPage, listPage, loginPage, type DetailPageInput } from './inbox-pages.ts';
import { inboxCsv, inboxXlsx } from '../../src/submissions/inbox-export.ts';
import { StaleSubmissionError } from '../../src/store/types.ts';
import { attachmentDisposition } from '../api/content-disposition.ts';
import { errorResponse, fileResponse, header, htmlResponse, redirectResponse, routerOf, SERVER_FAULT, type DocumentedRoute, type Json } from '../documented-route.ts';
import { statusOf } from '../error-codes.ts';
import { cookieValue, INBOX_COOKIE, inboxCookieOptions, principalOf, serviceOf, type SubmissionDeps } from './http.ts';
import { httpMessages as h } from '../../src/messages/submission-http.ts';
import { csrfField } from '../signin/session.ts';
import type { NavSession } from './html.ts';
import { personIdOfActor } from '../../src/submissions/inbox-labels.ts';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { officeFiling } from '../../src/submissions/filing-forms.ts';

/** Sign-out and the CSRF field for this request: a person's session (OpenID Connect), or the older token-opened one. */
/** The menu's sign-out for this request's clerk: a person's session ends at /signout, a token's at /inbox/logout. */
export const navSession = (req: Request): NavSession => (req.personSession ? { signOut: '/signout', csrf: csrfField(req) } : { signOut: '/inbox/logout', csrf: csrfField(req) });

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

/** What the inbox's handlers are made with. */
interface InboxContext {
  service: SubmissionService;
  deps: SubmissionDeps;
}

/** The city principal of the session cookie, or undefined (the page then asks to sign in). */
async function cityOf({ service }: InboxContext, req: Request): Promise<Extract<Principal, { role: 'city' }> | undefined> {
  try {
    const p = await principalOf(service, req, { cookie: true });
    return p.role === 'city' ? p : undefined;
  } catch (e) {
    if (e instanceof SubmissionError && statusOf(e.code) === 401) return undefined;
    throw e;
  }
}

/** The names of the people behind the events (a person's actor names their id, never their name). */
async function peopleNamed({ deps }: InboxContext, events: { actor: string }[]): Promise<Map<string, string>> {
  const named = new Map<string, string>();
  for (const actor of new Set(events.map((e) => e.actor))) {
    const id = personIdOfActor(actor);
    const name = id ? (await deps.store.personById(id))?.name : undefined;
    if (name) named.set(actor, name);
  }
  return named;
}

/** The detail page: the current revision, and the one before it for the side-by-side changes (both reads audited). */
async function detailHtml(context: InboxContext, req: Request, principal: Principal, no: string, extra: Pick<DetailPageInput, 'startedReview' | 'message'>) {
  const { service } = context;
  const detail = await service.detail(principal, no);
  const revision = Number(detail.revision);
  const [current, previous] =
    revision > 1
      ? await Promise.all([
          service.record(principal, no, String(revision), { what: 'compare' }).then((r) => r.current),
          service.record(principal, no, String(revision - 1), { what: 'compare' }).then((r) => r.current),
        ])
      : [undefined, undefined];
  const people = await peopleNamed(context, detail.history as { actor: string }[]);
  return detailPage({ detail, current, previous, noticeDate: noticeDate(String(detail.kind)), session: navSession(req), personName: (actor) => people.get(actor), ...extra });
}

/** `?status=` as one of the statuses, own keys only: `?status=constructor` is no status (an inherited member would pass a plain look-up). */
const statusFilter = (req: Request) => (typeof req.query.status === 'string' && Object.hasOwn(STATUS_LABELS, req.query.status) ? req.query.status : undefined);

const signInPage = (res: Response) => void res.status(401).type('html').send(loginPage());

/* ---- what the operations share (the pages answer HTML, not the API's JSON) ---- */

const INBOX_SESSION = [{ inboxCookie: [] }, { sessionCookie: [] }];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const receiptNumber: Json = { name: 'no', in: 'path', required: true, description: '受付番号', schema: { type: 'string', pattern: RECEIPT_NUMBER.source } };
const STATUS_QUERY: Json = { name: 'status', in: 'query', required: false, description: '状態で絞り込む', schema: { type: 'string', enum: ['received', 'reviewing', 'accepted', 'returned'] } };
const formUrlEncoded = (properties: Record<string, Json>, required: string[]): Json => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', required, properties } } },
});
const inboxPage = (operationId: string, summary: string, extra: Json = {}): Json => ({ operationId, summary, tags: ['inbox'], ...extra });
/** The sign-in form's body and the decision form's (urlencoded, 100 KB at most). */
const form = express.urlencoded({ extended: false, limit: '100kb' });

const exportRoute = (format: 'csv' | 'xlsx'): DocumentedRoute<InboxContext> => ({
  method: 'get',
  path: `/inbox/export.${format}`,
  operation: inboxPage(
    format === 'csv' ? 'inboxExportCsv' : 'inboxExportXlsx',
    `受付一覧を${format === 'csv' ? ' CSV（UTF-8 BOM 付き、数式にならないセル）' : ' Excel'}で書き出す（一覧と同じ項目。書き出しは監査ログに記録）`,
    {
      security: INBOX_SESSION,
      parameters: [STATUS_QUERY],
      responses: {
        200: fileResponse(`受付一覧の${format === 'csv' ? ' CSV' : ' Excel'}`, format === 'csv' ? 'text/csv' : XLSX, {
          'Content-Disposition': header(`attachment; filename="inbox-<市>.${format}"; filename*=UTF-8''受付一覧（<市>）.${format}`),
        }),
        401: htmlResponse('サインインのページ'),
        500: SERVER_FAULT,
      },
    },
  ),
  // The same rows and columns as the page (same filter), as a file; each export is audited.
  handlers: (context) => [
    async (req, res) => {
      const principal = await cityOf(context, req);
      if (!principal) return signInPage(res);
      const status = statusFilter(req);
      const rows = await context.service.list(principal, status);
      await context.service.recordExport(principal, { format, status: status ?? null, rows: rows.length });
      const title = `受付一覧（${municipalityName(principal.municipality)}${status ? `・${STATUS_LABELS[status]}` : ''}）`;
      res
        .status(200)
        .set({
          'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX,
          'Content-Disposition': attachmentDisposition(`inbox-${principal.municipality}.${format}`, `${title}.${format}`),
        })
        .send(format === 'csv' ? Buffer.from(inboxCsv(rows), 'utf8') : await inboxXlsx(rows, title));
    },
  ],
});

export const INBOX_ROUTES: DocumentedRoute<InboxContext>[] = [
  {
    method: 'get',
    path: '/inbox',
    operation: inboxPage('inboxPage', '受付一覧（市の担当者、ウェブページ）', {
      security: INBOX_SESSION,
      parameters: [STATUS_QUERY],
      responses: { 200: htmlResponse('受付一覧'), 401: htmlResponse('サインインのページ（市のトークンを入力）'), 500: SERVER_FAULT },
    }),
    handlers: (context) => [
      async (req, res) => {
        const principal = await cityOf(context, req);
        if (!principal) return signInPage(res);
        res.type('html').send(listPage(await context.service.list(principal), statusFilter(req), navSession(req)));
      },
    ],
  },
  {
    method: 'post',
    path: '/inbox/login',
    operation: inboxPage('inboxLogin', '市のトークンでサインインする（サーバー側のセッションを開き、その ID だけを HttpOnly・SameSite=Lax のクッキーに保存。操作のない30分又はサインインから8時間で切れる）', {
      requestBody: formUrlEncoded({ token: { type: 'string', description: '市の担当者用トークン' } }, ['token']),
      responses: {
        303: { ...redirectResponse('/inbox へ'), headers: { Location: header('/inbox'), 'Set-Cookie': header('yoshiki_inbox=<セッション ID>; Max-Age=28800; Path=/; HttpOnly; SameSite=Lax（HTTPS なら Secure）') } },
        401: htmlResponse('トークンが正しくない、又は市のトークンでない'),
        403: htmlResponse('このサーバーのページ以外から送られた'),
        500: SERVER_FAULT,
      },
    }),
    handlers: ({ service }) => [
      sameOrigin,
      form,
      async (req, res) => {
        const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
        const session = token ? await service.signIn(token) : undefined;
        if (!session) return void res.status(401).type('html').send(loginPage(h.loginFailed()));
        // A session id from before this sign-in is ended, not reused (no session fixation).
        await service.signOut(cookieValue(req, INBOX_COOKIE));
        res.cookie(INBOX_COOKIE, session.id, inboxCookieOptions(req, session.maxAgeMs));
        res.redirect(303, '/inbox');
      },
    ],
  },
  {
    method: 'post',
    path: '/inbox/logout',
    operation: inboxPage('inboxLogout', 'サインアウトする（セッションを削除）', {
      responses: { 303: redirectResponse('/inbox へ'), 403: htmlResponse('このサーバーのページ以外から送られた'), 500: SERVER_FAULT },
    }),
    handlers: ({ service }) => [
      sameOrigin,
      async (req, res) => {
        await service.signOut(cookieValue(req, INBOX_COOKIE));
        res.clearCookie(INBOX_COOKIE, inboxCookieOptions(req));
        res.redirect(303, '/inbox');
      },
    ],
  },
  // Before /inbox/:no, which would take them for a receipt number.
  exportRoute('csv'),
  exportRoute('xlsx'),
  {
    method: 'get',
    path: '/inbox/:no',
    operation: inboxPage('inboxSubmissionPage', '提出の詳細と審査（ウェブページ。受付の提出をこのサーバーのページから開くと審査中になり、監査ログに記録。他のサイトのリンクからでは変えない）', {
      security: INBOX_SESSION,
      parameters: [receiptNumber],
      responses: { 200: htmlResponse('提出の詳細'), 401: htmlResponse('サインインのページ'), 404: errorResponse('提出がない', ['SUBMISSION_NOT_FOUND']), 500: SERVER_FAULT },
    }),
    handlers: (context) => [
      async (req, res, next) => {
        const no = String(req.params.no);
        // Not a 受付番号: another inbox page (招待, server/signin) may answer it.
        if (!RECEIPT_NUMBER.test(no)) return next();
        const principal = await cityOf(context, req);
        if (!principal) return signInPage(res);
        // The look-up first: a 404 it throws must not go out under the text/html this page would have.
        const head = await context.service.visibleHead(principal, no);
        // Opening a received filing is starting its review (受付 → 審査中, in the events and the audit), so 受理 or 差戻し
        // is then one step. Another clerk opening it at the same moment wins the race; this one just shows the page.
        // Only when the clerk opened it from this server's pages or typed it: a link on another site (Sec-Fetch-Site
        // cross-site / same-site) must not change a filing, so it shows the page with 「審査を始める」 instead.
        let startedReview = false;
        if (head.status === 'received' && !['cross-site', 'same-site'].includes(req.get('sec-fetch-site') ?? '')) {
          try {
            await context.service.changeStatus(principal, no, { to: 'reviewing' });
            startedReview = true;
          } catch (e) {
            if (!(e instanceof StaleSubmissionError)) throw e;
          }
        }
        res.set('Cache-Control', 'private, no-store').type('html').send(await detailHtml(context, req, principal, no, { startedReview }));
      },
    ],
  },
  {
    method: 'post',
    path: '/inbox/:no/status',
    operation: inboxPage('inboxChangeStatus', '審査を始める・受理する・差し戻す（ウェブページのフォーム。受理で通知書に市の文書番号が付く）', {
      security: INBOX_SESSION,
      parameters: [receiptNumber],
      requestBody: formUrlEncoded(
        {
          to: { type: 'string', enum: ['reviewing', 'accepted', 'returned'] },
          reason: { type: 'string', description: '差戻しの理由' },
          designatedOn: { type: 'string', description: '位置付けた日' },
          abolishedOn: { type: 'string', description: '位置付けを廃止した日' },
        },
        ['to'],
      ),
      responses: {
        303: redirectResponse('提出の詳細のページへ'),
        401: htmlResponse('サインインのページ'),
        403: htmlResponse('このサーバーのページ以外から送られた、又は市のトークンでない'),
        404: errorResponse('提出がない', ['SUBMISSION_NOT_FOUND']),
        409: htmlResponse('今の状態からは変えられない、又は他の担当者が先に変えた（理由を表示した詳細のページ）'),
        422: htmlResponse('理由・日付の誤り（理由を表示した詳細のページ）'),
        500: SERVER_FAULT,
      },
    }),
    handlers: (context) => [
      sameOrigin,
      form,
      async (req, res) => {
        const principal = await cityOf(context, req);
        if (!principal) return signInPage(res);
        const no = String(req.params.no);
        if (!RECEIPT_NUMBER.test(no)) throw new SubmissionError('SUBMISSION_NOT_FOUND', `受付番号「${no}」の提出はありません。`);
        try {
          await context.service.changeStatus(principal, no, req.body ?? {});
          res.redirect(303, `/inbox/${no}`);
        } catch (e) {
          // A refusal is shown on the page itself, with the status the one table gives its code; a 404 is the API's JSON.
          if (!(e instanceof SubmissionError || e instanceof StaleSubmissionError) || statusOf(e.code) === 404) throw e;
          const findings = (e.details as { errors?: { message: string }[] } | undefined)?.errors?.map((f) => f.message).join(' ');
          res
            .status(statusOf(e.code))
            .type('html')
            .send(await detailHtml(context, req, principal, no, { message: findings ? `${e.message} ${findings}` : e.message }));
        }
      },
    ],
  },
];

export function inboxRouter(deps: SubmissionDeps): Router {
  return routerOf(INBOX_ROUTES, { service: serviceOf(deps), deps });
}
