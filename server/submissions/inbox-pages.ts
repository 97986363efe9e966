/**
 * The city inbox's pages as HTML (server/submissions/inbox-router.ts serves them): the sign-in, the list with its filters
 * and export links, and a filing's detail — its values as the 様式 prints them, the changes since the previous revision
 * side by side, attachments, notice, history and the decision forms.
 */
import { inboxText as t } from '../../src/messages/inbox-page.ts';
import { jstWarekiDateTime } from '../../src/submissions/clock.ts';
import { actorLabel, revisionFlag } from '../../src/submissions/inbox-labels.ts';
import { STATUS_LABELS } from '../../src/messages/submissions.ts';
import { compareItems, officeNameOf, printedItems } from '../../src/submissions/printed-items.ts';
import type { SubmissionSummary } from '../../src/submissions/submission-service.ts';
import { getDefinition } from '../../src/forms/registry.ts';
import type { Json, SubmissionRecord } from '../../src/store/types.ts';
import { html, page, type Html, type NavSession } from './html.ts';

export function loginPage(message?: string): string {
  return page(
    t.loginTitle,
    html`<h1 class="heading-xl">${t.loginTitle}</h1>
${message ? html`<div class="error-summary" role="alert"><p class="error-message">${message}</p></div>` : ''}
<p><a class="button" href="/signin?returnTo=%2Finbox">${t.signIn}</a></p>
<h2 class="heading-m">${t.tokenHeading}</h2>
<form method="post" action="/inbox/login">
<div class="field"><label class="label" for="token">${t.loginLabel}</label>
<input class="input width-email" id="token" name="token" type="password" autocomplete="off" required></div>
<button type="submit" class="button">${t.loginButton}</button>
</form>`,
  );
}

export function forbiddenPage(message: string): string {
  return page(t.forbidden, html`<h1 class="heading-xl">${t.forbidden}</h1><div class="error-summary" role="alert"><p class="error-message">${message}</p></div>`);
}

const statusCell = (r: { statusLabel: string; revision: number }) =>
  html`<span class="status">${r.statusLabel}</span>${r.revision > 1 ? html` <span class="tag tag--resubmitted">${revisionFlag(r.revision)}</span>` : ''}`;

export function listPage(all: SubmissionSummary[], status: string | undefined, session: NavSession): string {
  const rows = status ? all.filter((r) => r.status === status) : all;
  const count = (k?: string) => (k ? all.filter((r) => r.status === k).length : all.length);
  const filter = (href: string, label: string, key?: string) =>
    html`<li><a href="${href}"${key === status ? html` aria-current="page"` : ''}>${label}（${count(key)}）</a></li>`;
  const query = status ? `?status=${status}` : '';
  const heading = `${t.listTitle}${status ? `（${STATUS_LABELS[status]}）` : ''}`;
  const c = t.columns;
  const table = rows.length
    ? html`<div class="table-scroll" role="region" aria-labelledby="list-caption" tabindex="0">
<table class="data-table inbox-table"><caption id="list-caption">${heading} ${t.count(rows.length)}</caption>
<thead><tr><th scope="col">${c.receipt}</th><th scope="col">${c.office}</th><th scope="col">${c.form}</th><th scope="col">${c.receivedAt}</th><th scope="col">${c.status}</th></tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr><th scope="row" class="nowrap"><a href="/inbox/${r.receiptNumber}">${r.receiptNumber}</a></th><td class="col-text" data-label="${c.office}">${r.officeName || html`<span class="blank">${t.noOfficeName}</span>`}<br><span class="meta">${t.officeNumber} ${r.officeNumber}</span></td><td class="col-text" data-label="${c.form}">${r.title}</td><td class="nowrap" data-label="${c.receivedAt}">${jstWarekiDateTime(r.receivedAt)}</td><td data-label="${c.status}">${statusCell(r)}</td></tr>\n`,
)}</tbody></table></div>
<h2 class="heading-m">${t.exportHeading}</h2>
<ul class="downloads"><li><a href="/inbox/export.csv${query}">${t.exportCsv}</a></li><li><a href="/inbox/export.xlsx${query}">${t.exportXlsx}</a></li></ul>
<p class="meta">${t.exportNote}</p>`
    : html`<p>${t.none}</p>`;
  return page(
    heading,
    html`<h1 class="heading-xl">${heading}</h1>
