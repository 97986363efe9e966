/**
 * The public 市川市地域生活支援拠点等一覧表 (S002 §4-3): `/registry` (HTML), `/registry.csv` (UTF-8 with BOM),
 * `/registry.xlsx`. No token: the city publishes it on its web site. Mount with `app.use(registryRouter(deps))`.
 */
import type { Request, Router } from 'express';
import { REGISTRY_COLUMNS, REGISTRY_TITLE, registryCsv, registryXlsx } from '../../src/submissions/registry.ts';
import { formatWareki } from '../../src/text/wareki.ts';
import { html, page } from './html.ts';
import { HttpError } from '../http-error.ts';
import type { SubmissionDeps } from './http.ts';
import { errorResponse, fileResponse, header, htmlResponse, routerOf, SERVER_FAULT, type DocumentedRoute, type Json } from '../documented-route.ts';

const DEFAULT_MUNICIPALITY = 'ichikawa';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const municipalityParameter: Json = {
  name: 'municipality',
  in: 'query',
  required: false,
  description: '市（省略時は ichikawa）',
  schema: { type: 'string', enum: Object.keys(REGISTRY_TITLE), default: 'ichikawa' },
};
const NO_REGISTRY = errorResponse('その市の一覧表はない', ['REGISTRY_NOT_FOUND']);
const registryOperation = (operationId: string, summary: string, ok: Json): Json => ({
  operationId,
  summary,
  tags: ['registry'],
  parameters: [municipalityParameter],
  responses: { 200: ok, 404: NO_REGISTRY, 500: SERVER_FAULT },
});

/** Column widths on a narrow screen: short codes and dates stay on one line, text columns keep a readable width. */
const COLUMN_CLASS: Record<string, string> = {
  serviceType: 'col-text',
  address: 'col-long',
  tel: 'nowrap',
  fax: 'nowrap',
  designatedOn: 'nowrap',
  officeNumber: 'nowrap',
  operatorName: 'col-text',
  functions: 'col-long',
};

function municipalityOf(req: Request): string {
  const m = typeof req.query.municipality === 'string' ? req.query.municipality : DEFAULT_MUNICIPALITY;
  // Own keys only: `?municipality=constructor` names no city (a plain look-up finds Object.prototype's member).
  if (Object.hasOwn(REGISTRY_TITLE, m)) return m;
  throw new HttpError('REGISTRY_NOT_FOUND', `「${m}」の一覧表はありません。一覧表があるのは次の市です：${Object.keys(REGISTRY_TITLE).join('、')}。`);
}

export const REGISTRY_ROUTES: DocumentedRoute<SubmissionDeps>[] = [
  {
    method: 'get',
    path: '/registry',
    operation: registryOperation('registryPage', '市川市地域生活支援拠点等一覧表（公開、ウェブページ）', htmlResponse('一覧表')),
    handlers: (deps) => [
      async (req, res) => {
        const municipality = municipalityOf(req);
        const title = REGISTRY_TITLE[municipality];
        const entries = await deps.store.registryEntries(municipality);
        const updated = entries.map((e) => e.updatedAt).sort().pop();
        const query = municipality === DEFAULT_MUNICIPALITY ? '' : `?municipality=${municipality}`;
        // On a phone the table scrolls sideways in its own region (keyboard-focusable), each column kept readable; its
        // title stands above the region, so it is never cut off at the screen's edge.
        const table = entries.length
          ? html`<h2 class="table-title" id="registry-caption">${title}（${entries.length}事業所）</h2>
<div class="table-scroll" role="region" aria-labelledby="registry-caption" tabindex="0">
<table class="data-table registry-table" aria-labelledby="registry-caption">
<thead><tr>${REGISTRY_COLUMNS.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
<tbody>
${entries.map((e) => html`<tr>${REGISTRY_COLUMNS.map((c) => (c.key === 'officeName' ? html`<th scope="row" class="col-text">${e.row[c.key]}</th>` : html`<td class="${COLUMN_CLASS[c.key] ?? ''}">${e.row[c.key]}</td>`))}</tr>\n`)}</tbody>
</table></div>`
          : html`<p>${title}に登録されている事業所は、まだありません。</p>`;
        const body = html`<h1 class="heading-xl">${title}</h1>
<p class="lead">市川市の地域生活支援拠点等として位置付けた事業所の一覧です（市川市地域生活支援拠点等届出書の記載内容から作成）。${updated ? `最終更新：${formatWareki(updated.slice(0, 10))}` : ''}</p>
<ul class="downloads"><li><a href="/registry.csv${query}">${title}（CSV 形式・UTF-8）</a></li><li><a href="/registry.xlsx${query}">${title}（Excel 形式）</a></li></ul>
${table}`;
        res.type('html').send(page(title, body, { site: 'registry' }));
      },
    ],
  },
  {
    method: 'get',
    path: '/registry.csv',
    operation: registryOperation(
      'registryCsv',
      '一覧表（CSV、UTF-8 BOM 付き）',
      fileResponse('一覧表の CSV', 'text/csv', { 'Content-Disposition': header('attachment; filename="registry-<市>.csv"') }),
    ),
    handlers: (deps) => [
      async (req, res) => {
        const municipality = municipalityOf(req);
        const csv = registryCsv(await deps.store.registryEntries(municipality));
        res
          .status(200)
          .set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="registry-${municipality}.csv"` })
          .send(Buffer.from(csv, 'utf8'));
      },
    ],
  },
  {
    method: 'get',
    path: '/registry.xlsx',
    operation: registryOperation('registryXlsx', '一覧表（Excel）', fileResponse('一覧表の Excel', XLSX, { 'Content-Disposition': header('attachment; filename="registry-<市>.xlsx"') })),
    handlers: (deps) => [
      async (req, res) => {
        const municipality = municipalityOf(req);
        const xlsx = await registryXlsx(await deps.store.registryEntries(municipality), REGISTRY_TITLE[municipality]);
        res
          .status(200)
          .set({
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': `attachment; filename="registry-${municipality}.xlsx"`,
          })
          .send(xlsx);
      },
    ],
  },
];

export function registryRouter(deps: SubmissionDeps): Router {
  return routerOf(REGISTRY_ROUTES, deps);
}
