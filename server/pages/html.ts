/** HTML text for the form pages: escaping, and the page shell every page shares (lang="ja", skip link, own CSS). */
import { ui } from '../../src/messages/form-page.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Attributes from an object: `true` writes the bare name, `false`/`undefined` writes nothing. */
export function attrs(values: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(v)}"`))
    .join('');
}

/** JSON for a `<script type="application/json">`: `<` is escaped so no value can close the script element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A visually hidden span: read by screen readers, giving context a sighted person takes from the layout. */
export const hidden = (text: string) => (text ? `<span class="visually-hidden">${esc(text)}</span>` : '');

export interface PageOptions {
  title: string;
  body: string;
  /** Extra markup at the end of <body> (the client script). */
  scripts?: string;
}

/** Where the header menu goes in a page of the forms site: filled in per request by server/pages/site-nav.ts. */
export const NAV_SLOT = '<!--yoshiki:site-nav-->';

/** A page of the forms site; its header menu is filled in per request (server/pages/site-nav.ts). */
export function page({ title, body, scripts = '' }: PageOptions): string {
  return documentShell({ title, siteName: ui.siteName, siteHref: '/forms', skipLink: ui.skipLink, body, scripts, nav: NAV_SLOT });
}

/** What differs between the sites that share the shell (the forms, the inbox, the 一覧表). */
export interface ShellParts {
  title: string;
  siteName: string;
  siteHref: string;
  skipLink: string;
  /** Already HTML. */
  body: string;
  /** A width modifier of the header and main column (`width--wide`). */
  widthClass?: string;
  /** Already HTML, after the site name in the header (the inbox's menu). */
  nav?: string;
  /** Already HTML, at the end of <body> (the client script); the form pages give one, empty or not. */
  scripts?: string;
}

/** The one page shell: lang="ja", the site's CSS, a skip link, the header with the site's name, the main column. */
export function documentShell(p: ShellParts): string {
  const width = p.widthClass ? `width ${p.widthClass}` : 'width';
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)} | ${esc(p.siteName)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/form.css">
</head>
<body>
<a class="skip-link" href="#main">${esc(p.skipLink)}</a>
<header class="site-header"><div class="${width}"><a class="site-name" href="${p.siteHref}">${esc(p.siteName)}</a>${p.nav === undefined ? '' : `\n${p.nav}`}</div></header>
<main id="main" class="${width}" tabindex="-1">
${p.body}
</main>
${p.scripts === undefined ? '' : `${p.scripts}\n`}</body>
</html>
`;
}
