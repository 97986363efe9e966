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

export function page({ title, body, scripts = '' }: PageOptions): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} | ${esc(ui.siteName)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/form.css">
</head>
<body>
<a class="skip-link" href="#main">${esc(ui.skipLink)}</a>
<header class="site-header"><div class="width"><a class="site-name" href="/forms">${esc(ui.siteName)}</a></div></header>
<main id="main" class="width" tabindex="-1">
${body}
</main>
${scripts}
</body>
</html>
`;
}
