/**
 * The office's pages around filing, in the forms' design (server/pages/html.ts, form.css): the 確認画面, the receipt
 * (受付) page, the 提出一覧 and a filing's detail, and the page that asks to sign in. Values are shown as the 様式 prints
 * them (printValue: 和暦 dates, option labels, 〒); dates and times in 和暦, Japan time.
 */
import type { FieldDefinition, FormDefinition } from '../../src/forms/definition.ts';
import { isBlank } from '../../src/forms/fields.ts';
import { printValue } from '../../src/forms/field-types/index.ts';
import { warekiDateTime } from '../../src/submissions/clock.ts';
import type { SubmissionFinding } from '../../src/submissions/filing-check.ts';
import { STATUS_LABELS } from '../../src/messages/submissions.ts';
import type { DraftRecord, SubmissionEvent, SubmissionHead, SubmissionRecord } from '../../src/store/types.ts';
import { officeMessages as o } from '../../src/messages/office-pages.ts';
import { esc, page } from '../pages/html.ts';

const kb = (bytes: number) => Math.max(1, Math.round(bytes / 1024));
const statusTag = (status: string) => `<strong class="status status--${esc(status)}">${esc(STATUS_LABELS[status] ?? status)}</strong>`;
const csrfField = (token: string) => `<input type="hidden" name="_csrf" value="${esc(token)}">`;

/**
 * Rows of 「label | printed value」 for everything written. Labels are complete on their own (「申請者 名称」), except in a
 * group inside a group (変更届 「連絡先電話番号」 → 「変更前」) and in list rows, which read with their context, as labelAt does.
 */
function valueRows(fields: FieldDefinition[], data: unknown, context: string | undefined, depth: number): string[] {
  const rows: string[] = [];
  for (const f of fields) {
    const value = data && typeof data === 'object' ? (data as Record<string, unknown>)[f.key] : undefined;
    if (f.type === 'group') {
      rows.push(...valueRows(f.fields ?? [], value, depth >= 1 ? f.label : context, depth + 1));
      continue;
    }
    if (f.type === 'list' && f.item?.type === 'group') {
      (Array.isArray(value) ? value : []).forEach((row, i) => rows.push(...valueRows(f.item!.fields ?? [], row, `${f.label}（${i + 1}行目）`, depth + 1)));
      continue;
    }
    if (isBlank(value) || value === false || (Array.isArray(value) && value.length === 0)) continue;
    const printed = f.type === 'boolean' ? '✓' : printValue(f, value);
    rows.push(`<tr><th scope="row">${esc(context ? `${context} ${f.label}` : f.label)}</th><td>${esc(printed)}</td></tr>`);
  }
  return rows;
}

function findingList(findings: SubmissionFinding[], kind: 'error' | 'warning'): string {
  return `<ul class="summary-list">${findings.map((f) => `<li class="${kind}-message">${esc(f.message)}</li>`).join('')}</ul>`;
}

export interface ConfirmView {
  definition: FormDefinition;
  draft: DraftRecord;
  errors: SubmissionFinding[];
  warnings: SubmissionFinding[];
  /** The 1件まで rule refuses this filing (errors already carry the text) or only warns. */
  openFiling?: { receiptNumber: string; status: string; refused: boolean };
  csrfToken: string;
}

