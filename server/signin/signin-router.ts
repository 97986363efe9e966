/**
 * Sign-in pages: GET /signin (starts the authorization code flow: a short session carries state, nonce and the PKCE
 * verifier to the provider and back), GET /signin/callback (the provider's answer: the person is remembered and gets a
 * new session and cookie), POST /signout (ends the session on the server), GET /account (who is signed in, and for whom
 * they act — or that they need an invitation), GET/POST /invitations/:secret (an invitation link, redeemed once). Mount with `app.use(signinRouter(deps))` after personSessions/csrfGuard.
 */
import type { Request, Response, Router } from 'express';
import { closePersonSession, openLoginSession, openPersonSession, principalOfPerson, rememberPerson } from '../../src/submissions/people.ts';
import { MUNICIPALITIES } from '../../src/store/receipt-number.ts';
import { redeemInvitation } from '../../src/submissions/invitations.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import type { Clock } from '../../src/submissions/clock.ts';
import { systemClock } from '../../src/submissions/clock.ts';
import { signinMessages as s } from '../../src/messages/signin.ts';
import { html, page, type Html } from '../submissions/html.ts';
import { page as formsPage } from '../pages/html.ts';
import { sendFormsPage } from '../pages/site-nav.ts';
import { navSession } from '../submissions/inbox-router.ts';
import type { OidcClient } from './oidc-client.ts';
import { errorResponse, header, htmlResponse, redirectResponse, routerOf, SERVER_FAULT, type DocumentedRoute, type Json } from '../documented-route.ts';
import { csrfField, newCsrfToken, SESSION_COOKIE, sessionCookieOptions } from './session.ts';

export interface SigninDeps {
  store: SubmissionStore;
  clock?: Clock;
  /** The relying party; without it, /signin says that sign-in is not configured. */
  oidc?: OidcClient;
  logger?: { warn(obj: object, msg?: string): void };
}

/** Only a path on this server (not `//other.example`, not a URL) may be gone back to after sign-in. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]{0,500}$/.test(value) ? value : '/account';
}

/** A page to send: its status, its title and its body (the shell is chosen by who reads it: see `signinRouter`). */
type Answer = readonly [status: number, title: string, body: Html];

const messagePage = (status: number, title: string, message: string, link: Html = html`<p><a href="/signin">${s.again}</a></p>`): Answer =>
  [status, title, html`<h1>${title}</h1><p class="error" role="alert">${message}</p>${link}`] as const;

const SESSION_SECURITY = [{ sessionCookie: [] }];
const signinPage = (operationId: string, summary: string, extra: Json = {}): Json => ({ operationId, summary, tags: ['signin'], ...extra });
const INVITATION_SECRET: Json = { name: 'secret', in: 'path', required: true, description: '招待のリンクの秘密の部分', schema: { type: 'string' } };
const CSRF_FORM: Json = { required: false, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { _csrf: { type: 'string', description: 'CSRF トークン' } } } } } };
const cookie = (value: string) => header(`yoshiki_session=${value}; Path=/; HttpOnly; SameSite=Lax（HTTPS なら Secure）`);

/** What the handlers are made with. */
interface SigninContext {
  deps: SigninDeps;
  clock: Clock;
  send: (req: Request, res: Response, answer: Answer) => void;
}

/** Sends the browser to the provider; a session from before is ended, not carried into the sign-in (no fixation). */
async function startSignIn({ deps, clock, send }: SigninContext, req: Request, res: Response, returnTo: string, invitation?: string): Promise<void> {
  if (!deps.oidc) return send(req, res, messagePage(503, s.signInTitle, s.notConfigured, html``));
  let started;
  try {
    started = await deps.oidc.start(returnTo, invitation);
  } catch (e) {
    deps.logger?.warn({ err: e instanceof Error ? { name: e.name, message: e.message } : String(e) }, 'OpenID provider unreachable');
    return send(req, res, messagePage(503, s.signInTitle, s.providerUnreachable));
  }
  await closePersonSession(deps.store, req.personSession?.id, clock());
  const session = await openLoginSession(deps.store, started.login, newCsrfToken(), clock());
  res.cookie(SESSION_COOKIE, session.id, sessionCookieOptions(req, session.maxAgeMs));
  res.redirect(303, started.url.href);
}

/** The page an invitation that cannot be redeemed answers with (used, expired, unknown), in the person's words. */
const invitationRefused = (message: string) => messagePage(400, s.invitationTitle, message, html`<p><a href="/account">${s.accountTitle}</a></p>`);

