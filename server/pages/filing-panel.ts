/**
 * The 「提出」 section of a form page an office files (its definition's `filing.issuedBy` is "office"): 一時保存,
 * 「前回の届出から作成」, one file input per 添付書類 the definition names, and 「提出する」. It starts hidden and the client
 * (web/office-panel.ts) shows it once the server says who is signed in; signed out, it shows why it cannot be used.
 */
import type { FormDefinition } from '../../src/forms/definition.ts';
import { labelAt } from '../../src/forms/fields.ts';
import { officeMessages as o } from '../../src/messages/office-pages.ts';
import { MAX_ATTACHMENT_BYTES } from '../../src/submissions/filing-forms.ts';
import { esc } from './html.ts';

export function filingPanel(definition: FormDefinition): string {
  const filing = definition.filing;
  if (filing?.issuedBy !== 'office') return '';
  const slots = filing.attachments
    .map((a, slot) => {
      const when = a.whenWritten ? `<div class="hint" id="attachment-${slot}-when">${esc(o.attachmentRequiredWhen(a.whenWritten.map((p) => `「${labelAt(definition, p)}」`).join('又は')))}</div>` : '';
      const described = [a.whenWritten ? `attachment-${slot}-when` : '', `attachment-${slot}-current`].filter(Boolean).join(' ');
      return `<div class="field"><label class="label" for="attachment-${slot}">${esc(o.attachmentLabel(a.name))}</label>${when}<p class="hint" id="attachment-${slot}-current" data-attachment-current="${slot}">${esc(o.attachmentNone)}</p><input class="file-input" type="file" id="attachment-${slot}" accept="application/pdf,.pdf" aria-describedby="${described}" data-attachment-slot="${slot}" data-attachment-name="${esc(a.name)}"></div>`;
    })
    .join('');
  const attachments = slots
    ? `<fieldset class="fieldset attachments"><legend class="table-legend">${esc(o.attachmentsTitle)}</legend><p class="hint">${esc(o.attachmentsLead(MAX_ATTACHMENT_BYTES / 1024 / 1024))}</p>${slots}</fieldset>`
    : '';
  return `<section class="actions filing-panel" aria-labelledby="filing-title" data-filing-panel>
<h2 class="heading-m" id="filing-title">${esc(o.panelTitle)}</h2>
<div data-signed-out hidden><p class="para para--small">${esc(o.signInNeeded)}</p><p class="para"><a class="button button--secondary" href="/signin?returnTo=${encodeURIComponent(`/forms/${definition.id}`)}">${esc(o.signIn)}</a></p></div>
<div data-signed-in hidden>
<p class="para para--small">${esc(o.panelLead)}</p>
<p class="notice" data-draft-revises hidden></p>
<p class="action-status" role="status" data-draft-status></p>
<div class="button-group">
<button type="button" class="button button--secondary" data-draft-save>${esc(o.saveDraft)}</button>
<button type="button" class="button button--secondary" data-prefill aria-describedby="prefill-hint">${esc(o.prefill)}</button>
</div>
<p class="hint" id="prefill-hint">${esc(o.prefillHint)}</p>
${attachments}
<button type="button" class="button" data-submit-filing aria-describedby="submit-hint">${esc(o.submit)}</button>
<p class="hint" id="submit-hint">${esc(o.submitHint)}</p>
<p class="para"><a href="/filings">${esc(o.filingsTitle)}</a></p>
</div>
</section>`;
}
