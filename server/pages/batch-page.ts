/**
 * `GET /batches`: a small page to send a large table to the asynchronous batch API and watch it render. The form posts
 * to POST /api/batches (it works without the script too: the answer is then the JSON with the batch's number); the
 * script (`/assets/batch.js`, same origin, no inline code) sends it with fetch, then polls GET /api/batches/:id every
 * two seconds and offers the zip when done. It sends no cookie: the batch API needs no sign-in (its number is the key),
 * and a request riding on a person's session cookie would need that session's CSRF token. The number is kept in the address (#id), so a reload keeps watching.
 */
import type express from 'express';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { batchPageText as t, jobMessages } from '../../src/messages/jobs.ts';
import { esc, page, scriptJson } from './html.ts';
import { sendFormsPage } from './site-nav.ts';
import { htmlResponse, routerOf, type DocumentedRoute } from '../documented-route.ts';

function batchPage(): string {
  const options = [...loadDefinitions().values()].map((d) => `<option value="${esc(d.id)}">${esc(d.title)}（${esc(d.id)}）</option>`).join('');
  const body = `
<h1>${esc(t.title)}</h1>
<p>${esc(t.lead)}</p>
<noscript><p>${esc(t.noscript)}</p></noscript>
<form id="batch-form" method="post" action="/api/batches" enctype="multipart/form-data">
  <div class="field"><label class="label" for="batch-form-id">${esc(t.form)}</label>
    <select id="batch-form-id" name="form" required>${options}</select></div>
  <div class="field"><label class="label" for="batch-file">${esc(t.file)}</label>
    <div class="hint" id="batch-file-hint">${esc(t.fileHint)}</div>
    <input id="batch-file" name="file" type="file" accept=".csv,.xlsx,.jsonl,text/csv" aria-describedby="batch-file-hint" required></div>
  <div class="field"><label class="label" for="batch-format">${esc(t.format)}</label>
    <select id="batch-format" name="format"><option value="pdf">PDF</option><option value="xlsx">Excel</option><option value="pdf,xlsx">PDF と Excel</option></select></div>
  <div class="button-group"><button class="button" type="submit">${esc(t.submit)}</button></div>
</form>
<section aria-labelledby="batch-progress-title">
  <h2 id="batch-progress-title">${esc(t.progress)}</h2>
  <p id="batch-number"></p>
  <progress id="batch-bar" max="1" value="0" hidden></progress>
  <p id="batch-status" role="status" aria-live="polite"></p>
  <p><a id="batch-download" class="button" hidden>${esc(t.download)}</a></p>
</section>
<script type="application/json" id="batch-text">${scriptJson({ ...t, states: jobMessages.stateLabel })}</script>`;
  return page({ title: t.title, body, scripts: '<script src="/assets/batch.js" defer></script>' });
}

/** The page's script: plain ES2020, no imports (it is the whole of what the page runs). */
const BATCH_SCRIPT = `'use strict';
(function () {
  var text = JSON.parse(document.getElementById('batch-text').textContent);
  var form = document.getElementById('batch-form');
  var statusLine = document.getElementById('batch-status');
  var numberLine = document.getElementById('batch-number');
  var bar = document.getElementById('batch-bar');
  var download = document.getElementById('batch-download');
  var count = function (n) { return Number(n).toLocaleString('en-US'); };
  var fill = function (template, values) {
    return template.replace(/\\{(\\w+)\\}/g, function (_m, key) { return values[key]; });
  };
  function show(b) {
    numberLine.textContent = text.number + b.id;
    bar.hidden = false;
    bar.max = Math.max(b.rows.total || 1, b.rows.done, 1);
    bar.value = b.rows.done;
    if (b.state === 'queued') statusLine.textContent = text.waiting;
    else if (b.state === 'running')
      statusLine.textContent = fill(text.running, { done: count(b.rows.done), total: b.rows.total ? ' / ' + count(b.rows.total) : '', refused: count(b.rows.refused) });
    else if (b.state === 'done') {
      statusLine.textContent = fill(text.done, { rows: count(b.rows.total), rendered: count(b.rows.rendered), refused: count(b.rows.refused) });
      download.href = b.result.link;
      download.hidden = false;
    } else statusLine.textContent = text.failed + (b.error ? b.error.message : '');
    return b.state === 'done' || b.state === 'failed';
  }
  function watch(id) {
    fetch('/api/batches/' + encodeURIComponent(id), { headers: { accept: 'application/json' } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (a) {
        if (!a.ok) { statusLine.textContent = a.body.error.message; return; }
        if (!show(a.body)) setTimeout(function () { watch(id); }, 2000);
      })
      .catch(function () { setTimeout(function () { watch(id); }, 5000); });
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    download.hidden = true;
    statusLine.textContent = '';
    fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'omit' })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (body.error) { statusLine.textContent = text.sendFailed + body.error.message; return; }
        location.hash = body.id;
        show(body);
        watch(body.id);
      })
      .catch(function (e) { statusLine.textContent = text.sendFailed + e.message; });
  });
  var fromHash = location.hash.slice(1);
  if (/^[A-Za-z0-9_-]{22}$/.test(fromHash)) watch(fromHash);
})();
`;

/** The page is made once (the 様式 do not change while the server runs). */
interface BatchPageCache {
  html?: string;
}

export const BATCH_PAGE_ROUTES: DocumentedRoute<BatchPageCache>[] = [
  {
    method: 'get',
    path: '/batches',
    operation: { operationId: 'batchPage', summary: '一括作成の画面（表を送り、進み具合を見て、ZIP を受け取る）', tags: ['pages'], responses: { 200: htmlResponse('画面') } },
    handlers: (cache) => [
      (req, res) => {
        // The batch page asks for no sign-in; a signed-in person still sees their menu.
        sendFormsPage(req, res, (cache.html ??= batchPage()), { signIn: false });
      },
    ],
  },
  {
    method: 'get',
    path: '/assets/batch.js',
    operation: {
      operationId: 'batchPageScript',
      summary: '一括作成の画面のスクリプト',
      tags: ['pages'],
      responses: { 200: { description: 'JavaScript', content: { 'text/javascript': { schema: { type: 'string' } } } } },
    },
    handlers: () => [
      (_req, res) => {
        res.type('text/javascript; charset=utf-8').set('Cache-Control', 'no-cache').send(BATCH_SCRIPT);
      },
    ],
  },
];

export function batchPageRouter(): express.Router {
  return routerOf(BATCH_PAGE_ROUTES, {});
}