<nav class="filters" aria-label="${t.filter}"><ul>
${filter('/inbox', t.filterAll)}
${Object.entries(STATUS_LABELS).map(([k, v]) => filter(`/inbox?status=${k}`, v, k))}
</ul></nav>
${table}`,
    { inboxNav: session, current: 'inbox' },
  );
}

const valueCell = (value: string, cls = '') => (value ? html`<td${cls ? html` class="${cls}"` : ''}>${value}</td>` : html`<td${cls ? html` class="${cls}"` : ''}><span class="blank">${t.blank}</span></td>`);

function itemsTable(id: string, caption: string, form: string, data: unknown): Html {
  const items = printedItems(getDefinition(form), data);
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table class="data-table items-table"><caption id="${id}">${caption}</caption>
<thead><tr><th scope="col">${t.itemColumn}</th><th scope="col">${t.valueColumn}</th></tr></thead>
<tbody>${items.map((i) => html`<tr><th scope="row">${i.label}</th>${valueCell(i.value)}</tr>\n`)}</tbody></table></div>`;
}

/** The previous revision's documents beside the current ones: each item in a row, the changed rows marked. */
function changesSection(previous: SubmissionRecord['current'], current: SubmissionRecord['current']): Html {
  const from = previous.revision;
  const to = current.revision;
  const sections = current.documents.map((doc) => {
    const before = previous.documents.find((d) => d.position === doc.position && d.form === doc.form);
    const rows = compareItems(doc.form, before?.data ?? {}, doc.data);
    const changed = rows.filter((r) => r.changed).length;
    const id = `changes-${doc.position}`;
    return html`<p>${t.changesCount(changed)}</p>
<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table class="data-table compare-table"><caption id="${id}">${getDefinition(doc.form).title}</caption>
<thead><tr><th scope="col">${t.itemColumn}</th><th scope="col">${t.revision(from)}</th><th scope="col">${t.revision(to)}</th></tr></thead>
<tbody>${rows.map(
      (r) =>
        html`<tr${r.changed ? html` class="changed"` : ''}><th scope="row">${r.label}${r.changed ? html`<br><span class="tag">${t.changed}</span>` : ''}</th>${valueCell(r.before, 'before')}${valueCell(r.after, 'after')}</tr>\n`,
    )}</tbody></table></div>`;
  });
  const attachmentsChanged = previous.attachments.map((a) => a.sha256).join() !== current.attachments.map((a) => a.sha256).join();
  return html`<section aria-labelledby="changes-title"><h2 class="heading-l" id="changes-title">${t.changesTitle(from, to)}</h2>
${sections}
${attachmentsChanged ? html`<p class="notice">${t.attachmentsChanged}</p>` : ''}</section>`;
}

interface DetailView {
  receiptNumber: string;
  kind: string;
  title: string;
  status: string;
  statusLabel: string;
  revision: number;
  officeNumber: string;
  receivedAt: string;
  documents: { index: number; form: string; title: string; data: Json; links: { pdf: string; xlsx: string } }[];
  attachments: { index: number; name: string; size: number; link: string }[];
  warnings: { message?: string }[];
  history: { at: string; actor: string; from: string | null; to: string; reason: string | null }[];
  notice: { title: string; link: string; data: Json } | null;
}

export interface DetailPageInput {
  detail: Json;
  /** The revision before the current one, for the side-by-side changes (a 第2版 and later). */
  previous?: SubmissionRecord['current'];
  current?: SubmissionRecord['current'];
  /** This opening moved the filing from 受付 to 審査中. */
  startedReview?: boolean;
  message?: string;
  /** 受理 of this filing asks for the city's date (位置付けた日 …): its label and form field. */
  noticeDate?: { key: string; label: string };
  /** The clerk's session: the menu's sign-out, and the CSRF field every form carries. */
  session: NavSession;
  personName?: (actor: string) => string | undefined;
}

function decisionForms(d: DetailView, input: DetailPageInput): Html {
  const guard = () => input.session.csrf;
  const no = d.receiptNumber;
  if (d.status === 'received')
    return html`<section class="decision"><form method="post" action="/inbox/${no}/status">${guard()}<input type="hidden" name="to" value="reviewing"><button type="submit" class="button">${t.startReview}</button></form></section>`;
  if (d.status !== 'reviewing') return html``;
  const date = input.noticeDate;
  return html`<section class="decision" aria-labelledby="decision-title"><h2 class="heading-l" id="decision-title">${t.decision}</h2>
<form method="post" action="/inbox/${no}/status">${guard()}
<input type="hidden" name="to" value="accepted">
${date ? html`<div class="field"><label class="label" for="date">${date.label}${t.acceptDateNote}</label><div class="hint" id="date-hint">例：令和6年6月1日</div><input class="input width-date" id="date" name="${date.key}" aria-describedby="date-hint" required></div>` : ''}
<button type="submit" class="button">${t.accept}</button>
</form>
<form method="post" action="/inbox/${no}/status">${guard()}
<input type="hidden" name="to" value="returned">
<div class="field"><label class="label" for="reason">${t.returnReason}</label>
<textarea class="textarea" id="reason" name="reason" rows="4" required></textarea></div>
<button type="submit" class="button button--secondary">${t.returnButton}</button>
</form></section>`;
}