export function confirmPage(v: ConfirmView): string {
  const d = v.definition;
  const rows = valueRows(d.fields, v.draft.data, undefined, 0);
  const attachments = v.draft.attachments.length
    ? `<ul class="attachment-list">${v.draft.attachments.map((a) => `<li><strong>${esc(a.name)}</strong>　${esc(a.fileName)}（${esc(o.attachmentSize(kb(a.size)))}）</li>`).join('')}</ul>`
    : `<p class="para">${esc(o.confirmNoAttachments)}</p>`;
  const open = v.openFiling
    ? `<div class="${v.openFiling.refused ? 'error-summary' : 'warning-summary'}" role="${v.openFiling.refused ? 'alert' : 'note'}"><p class="para">${esc(
        (v.openFiling.refused ? o.confirmOpenFilingRefused : o.confirmOpenFiling)(d.title, v.openFiling.receiptNumber, STATUS_LABELS[v.openFiling.status]),
      )}</p></div>`
    : '';
  const blocked = v.errors.length > 0 || v.openFiling?.refused;
  const errors = v.errors.length
    ? `<div class="error-summary" role="alert" aria-labelledby="confirm-errors"><h2 class="summary-title" id="confirm-errors">${esc(o.confirmErrors)}</h2><p class="para">${esc(o.confirmErrorsLead)}</p>${findingList(v.errors, 'error')}</div>`
    : '';
  const warnings = v.warnings.length
    ? `<section class="warning-summary" aria-labelledby="confirm-warnings"><h2 class="summary-title" id="confirm-warnings">${esc(o.confirmWarnings)}</h2>${findingList(v.warnings, 'warning')}</section>`
    : '';
  const submit = blocked
    ? ''
    : `<form method="post" action="/forms/${esc(d.id)}/submit">${csrfField(v.csrfToken)}<input type="hidden" name="version" value="${v.draft.version}"><button type="submit" class="button">${esc(o.confirmSubmit)}</button></form>`;
  const body = `<p class="back"><a href="/forms/${esc(d.id)}">${esc(o.backToForm)}</a></p>
<h1 class="heading-xl">${esc(o.confirmTitle(d.title))}</h1>
<p class="lead">${esc(o.confirmLead)}</p>
${v.draft.revises ? `<p class="notice">${esc(o.confirmRevises(v.draft.revises))}</p>` : ''}
${errors}${open}${warnings}
<h2 class="heading-l">${esc(o.confirmValues)}</h2>
<table class="summary-table"><caption class="visually-hidden">${esc(o.confirmValues)}</caption><tbody>${rows.join('') || `<tr><td>${esc(o.blank)}</td></tr>`}</tbody></table>
<h2 class="heading-l">${esc(o.confirmAttachments)}</h2>
${attachments}
<div class="button-group">${submit}<a class="button button--secondary" href="/forms/${esc(d.id)}">${esc(o.backToForm)}</a></div>`;
  return page({ title: o.confirmTitle(d.title), body });
}

const titleOf = (definitions: Map<string, FormDefinition>, form: string) => definitions.get(form)?.title ?? form;

export function receiptPage(record: SubmissionRecord, definitions: Map<string, FormDefinition>): string {
  const rev = record.current;
  const title = rev.revision > 1 ? o.receiptRevisedTitle : o.receiptTitle;
  const body = `<div class="panel-ok" role="status"><h1 class="heading-xl">${esc(title)}</h1>
<p class="receipt-number">${esc(o.receiptNumber)}<br><strong>${esc(record.receiptNumber)}</strong>${rev.revision > 1 ? `（${esc(o.revisionLabel(rev.revision))}）` : ''}</p></div>
<table class="summary-table"><tbody>
<tr><th scope="row">${esc(o.form)}</th><td>${esc(titleOf(definitions, record.kind))}</td></tr>
<tr><th scope="row">${esc(o.receivedAt)}</th><td>${esc(warekiDateTime(rev.receivedAt))}</td></tr>
<tr><th scope="row">${esc(o.attachmentsFiled)}</th><td>${rev.attachments.map((a) => esc(a.name)).join('<br>') || esc(o.confirmNoAttachments)}</td></tr>
</tbody></table>
<p class="para"><a class="button" href="/filings/${esc(record.receiptNumber)}/receipt.pdf${rev.revision > 1 ? `?revision=${rev.revision}` : ''}">${esc(o.receiptPdf)}</a></p>
<h2 class="heading-m">次に行われること</h2>
<p class="para">${esc(o.receiptNext)}</p>
<p class="para">${esc(o.receiptKeep)}</p>
<p class="para"><a href="/filings">${esc(o.toFilings)}</a>　<a href="/forms">${esc(o.toForms)}</a></p>`;
  return page({ title, body });
}

function lastReturnReason(events: SubmissionEvent[]): string | undefined {
  return [...events].reverse().find((e) => e.to === 'returned')?.reason ?? undefined;
}

export interface FilingRow {
  head: SubmissionHead;
  returnReason?: string;
  notice?: { title: string };
}

