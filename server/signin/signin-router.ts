/**
 * Sign-in pages: GET /signin (starts the authorization code flow: a short session carries state, nonce and the PKCE
 * verifier to the provider and back), GET /signin/callback (the provider's answer: the person is remembered and gets a
 * new session and cookie), POST /signout (ends the session on the server), GET /account (who is signed in, and for whom
 * they act — or that they need an invitation). Mount with `app.use(signinRouter(deps))` after personSessions/csrfGuard.
 */
import { Router, type Request, type Response } from 'express';
import { closePersonSession, openLoginSession, openPersonSession, principalOfPerson, rememberPerson } from '../../src/submissions/people.ts';
import { MUNICIPALITIES } from '../../src/store/receipt-number.ts';
import type { SubmissionStore } from '../../src/store/types.ts';
import type { Clock } from '../../src/submissions/clock.ts';
import { systemClock } from '../../src/submissions/clock.ts';
import { signinMessages as s } from '../../src/messages/signin.ts';
import { html, page, type Html } from '../submissions/html.ts';
import type { OidcClient } from './oidc-client.ts';
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

const messagePage = (status: number, title: string, message: string, link: Html = html`<p><a href="/signin">${s.again}</a></p>`) =>
  [status, page(title, html`<h1>${title}</h1><p class="error" role="alert">${message}</p>${link}`)] as const;

export function signinRouter(deps: SigninDeps): Router {
  const clock = deps.clock ?? systemClock;
  const router = Router();
  const send = (res: Response, [status, body]: readonly [number, string]) => void res.status(status).type('html').set('Cache-Control', 'no-store').send(body);

  router.get('/signin', async (req, res) => {
    if (!deps.oidc) return send(res, messagePage(503, s.signInTitle, s.notConfigured, html``));
    let started;
    try {
      started = await deps.oidc.start(safeReturnTo(req.query.returnTo));
    } catch (e) {
      deps.logger?.warn({ err: e instanceof Error ? { name: e.name, message: e.message } : String(e) }, 'OpenID provider unreachable');
      return send(res, messagePage(503, s.signInTitle, s.providerUnreachable));
    }
    // A session from before is ended, not carried into the sign-in (no session fixation).
    await closePersonSession(deps.store, req.personSession?.id, clock());
    const session = await openLoginSession(deps.store, started.login, newCsrfToken(), clock());
    res.cookie(SESSION_COOKIE, session.id, sessionCookieOptions(req, session.maxAgeMs));
    res.redirect(303, started.url.href);
  });

  router.get('/signin/callback', async (req, res) => {
    const login = req.personSession?.record.login;
    if (!deps.oidc || !login) return send(res, messagePage(400, s.signInTitle, s.loginExpired));
    if (req.query.error === 'access_denied') return send(res, messagePage(401, s.signInTitle, s.loginCancelled));
    let verified;
    try {
      verified = await deps.oidc.finish(callbackUrl(deps.oidc, req), login);
    } catch (e) {
      // No query string in the log: it carries the code and state.
      deps.logger?.warn({ err: e instanceof Error ? { name: e.name, message: e.message } : String(e) }, 'OpenID sign-in failed');
      return send(res, messagePage(401, s.signInTitle, s.loginFailed));
    }
    const now = clock();
    const person = await rememberPerson(deps.store, verified, now);
    await closePersonSession(deps.store, req.personSession!.id, now);
    const session = await openPersonSession(deps.store, person, newCsrfToken(), now);
    res.cookie(SESSION_COOKIE, session.id, sessionCookieOptions(req, session.maxAgeMs));
    res.redirect(303, login.returnTo);
  });

  router.post('/signout', async (req, res) => {
    // csrfGuard has already checked the token of a live session; without one there is nothing to end.
    await closePersonSession(deps.store, req.personSession?.id, clock());
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req));
    res.redirect(303, '/signout/done');
  });

  router.get('/signout/done', (_req, res) => {
    send(res, [200, page(s.signedOutTitle, html`<h1>${s.signedOutTitle}</h1><p>${s.signedOut}</p><p><a href="/signin">${s.signIn}</a></p>`)]);
  });

  router.get('/account', (req, res) => {
    const person = req.personSession?.record.person;
    if (!person) return send(res, [401, page(s.accountTitle, html`<h1>${s.accountTitle}</h1><p>${s.notSignedIn}</p><p><a href="/signin">${s.signIn}</a></p>`)]);
    const principal = principalOfPerson(person);
    const signOut = html`<form method="post" action="/signout">${csrfField(req)}<button type="submit">${s.signOut}</button></form>`;
    const who = html`<p>${s.signedInAs(person.name ?? person.email ?? person.id)}</p>`;
    if (!principal) return send(res, [403, page(s.unboundTitle, html`<h1>${s.unboundTitle}</h1>${who}<p class="error" role="alert">${s.unbound}</p>${signOut}`)]);
    const acts =
      principal.role === 'office'
        ? html`<p>${s.actsForOffice(principal.officeNumber)}</p><p><a href="/forms">${s.toForms}</a></p>`
        : html`<p>${s.actsForCity(MUNICIPALITIES[principal.municipality]?.name ?? principal.municipality)}</p><p><a href="/inbox">${s.toInbox}</a></p>`;
    send(res, [200, page(s.accountTitle, html`<h1>${s.accountTitle}</h1>${who}${acts}${signOut}`)]);
  });

  return router;
}

/** The callback URL as the provider sent the browser to it: the configured public address plus the path and query. */
function callbackUrl(client: OidcClient, req: Request): URL {
  const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
  return new URL(`${client.redirectUri}${query}`);
}