export function detailPage(input: DetailPageInput): string {
  const d = input.detail as unknown as DetailView;
  const officeName = officeNameOf(d.kind, d.documents[0]?.data);
  const who = (actor: string) => actorLabel(actor, { officeName, personName: input.personName });
  const documentNumber = typeof d.notice?.data.documentNumber === 'string' ? d.notice.data.documentNumber : '';
  return page(
    `${d.receiptNumber}（${d.statusLabel}）`,
    html`<p class="back"><a href="/inbox">${t.back}</a></p>
<h1 class="heading-xl"><span class="caption">${t.columns.receipt} ${d.receiptNumber}</span>${d.title}</h1>
${input.message ? html`<div class="error-summary" role="alert" tabindex="-1"><p class="error-message">${input.message}</p></div>` : ''}
${input.startedReview ? html`<p class="status-banner" role="status">${t.startedReview}</p>` : ''}
<dl class="summary-facts" aria-label="${t.summary}">
<dt>${t.officeName}</dt><dd>${officeName || t.noOfficeName}</dd>
<dt>${t.officeNumber}</dt><dd>${d.officeNumber}</dd>
<dt>${t.columns.status}</dt><dd>${statusCell(d)}（${t.revision(d.revision)}）</dd>
<dt>${t.columns.receivedAt}</dt><dd>${jstWarekiDateTime(d.receivedAt)}</dd>
</dl>
${input.previous && input.current ? changesSection(input.previous, input.current) : ''}
<h2 class="heading-l">${t.filedValues}</h2>
<p class="meta">${t.filedValuesNote}</p>
${d.documents.map(
  (x) => html`<h3 class="heading-m">${x.title}</h3>
<ul class="downloads"><li><a href="${x.links.pdf}">${x.title}（PDF）</a></li><li><a href="${x.links.xlsx}">${x.title}（Excel）</a></li></ul>
${itemsTable(`items-${x.index}`, `${x.title}（${t.revision(d.revision)}）`, x.form, x.data)}`,
)}
${d.warnings.length ? html`<div class="warning-summary"><h2 class="summary-title">${t.warnings}</h2><ul class="summary-list">${d.warnings.map((w) => html`<li>${w.message ?? ''}</li>`)}</ul></div>` : ''}
<h2 class="heading-l">${t.attachments}</h2>
${d.attachments.length ? html`<ul>${d.attachments.map((a) => html`<li><a href="${a.link}">${a.name}</a>（${t.bytes(a.size)}）</li>`)}</ul>` : html`<p>${t.noAttachments}</p>`}
${d.notice ? html`<h2 class="heading-l">${t.notice}</h2><p><a href="${d.notice.link}">${d.notice.title}${documentNumber ? `（${documentNumber}）` : ''}（PDF）</a></p>` : ''}
<h2 class="heading-l">${t.history}</h2>
<div class="table-scroll" role="region" aria-labelledby="history-caption" tabindex="0">
<table class="data-table"><caption id="history-caption" class="visually-hidden">${t.history}</caption>
<thead><tr><th scope="col">${t.historyColumns.at}</th><th scope="col">${t.historyColumns.who}</th><th scope="col">${t.historyColumns.status}</th><th scope="col">${t.historyColumns.reason}</th></tr></thead>
<tbody>${d.history.map((e) => html`<tr><td class="nowrap">${jstWarekiDateTime(e.at)}</td><td class="col-text">${who(e.actor)}</td><td class="nowrap">${e.from ? `${STATUS_LABELS[e.from]} → ` : ''}${STATUS_LABELS[e.to]}</td><td class="col-long">${e.reason ?? ''}</td></tr>\n`)}</tbody></table></div>
${decisionForms(d, input)}`,
    { inboxNav: input.session, current: 'inbox' },
  );
}
