/** The three kinds of page: the list of 様式, one fillable 様式, and the 404 page for a 様式 that does not exist. */
import type { FormDefinition } from '../../src/forms/definition.ts';
import { FormBody } from './form-blocks.ts';
import { filingPanel } from './filing-panel.ts';
import { esc, page, scriptJson } from './html.ts';
import { findMunicipality } from '../../src/forms/municipalities.ts';
import { ui } from '../../src/messages/form-page.ts';

/** 千葉県 市川市, from the city's municipality.json. */
const cityHeading = (id: string) => {
  const m = findMunicipality(id);
  return m ? `${m.prefecture} ${m.name}` : id;
};

/** Procedure order within a city (the definition's `order`), unordered ones after, by title. */
const byProcedure = (a: FormDefinition, b: FormDefinition) => (a.order ?? 1e9) - (b.order ?? 1e9) || a.title.localeCompare(b.title, 'ja');

export function formsListPage(definitions: FormDefinition[]): string {
  const byCity = new Map<string, FormDefinition[]>();
  for (const d of definitions) byCity.set(d.municipality, [...(byCity.get(d.municipality) ?? []), d]);
  const item = (d: FormDefinition) =>
    `<li><a href="/forms/${esc(d.id)}">${esc(d.title)}</a>${d.description ? `<span class="description">${esc(d.description)}</span>` : ''}<span class="meta">${esc(ui.formVersion(d.version))}</span></li>`;
  const group = (city: string, kind: 'office' | 'city', forms: FormDefinition[]) =>
    forms.length
      ? `<h3 class="heading-s" id="${kind}-${esc(city)}">${esc(kind === 'office' ? ui.officeForms : ui.cityNotices)}</h3><ul class="forms-list" aria-labelledby="${kind}-${esc(city)}">${forms.sort(byProcedure).map(item).join('')}</ul>`
      : '';
  const sections = [...byCity]
    .map(([city, forms]) => {
      const notices = forms.filter((d) => d.filing?.issuedBy === 'city');
      const own = forms.filter((d) => d.filing?.issuedBy !== 'city');
      return `<section class="forms-city" aria-labelledby="city-${esc(city)}"><h2 class="heading-m" id="city-${esc(city)}">${esc(cityHeading(city))}</h2>${group(city, 'office', own)}${group(city, 'city', notices)}</section>`;
    })
    .join('');
  return page({ title: ui.formsTitle, body: `<h1 class="heading-xl">${esc(ui.formsTitle)}</h1><p class="lead">${esc(ui.formsLead)}</p><p class="para"><a href="/filings">${esc(ui.filingsLink)}</a></p>${sections}` });
}

export function notFoundPage(formId: string): string {
  return page({
    title: ui.notFoundTitle,
    body: `<h1 class="heading-xl">${esc(ui.notFoundTitle)}</h1><p class="lead">${esc(ui.notFound(formId))}</p><p><a href="/forms">${esc(ui.backToList)}</a></p>`,
  });
}

const summary = (kind: 'error' | 'warning', title: string) =>
  `<div class="${kind}-summary" id="${kind}-summary" tabindex="-1" aria-labelledby="${kind}-summary-title" hidden><h2 class="summary-title" id="${kind}-summary-title">${esc(title)}</h2><ul class="summary-list"></ul></div>`;

export function formPage(definition: FormDefinition, options: { filing: boolean } = { filing: false }): string {
  const body = new FormBody(definition).render();
  const actions = `<section class="actions" aria-labelledby="actions-title">
<h2 class="heading-m" id="actions-title">${esc(ui.actionsTitle)}</h2>
<p class="para para--small">${esc(ui.actionsLead)}</p>
<div class="button-group">
<button type="submit" class="button" name="format" value="pdf">${esc(ui.downloadPdf)}</button>
<button type="submit" class="button" name="format" value="xlsx">${esc(ui.downloadXlsx)}</button>
<button type="button" class="button button--secondary" data-save-json>${esc(ui.saveJson)}</button>
</div>
<div class="field load-json"><label class="label" for="load-json">${esc(ui.loadJson)}</label><div class="hint" id="load-json-hint">${esc(ui.loadJsonHint)}</div><input class="file-input" type="file" id="load-json" accept=".json,application/json" aria-describedby="load-json-hint" data-load-json></div>
</section>`;
  const filedBy = ui.filedBy(definition.filing?.issuedBy === 'office' ? definition.filing.filedBy : definition.filing ? 'city' : undefined);
  const html = `<p class="back"><a href="/forms">${esc(ui.backToList)}</a></p>
${summary('error', ui.errorSummaryTitle)}
${summary('warning', ui.warningSummaryTitle)}
<h1 class="heading-xl">${esc(definition.title)}</h1>
<p class="meta">${esc(cityHeading(definition.municipality))}　${esc(ui.formVersion(definition.version))}${filedBy ? `　${esc(filedBy)}` : ''}</p>
<p class="lead">${esc(ui.formLead)}</p>
<noscript><p class="notice">${esc(ui.noScript)}</p></noscript>
<form id="yoshiki-form" class="yoshiki-form" data-form-id="${esc(definition.id)}" novalidate>
${body}
${options.filing ? filingPanel(definition) : ''}
${actions}
</form>
<div class="visually-hidden" role="status" aria-live="polite" id="announcer"></div>
<script type="application/json" id="form-definition">${scriptJson(definition)}</script>`;
  return page({ title: definition.title, body: html, scripts: '<script type="module" src="/assets/form.js"></script>' });
}
