/**
 * /inbox — the city's inbox as web pages: sign in with a city token (which opens a server-side session; the HttpOnly,
 * SameSite=Lax cookie holds only the session id, src/submissions/sessions.ts), list submissions by status, open one
 * (documents, attachments, history, notice), and decide (審査開始, 受理, 差戻し). Mount with `app.use(inboxRouter(deps))`.
 * Every form posts back to this server only (sameOrigin below).
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { SubmissionError } from '../../src/submissions/errors.ts';
import { STATUS_LABELS } from '../../src/messages/submissions.ts';
import { RECEIPT_NUMBER } from '../../src/store/receipt-number.ts';
import type { Principal } from '../../src/submissions/tokens.ts';
import type { Json } from '../../src/store/types.ts';
import { html, page, type Html } from './html.ts';
import { errorResponse, header, htmlResponse, redirectResponse, routerOf, SERVER_FAULT, type DocumentedRoute, type Json as OperationJson } from '../documented-route.ts';
import type { SubmissionService } from '../../src/submissions/submission-service.ts';
import { cookieValue, INBOX_COOKIE, inboxCookieOptions, principalOf, serviceOf, type SubmissionDeps } from './http.ts';
import { statusOf } from '../error-codes.ts';
import { httpMessages as h } from '../../src/messages/submission-http.ts';
import { csrfField } from '../signin/session.ts';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { officeFiling } from '../../src/submissions/filing-forms.ts';

/** The city's date the notice of a filing needs (its definition's `filing.acceptance.date`), asked for at 受理. */
const noticeDate = (kind: string) => (loadDefinitions().has(kind) ? officeFiling(kind)?.acceptance?.date : undefined);

const loginPage = (message?: string) =>
  page(
    '受付一覧（市の担当者）',
    html`<h1>受付一覧（市の担当者）</h1>
${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<p><a href="/signin?returnTo=%2Finbox">サインインする</a></p>
<form method="post" action="/inbox/login">
<label for="token">市の担当者用トークン</label>
<input id="token" name="token" type="password" autocomplete="off" size="50" required>
<button type="submit">表示する</button>
</form>`,
  );

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
    res.status(403).type('html').send(page('操作できません', html`<h1>操作できません</h1><p class="error" role="alert">${h.crossSite()}</p>`));
    return;
  }
  next();
}

function statusForms(no: string, status: string, kind: string, csrf: Html): Html {
  if (status === 'received')
    return html`<form method="post" action="/inbox/${no}/status">${csrf}<input type="hidden" name="to" value="reviewing"><button type="submit">審査を始める</button></form>`;
  if (status !== 'reviewing') return html``;
  const date = noticeDate(kind);
  return html`<h2>審査の結果</h2>
<form method="post" action="/inbox/${no}/status">${csrf}
<input type="hidden" name="to" value="accepted">
${date ? html`<label for="date">${date.label}（通知書に記載します）</label><input id="date" name="${date.key}" placeholder="令和6年6月1日" required>` : ''}
<button type="submit">受理する</button>
</form>
<form method="post" action="/inbox/${no}/status">${csrf}
<input type="hidden" name="to" value="returned">
<label for="reason">差戻しの理由（事業所に表示されます）</label>
<textarea id="reason" name="reason" rows="4" cols="60" required></textarea>
<button type="submit">差し戻す</button>
</form>`;
}