export function filingsPage(officeNumber: string, rows: FilingRow[], definitions: Map<string, FormDefinition>, csrfToken: string): string {
  const table = rows.length
    ? `<table class="filings-table"><caption>${esc(o.filingsCaption(officeNumber))}</caption>
<thead><tr><th scope="col">${esc(o.receiptNumber)}</th><th scope="col">${esc(o.form)}</th><th scope="col">${esc(o.receivedAt)}</th><th scope="col">${esc(o.status)}</th><th scope="col">${esc(o.actions)}</th></tr></thead>
<tbody>${rows
        .map(({ head: h, returnReason, notice }) => {
          const actions = [
            `<a href="/filings/${esc(h.receiptNumber)}">${esc(o.details)}<span class="visually-hidden">（${esc(h.receiptNumber)}）</span></a>`,
            notice ? `<a href="/filings/${esc(h.receiptNumber)}/notice.pdf">${esc(o.notice(notice.title))}</a>` : '',
            h.status === 'returned'
              ? `<form method="post" action="/filings/${esc(h.receiptNumber)}/reopen">${csrfField(csrfToken)}<button type="submit" class="button button--small" aria-describedby="resubmit-hint">${esc(o.resubmit)}<span class="visually-hidden">（${esc(h.receiptNumber)}）</span></button></form>`
              : '',
          ].filter(Boolean);
          const reason = returnReason ? `<div class="return-reason"><strong>${esc(o.returnReason)}</strong><p class="para">${esc(returnReason)}</p></div>` : '';
          return `<tr><th scope="row">${esc(h.receiptNumber)}${h.revision > 1 ? `<span class="caption">${esc(o.revisionLabel(h.revision))}</span>` : ''}</th><td>${esc(titleOf(definitions, h.kind))}</td><td>${esc(warekiDateTime(h.receivedAt))}</td><td>${statusTag(h.status)}<span class="caption">${esc(o.updatedAt)}：${esc(warekiDateTime(h.updatedAt))}</span>${reason}</td><td><div class="row-actions">${actions.join('')}</div></td></tr>`;
        })
        .join('')}</tbody></table>
${rows.some((r) => r.head.status === 'returned') ? `<p class="hint" id="resubmit-hint">${esc(o.resubmitHint)}</p>` : ''}`
    : `<p class="para">${esc(o.filingsNone)}</p>`;
  const body = `<p class="back"><a href="/forms">${esc(o.toForms)}</a></p>
<h1 class="heading-xl">${esc(o.filingsTitle)}</h1>
<p class="lead">${esc(o.filingsLead)}</p>
${table}`;
  return page({ title: o.filingsTitle, body });
}

export function filingPage(record: SubmissionRecord, definitions: Map<string, FormDefinition>, csrfToken: string): string {
  const rev = record.current;
  const reason = record.status === 'returned' ? lastReturnReason(record.events) : undefined;
  const base = `/filings/${esc(record.receiptNumber)}`;
  const q = rev.revision !== record.revision ? `?revision=${rev.revision}` : '';
  const history = record.events
    .map((e) => `<li>${esc(warekiDateTime(e.at))}　${esc(o.revisionLabel(e.revision))}　${esc(STATUS_LABELS[e.to])}${e.reason ? `：${esc(e.reason)}` : ''}</li>`)
    .join('');
  const body = `<p class="back"><a href="/filings">${esc(o.toFilings)}</a></p>
<h1 class="heading-xl">${esc(o.filingTitle(record.receiptNumber))}</h1>
<table class="summary-table"><tbody>
<tr><th scope="row">${esc(o.form)}</th><td>${esc(titleOf(definitions, record.kind))}</td></tr>
<tr><th scope="row">${esc(o.status)}</th><td>${statusTag(record.status)}</td></tr>
<tr><th scope="row">${esc(o.revision)}</th><td>${esc(o.revisionLabel(rev.revision))}</td></tr>
<tr><th scope="row">${esc(o.receivedAt)}</th><td>${esc(warekiDateTime(rev.receivedAt))}</td></tr>
</tbody></table>
${reason ? `<div class="return-reason"><h2 class="heading-m">${esc(o.returnReason)}</h2><p class="para">${esc(reason)}</p></div>` : ''}
${record.status === 'returned' ? `<form method="post" action="${base}/reopen">${csrfField(csrfToken)}<button type="submit" class="button" aria-describedby="resubmit-hint">${esc(o.resubmit)}</button></form><p class="hint" id="resubmit-hint">${esc(o.resubmitHint)}</p>` : ''}
<ul class="link-list">
<li><a href="${base}/receipt.pdf${q}">${esc(o.receiptPdf)}</a></li>
<li><a href="${base}/documents/0.pdf${q}">${esc(o.documentPdf)}</a></li>
${rev.attachments.map((a) => `<li><a href="${base}/attachments/${a.position}${q}">${esc(a.name)}</a>（${esc(o.attachmentSize(kb(a.size)))}）</li>`).join('')}
${record.notice ? `<li><a href="${base}/notice.pdf">${esc(o.notice(titleOf(definitions, record.notice.form)))}</a></li>` : ''}
</ul>
<h2 class="heading-m">${esc(o.history)}</h2>
<ol class="history">${history}</ol>`;
  return page({ title: o.filingTitle(record.receiptNumber), body });
}

export function officeRefusalPage(title: string, message: string, signInReturnTo?: string): string {
  const signIn = signInReturnTo ? `<p class="para"><a class="button" href="/signin?returnTo=${encodeURIComponent(signInReturnTo)}">${esc(o.signIn)}</a></p>` : '';
  return page({
    title,
    body: `<h1 class="heading-xl">${esc(title)}</h1><p class="notice" role="alert">${esc(message)}</p>${signIn}<p class="para"><a href="/forms">${esc(o.toForms)}</a></p>`,
  });
}

export { lastReturnReason };
