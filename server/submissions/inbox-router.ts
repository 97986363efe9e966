/**
 * /inbox — the city's inbox as web pages: sign in with a city token (which opens a server-side session; the HttpOnly,
 * SameSite=Lax cookie holds only the session id, src/submissions/sessions.ts), list submissions by status, open one
 * (documents, attachments, history, notice), and decide (審査開始, 受理, 差戻し). Mount with `app.use(inboxRouter(deps))`.
 * Every form posts back to this server only (sameOrigin below).
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { SubmissionError } from '../../src/submissions/errors.ts';
import { STATUS_LABELS } from '../../src/submissions/messages.ts';
import { RECEIPT_NUMBER } from '../../src/store/receipt-number.ts';
import type { Principal } from '../../src/submissions/tokens.ts';
import type { Json } from '../../src/store/types.ts';
import { html, page, type Html } from './html.ts';
import { cookieValue, INBOX_COOKIE, inboxCookieOptions, principalOf, serviceOf, submissionErrors, type SubmissionDeps } from './http.ts';
import { httpMessages as h } from './messages.ts';
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

  router.get('/inbox', async (req, res) => {
    const principal = await city(req);
    if (!principal) return void res.status(401).type('html').send(loginPage());
    // Own keys only: `?status=constructor` is no status (an inherited member of Object.prototype would pass a plain look-up).
    const status = typeof req.query.status === 'string' && Object.hasOwn(STATUS_LABELS, req.query.status) ? req.query.status : undefined;
    const rows = (await service.list(principal, status)) as { receiptNumber: string; title: string; officeNumber: string; statusLabel: string; receivedAt: string }[];
    const filters = html`<nav aria-label="状態で絞り込む"><a href="/inbox">すべて</a>${Object.entries(STATUS_LABELS).map(([k, v]) => html`　<a href="/inbox?status=${k}"${k === status ? html` aria-current="page"` : ''}>${v}</a>`)}</nav>`;
    res.type('html').send(
      page(
        '受付一覧',
        html`<h1>受付一覧${status ? `（${STATUS_LABELS[status]}）` : ''}</h1>
${req.personSession ? html`<form method="post" action="/signout">${csrfField(req)}<button type="submit">サインアウト</button></form>` : html`<form method="post" action="/inbox/logout"><button type="submit">終了する</button></form>`}
${filters}
${rows.length
  ? html`<table><caption>提出 ${rows.length}件</caption><thead><tr><th scope="col">受付番号</th><th scope="col">書類</th><th scope="col">事業所番号</th><th scope="col">状態</th><th scope="col">受付日時</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row"><a href="/inbox/${r.receiptNumber}">${r.receiptNumber}</a></th><td>${r.title}</td><td>${r.officeNumber}</td><td>${r.statusLabel}</td><td>${r.receivedAt}</td></tr>`)}</tbody></table>`
  : html`<p>該当する提出はありません。</p>`}`,
      ),
    );
  });

  router.get('/inbox/:no', async (req, res) => {
    const principal = await city(req);
    if (!principal) return void res.status(401).type('html').send(loginPage());
    // The look-up first: a 404 it throws must not go out under the text/html this page would have.
    const detail = await service.detail(principal, String(req.params.no));
    res.set('Cache-Control', 'private, no-store').type('html').send(detailPage(detail, csrfField(req)));
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
      if (!(e instanceof SubmissionError) || e.status === 404) throw e;
      const detail = await service.detail(principal, no);
      const findings = (e.body as { errors?: { message: string }[] } | undefined)?.errors?.map((f) => f.message).join(' ');
      res.status(e.status).type('html').send(detailPage(detail, csrfField(req), findings ? `${e.message} ${findings}` : e.message));
    }
  });

  router.use('/inbox', submissionErrors(deps));
  return router;
}