export const SIGNIN_ROUTES: DocumentedRoute<SigninContext>[] = [
  {
    method: 'get',
    path: '/signin',
    operation: signinPage('signIn', 'サインインを始める（認証サーバーへ移動。state・nonce・PKCE の検証子はサーバー側のセッションに保存）', {
      parameters: [{ name: 'returnTo', in: 'query', required: false, description: 'サインイン後に開くこのサーバーのパス（既定 /account）', schema: { type: 'string' } }],
      responses: {
        303: { ...redirectResponse('認証サーバーの認可エンドポイントへ'), headers: { Location: header('認証サーバーの URL'), 'Set-Cookie': cookie('<サインイン中のセッション ID>; Max-Age=600') } },
        503: htmlResponse('サインインが設定されていない、又は認証サーバーに接続できない'),
        500: SERVER_FAULT,
      },
    }),
    handlers: (context) => [(req, res) => startSignIn(context, req, res, safeReturnTo(req.query.returnTo))],
  },
  {
    method: 'get',
    path: '/signin/callback',
    operation: signinPage('signInCallback', '認証サーバーから戻る（認可コードを交換し、新しいセッションを開く）', {
      parameters: [
        { name: 'code', in: 'query', required: false, description: '認可コード', schema: { type: 'string' } },
        { name: 'state', in: 'query', required: false, description: 'サインインを始めたときの state', schema: { type: 'string' } },
      ],
      responses: {
        303: { ...redirectResponse('returnTo のページへ'), headers: { Location: header('returnTo'), 'Set-Cookie': cookie('<セッション ID>; Max-Age=28800') } },
        400: htmlResponse('サインインの手続きが見つからない、又は期限切れ'),
        401: htmlResponse('認証サーバーでのサインインが完了しなかった'),
        500: SERVER_FAULT,
      },
    }),
    handlers: ({ deps, clock, send }) => [
      async (req, res) => {
        const login = req.personSession?.record.login;
        if (!deps.oidc || !login) return send(req, res, messagePage(400, s.signInTitle, s.loginExpired));
        if (req.query.error === 'access_denied') return send(req, res, messagePage(401, s.signInTitle, s.loginCancelled));
        let verified;
        try {
          verified = await deps.oidc.finish(callbackUrl(deps.oidc, req), login);
        } catch (e) {
          // No query string in the log: it carries the code and state.
          deps.logger?.warn({ err: e instanceof Error ? { name: e.name, message: e.message } : String(e) }, 'OpenID sign-in failed');
          return send(req, res, messagePage(401, s.signInTitle, s.loginFailed));
        }
        const now = clock();
        const person = await rememberPerson(deps.store, verified, now);
        await closePersonSession(deps.store, req.personSession!.id, now);
        const session = await openPersonSession(deps.store, person, newCsrfToken(), now);
        res.cookie(SESSION_COOKIE, session.id, sessionCookieOptions(req, session.maxAgeMs));
        if (login.invitation) {
          const outcome = await redeemInvitation(deps.store, login.invitation, person, clock);
          if (!outcome.ok) return send(req, res, invitationRefused(outcome.message));
        }
        res.redirect(303, login.returnTo);
      },
    ],
  },
  {
    method: 'post',
    path: '/signout',
    operation: signinPage('signOut', 'サインアウトする（サーバー側のセッションを削除。CSRF トークンが必要）', {
      security: SESSION_SECURITY,
      requestBody: CSRF_FORM,
      responses: {
        303: { ...redirectResponse('/signout/done へ'), headers: { Location: header('/signout/done'), 'Set-Cookie': cookie('; Expires=Thu, 01 Jan 1970 00:00:00 GMT') } },
        403: errorResponse('CSRF トークンがない、又は違う（フォームからは日本語のページ）', ['CSRF']),
        500: SERVER_FAULT,
      },
    }),
    handlers: ({ deps, clock, send }) => [
      async (req, res) => {
        // csrfGuard has already checked the token of a live session; without one there is nothing to end.
        await closePersonSession(deps.store, req.personSession?.id, clock());
        res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req));
        res.redirect(303, '/signout/done');
      },
    ],
  },
  {
    method: 'get',
    path: '/signout/done',
    operation: signinPage('signedOut', 'サインアウトしたことを知らせるページ', { responses: { 200: htmlResponse('サインアウトしました'), 500: SERVER_FAULT } }),
    handlers: ({ send }) => [
      (req, res) => {
        send(req, res, [200, s.signedOutTitle, html`<h1>${s.signedOutTitle}</h1><p>${s.signedOut}</p><p><a href="/signin">${s.signIn}</a></p>`]);
      },
    ],
  },
  {
    method: 'get',
    path: '/account',
    operation: signinPage('accountPage', 'サインイン中の方（氏名、どの事業所又は市の担当者か、サインアウト）', {
      security: SESSION_SECURITY,
      responses: {
        200: htmlResponse('サインイン中の方'),
        401: htmlResponse('サインインしていない'),
        403: htmlResponse('どの事業所にも市にも登録されていない（招待を依頼するよう案内）'),
        500: SERVER_FAULT,
      },
    }),
    handlers: ({ send }) => [
      (req, res) => {
        const person = req.personSession?.record.person;
        if (!person) return send(req, res, [401, s.accountTitle, html`<h1>${s.accountTitle}</h1><p>${s.notSignedIn}</p><p><a href="/signin">${s.signIn}</a></p>`]);
        const principal = principalOfPerson(person);
        const signOut = html`<form method="post" action="/signout">${csrfField(req)}<button type="submit">${s.signOut}</button></form>`;
        const who = html`<p>${s.signedInAs(person.name ?? person.email ?? person.id)}</p>`;
        if (!principal) return send(req, res, [403, s.unboundTitle, html`<h1>${s.unboundTitle}</h1>${who}<p class="error" role="alert">${s.unbound}</p>${signOut}`]);
        const acts =
          principal.role === 'office'
            ? html`<p>${s.actsForOffice(principal.officeNumber)}</p><p><a href="/forms">${s.toForms}</a></p>`
            : html`<p>${s.actsForCity(MUNICIPALITIES[principal.municipality]?.name ?? principal.municipality)}</p><p><a href="/inbox">${s.toInbox}</a></p>`;
        send(req, res, [200, s.accountTitle, html`<h1>${s.accountTitle}</h1>${who}${acts}${signOut}`]);
      },
    ],
  },
  {
    method: 'get',
    path: '/invitations/:secret',
    operation: signinPage('invitationPage', '招待のリンク（サインイン中なら「招待を受ける」ボタン、そうでなければサインインへ移動し、サインイン後に招待を受ける）', {
      parameters: [INVITATION_SECRET],
      responses: {
        200: htmlResponse('招待を受けるページ'),
        303: redirectResponse('サインインしていなければ認証サーバーへ'),
        400: htmlResponse('招待が正しくない、使用済み、又は期限切れ（サインイン後）'),
        503: htmlResponse('サインインが設定されていない'),
        500: SERVER_FAULT,
      },
    }),
    // Signed in, a button redeems it (a POST with the CSRF token); otherwise sign in first, and the invitation is
    // redeemed as the sign-in completes.
    handlers: (context) => [
      async (req, res) => {
        const secret = String(req.params.secret);
        if (!req.personSession?.record.person) return startSignIn(context, req, res, '/account', secret);
        context.send(req, res, [200, s.invitationTitle, invitationPage(req, secret)]);
      },
    ],
  },
  {
    method: 'post',
    path: '/invitations/:secret',
    operation: signinPage('acceptInvitation', '招待を受ける（一度だけ。サインイン中の人をその事業所又は市の担当者にする。CSRF トークンが必要）', {
      security: SESSION_SECURITY,
      parameters: [INVITATION_SECRET],
      requestBody: CSRF_FORM,
      responses: {
        303: redirectResponse('/account へ（サインインしていなければ認証サーバーへ）'),
        400: htmlResponse('招待が正しくない、使用済み、又は期限切れ'),
        403: errorResponse('CSRF トークンがない、又は違う', ['CSRF']),
        500: SERVER_FAULT,
      },
    }),
    handlers: (context) => [
      async (req, res) => {
        const person = req.personSession?.record.person;
        if (!person) return startSignIn(context, req, res, '/account', String(req.params.secret));
        const outcome = await redeemInvitation(context.deps.store, String(req.params.secret), person, context.clock);
        if (!outcome.ok) return context.send(req, res, invitationRefused(outcome.message));
        res.redirect(303, '/account');
      },
    ],
  },
];

export function signinRouter(deps: SigninDeps): Router {
  // A clerk reads these pages in the inbox's shell and menu; an office person (or someone not yet signed in or invited)
  // in the forms site's, with its menu.
  const send = (req: Request, res: Response, [status, title, body]: Answer) => {
    res.set('Cache-Control', 'no-store');
    const person = req.personSession?.record.person;
    if (person && principalOfPerson(person)?.role === 'city')
      return void res.status(status).type('html').send(page(title, body, { inboxNav: navSession(req) }));
    sendFormsPage(req, res, formsPage({ title, body: body.value }), { signIn: false }, status);
  };
  return routerOf(SIGNIN_ROUTES, { deps, clock: deps.clock ?? systemClock, send });
}

function invitationPage(req: Request, secret: string): Html {
  return html`<h1>${s.invitationTitle}</h1><p>${s.invitationLead}</p>
<form method="post" action="/invitations/${secret}">${csrfField(req)}<button type="submit">${s.invitationAccept}</button></form>`;
}

/** The callback URL as the provider sent the browser to it: the configured public address plus the path and query. */
function callbackUrl(client: OidcClient, req: Request): URL {
  const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
  return new URL(`${client.redirectUri}${query}`);
}
