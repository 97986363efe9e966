/**
 * Small HTML helpers for the registry and inbox pages: escaping, and the page shell they share with the web forms — the
 * same stylesheet (/assets/form.css), skip link and header, lang="ja" — with the inbox's menu when a clerk is signed in.
 */
import { inboxText as t } from '../../src/messages/inbox-page.ts';
import { documentShell } from '../pages/html.ts';

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((v, i) => {
    const text = Array.isArray(v) ? v.map((x) => (x instanceof Html ? x.value : escapeHtml(x))).join('') : v instanceof Html ? v.value : escapeHtml(v);
    out += text + strings[i + 1];
  });
  return new Html(out);
}

/** A signed-in clerk's session as the menu needs it: where sign-out posts, and the form's CSRF field. */
export interface NavSession {
  signOut: string;
  csrf: Html;
}

export interface ShellOptions {
  /** The inbox's menu (受付一覧, 招待, 一覧表, サインアウト): only for a signed-in clerk. */
  inboxNav?: NavSession;
  /** Which menu entry is this page (aria-current). */
  current?: 'inbox' | 'invitations' | 'registry';
  /** The public registry has its own site name. */
  site?: 'inbox' | 'registry';
}

function inboxNav(session: NavSession, current: ShellOptions['current']): Html {
  const item = (href: string, label: string, key: ShellOptions['current']) =>
    html`<li><a href="${href}"${current === key ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return html`<nav class="site-nav" aria-label="${t.nav}"><ul>
${item('/inbox', t.navInbox, 'inbox')}
${item('/inbox/invitations', t.navInvitations, 'invitations')}
${item('/registry', t.navRegistry, 'registry')}
<li><form method="post" action="${session.signOut}">${session.csrf}<button type="submit" class="link-button">${t.signOut}</button></form></li>
</ul></nav>`;
}

export function page(title: string, body: Html, options: ShellOptions = {}): string {
  // The 一覧表's wide table takes the whole screen; the inbox's pages a wide column.
  const registry = options.site === 'registry';
  return documentShell({
    title,
    siteName: registry ? t.registrySiteName : t.siteName,
    siteHref: registry ? '/registry' : '/inbox',
    skipLink: t.skipLink,
    widthClass: registry ? 'width--full' : 'width--wide',
    nav: options.inboxNav ? inboxNav(options.inboxNav, options.current).value : '',
    body: body.value,
  });
}