function detailPage(d: Json, csrf: Html, message?: string): string {
  const no = String(d.receiptNumber);
  const documents = d.documents as { index: number; title: string; sha256: string; links: { pdf: string; xlsx: string } }[];
  const attachments = d.attachments as { index: number; name: string; size: number; link: string }[];
  const history = d.history as { at: string; actor: string; from: string | null; to: string; reason: string | null }[];
  const notice = d.notice as { title: string; link: string } | null;
  return page(
    `${no}（${d.statusLabel}）`,
    html`<p><a href="/inbox">受付一覧に戻る</a></p>
<h1>${no} ${d.title}</h1>
${message ? html`<p class="error" role="alert">${message}</p>` : ''}
<p>状態：<strong>${d.statusLabel}</strong>（第${d.revision}版）　事業所番号：${d.officeNumber}　受付日時：${d.receivedAt}</p>
<h2>書類</h2>
<ul>${documents.map((x) => html`<li>${x.title}：<a href="${x.links.pdf}">PDF</a>　<a href="${x.links.xlsx}">Excel</a></li>`)}</ul>
<h2>添付ファイル</h2>
${attachments.length ? html`<ul>${attachments.map((a) => html`<li><a href="${a.link}">${a.name}</a>（${a.size.toLocaleString('ja-JP')} バイト）</li>`)}</ul>` : html`<p>ありません。</p>`}
${notice ? html`<h2>通知書</h2><p><a href="${notice.link}">${notice.title}（PDF）</a></p>` : ''}
<h2>経過</h2>
<table><thead><tr><th scope="col">日時</th><th scope="col">操作した人</th><th scope="col">状態</th><th scope="col">理由</th></tr></thead>
<tbody>${history.map((e) => html`<tr><td>${e.at}</td><td>${e.actor}</td><td>${e.from ? `${STATUS_LABELS[e.from]} → ` : ''}${STATUS_LABELS[e.to]}</td><td>${e.reason ?? ''}</td></tr>`)}</tbody></table>
${statusForms(no, String(d.status), String(d.kind), csrf)}`,
  );
}

/** One row of the inbox list. */
interface InboxRow {
  receiptNumber: string;
  title: string;
  officeNumber: string;
  statusLabel: string;
  receivedAt: string;
}

