/**
 * The header menu of the forms site (様式の一覧, a 様式's page, the office's 提出一覧 and filing pages): a signed-in office
 * person sees where their filings are, their account and サインアウト on every page — on a care office's shared PC the
 * way out must always be in sight; a signed-in clerk gets back to the 受付一覧; anyone else, where sign-in is offered,
 * a サインイン link that returns to the page.
 *
 * Pages are built without it (the form pages are made once per 様式 and kept): `page()` leaves NAV_SLOT in the header and
 * `sendFormsPage` fills it per request. A page with the menu of a signed-in person carries that session's CSRF token
 * (the サインアウト form), so it is that person's page and no cache may keep it.
 */
import type { Request, Response } from 'express';
import { ui } from '../../src/messages/form-page.ts';
import { principalOfPerson } from '../../src/submissions/people.ts';
import { csrfField } from '../signin/session.ts';
import { esc, NAV_SLOT } from './html.ts';

/** Which entry of the menu is the page (aria-current). */
export type NavCurrent = 'forms' | 'filings';

export interface NavOptions {
  current?: NavCurrent;
  /** Sign-in is offered on this server (it takes filings); without it nobody signed out sees a menu. */
  signIn: boolean;
}

const t = ui.nav;

/** The menu for this request's person, or '' (nobody signed in and no sign-in here). */
export function siteNav(req: Request, options: NavOptions): string {
  const person = req.personSession?.record.person;
  const principal = person ? principalOfPerson(person) : undefined;
  const item = (href: string, label: string, key?: NavCurrent) => `<li><a href="${esc(href)}"${key && key === options.current ? ' aria-current="page"' : ''}>${esc(label)}</a></li>`;
  const items: string[] = [];
  if (person) {
    if (principal?.role === 'office') items.push(item('/forms', t.forms, 'forms'), item('/filings', t.filings, 'filings'));
    if (principal?.role === 'city') items.push(item('/inbox', t.inbox));
    items.push(
      item('/account', t.account),
      `<li><form method="post" action="/signout">${csrfField(req).value}<button type="submit" class="link-button">${esc(t.signOut)}</button></form></li>`,
    );
  } else if (options.signIn) {
    items.push(item(`/signin?returnTo=${encodeURIComponent(req.originalUrl.split('?')[0])}`, t.signIn));
  }
  return items.length ? `<nav class="site-nav" aria-label="${esc(t.label)}"><ul>\n${items.join('\n')}\n</ul></nav>` : '';
}

/** Sends a page of the forms site with its menu filled in (see the module comment). */
export function sendFormsPage(req: Request, res: Response, page: string, options: NavOptions, status = 200): void {
  const nav = siteNav(req, options);
  if (req.personSession?.record.person) res.set('Cache-Control', 'private, no-store');
  res.status(status).type('html').send(page.replace(NAV_SLOT, nav));
}