function listPage(req: Request, rows: InboxRow[], status: string | undefined): string {
  const filters = html`<nav aria-label="状態で絞り込む"><a href="/inbox">すべて</a>${Object.entries(STATUS_LABELS).map(([k, v]) => html`　<a href="/inbox?status=${k}"${k === status ? html` aria-current="page"` : ''}>${v}</a>`)}</nav>`;
  return page(
    '受付一覧',
    html`<h1>受付一覧${status ? `（${STATUS_LABELS[status]}）` : ''}</h1>
${req.personSession ? html`<form method="post" action="/signout">${csrfField(req)}<button type="submit">サインアウト</button></form>` : html`<form method="post" action="/inbox/logout"><button type="submit">終了する</button></form>`}
${filters}
${rows.length
  ? html`<table><caption>提出 ${rows.length}件</caption><thead><tr><th scope="col">受付番号</th><th scope="col">書類</th><th scope="col">事業所番号</th><th scope="col">状態</th><th scope="col">受付日時</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row"><a href="/inbox/${r.receiptNumber}">${r.receiptNumber}</a></th><td>${r.title}</td><td>${r.officeNumber}</td><td>${r.statusLabel}</td><td>${r.receivedAt}</td></tr>`)}</tbody></table>`
  : html`<p>該当する提出はありません。</p>`}`,
  );
}

/* ---- what the operations share (the pages answer HTML, not the API's JSON) ---- */

const INBOX_SESSION = [{ inboxCookie: [] }];
const receiptNumber: OperationJson = { name: 'no', in: 'path', required: true, description: '受付番号', schema: { type: 'string', pattern: RECEIPT_NUMBER.source } };
const formUrlEncoded = (properties: Record<string, OperationJson>, required: string[]): OperationJson => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', required, properties } } },
});
const inboxPage = (operationId: string, summary: string, extra: OperationJson = {}): OperationJson => ({ operationId, summary, tags: ['inbox'], ...extra });
/** The sign-in form's body and the decision form's (urlencoded, 100 KB at most). */
const form = express.urlencoded({ extended: false, limit: '100kb' });

/** The city principal of the session cookie, or undefined (the page then asks to sign in). */
const cityOf =
  (service: SubmissionService) =>
  async (req: Request): Promise<Extract<Principal, { role: 'city' }> | undefined> => {
    try {
      const p = await principalOf(service, req, { cookie: true });
      return p.role === 'city' ? p : undefined;
    } catch (e) {
      if (e instanceof SubmissionError && statusOf(e.code) === 401) return undefined;
      throw e;
    }
  };

export const INBOX_ROUTES: DocumentedRoute<SubmissionService>[] = [
  {
    method: 'get',
    path: '/inbox',
    operation: inboxPage('inboxPage', '受付一覧（市の担当者、ウェブページ）', {
      security: INBOX_SESSION,
      parameters: [{ name: 'status', in: 'query', required: false, description: '状態で絞り込む', schema: { type: 'string', enum: ['received', 'reviewing', 'accepted', 'returned'] } }],
      responses: { 200: htmlResponse('受付一覧'), 401: htmlResponse('サインインのページ（市のトークンを入力）'), 500: SERVER_FAULT },
    }),
    handlers: (service) => [
      async (req, res) => {
        const principal = await cityOf(service)(req);
        if (!principal) return void res.status(401).type('html').send(loginPage());
        // Own keys only: `?status=constructor` is no status (an inherited member of Object.prototype would pass a plain look-up).
        const status = typeof req.query.status === 'string' && Object.hasOwn(STATUS_LABELS, req.query.status) ? req.query.status : undefined;
        const rows = (await service.list(principal, status)) as InboxRow[];
        res.type('html').send(listPage(req, rows, status));
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
    handlers: (service) => [
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
    handlers: (service) => [
      sameOrigin,
      async (req, res) => {
        await service.signOut(cookieValue(req, INBOX_COOKIE));
        res.clearCookie(INBOX_COOKIE, inboxCookieOptions(req));
        res.redirect(303, '/inbox');
      },
    ],
  },
  {
    method: 'get',
    path: '/inbox/:no',
    operation: inboxPage('inboxSubmissionPage', '提出の詳細と審査（ウェブページ）', {
      security: INBOX_SESSION,
      parameters: [receiptNumber],
      responses: { 200: htmlResponse('提出の詳細'), 401: htmlResponse('サインインのページ'), 404: errorResponse('提出がない', ['SUBMISSION_NOT_FOUND']), 500: SERVER_FAULT },
    }),
    handlers: (service) => [
      async (req, res) => {
        const principal = await cityOf(service)(req);
        if (!principal) return void res.status(401).type('html').send(loginPage());
        // The look-up first: a 404 it throws must not go out under the text/html this page would have.
        const detail = await service.detail(principal, String(req.params.no));
        res.set('Cache-Control', 'private, no-store').type('html').send(detailPage(detail, csrfField(req)));
      },
    ],
  },
  {
    method: 'post',
    path: '/inbox/:no/status',
    operation: inboxPage('inboxChangeStatus', '審査を始める・受理する・差し戻す（ウェブページのフォーム）', {
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
        409: htmlResponse('今の状態からは変えられない（理由を表示した詳細のページ）'),
        422: htmlResponse('理由・日付の誤り（理由を表示した詳細のページ）'),
        500: SERVER_FAULT,
      },
    }),
    handlers: (service) => [
      sameOrigin,
      form,
      async (req, res) => {
        const principal = await cityOf(service)(req);
        if (!principal) return void res.status(401).type('html').send(loginPage());
        const no = String(req.params.no);
        if (!RECEIPT_NUMBER.test(no)) throw new SubmissionError('SUBMISSION_NOT_FOUND', `受付番号「${no}」の提出はありません。`);
        try {
          await service.changeStatus(principal, no, req.body ?? {});
          res.redirect(303, `/inbox/${no}`);
        } catch (e) {
          if (!(e instanceof SubmissionError) || statusOf(e.code) === 404) throw e;
          const detail = await service.detail(principal, no);
          const findings = (e.details as { errors?: { message: string }[] } | undefined)?.errors?.map((f) => f.message).join(' ');
          res.status(statusOf(e.code)).type('html').send(detailPage(detail, csrfField(req), findings ? `${e.message} ${findings}` : e.message));
        }
      },
    ],
  },
];

export function inboxRouter(deps: SubmissionDeps): Router {
  return routerOf(INBOX_ROUTES, serviceOf(deps));
}
