/**
 * The fillable online versions of the 様式: `GET /forms` (the list), `GET /forms/:id` (a form generated from the
 * definition), and the assets they need — the bundled client, its CSS and the print font — all served by this server
 * (no CDN, no external font). Each route is declared with its OpenAPI operation (server/documented-route.ts).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type express from 'express';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { errorResponse, fileResponse, header, htmlResponse, redirectResponse, routerOf, SERVER_FAULT, type DocumentedRoute, type Json } from '../documented-route.ts';
import { clientBundle } from './client-bundle.ts';
import { formPage, formsListPage, notFoundPage } from './pages.ts';
import { esc } from './html.ts';
import { sendFormsPage } from './site-nav.ts';
import { csrfToken } from '../signin/session.ts';

const require = createRequire(import.meta.url);
const CSS_FILE = fileURLToPath(new URL('./form.css', import.meta.url));
/** BIZ UDPGothic, the font the PDF prints with; the CSS falls back to it only where the device has no Japanese font. */
// A Map: the file name is the client's text, and `constructor` or `__proto__` must find nothing (not Object.prototype's).
const FONTS = new Map<string, string>([
  ['biz-udpgothic-400.ttf', '@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf'],
  ['biz-udpgothic-700.ttf', '@expo-google-fonts/biz-udpgothic/700Bold/BIZUDPGothic_700Bold.ttf'],
]);

const page = (operationId: string, summary: string, extra: Json = {}): Json => ({ operationId, summary, tags: ['pages'], ...extra });

/** If-None-Match compares weakly (RFC 9110 §13.1.2): a list of tags, each with or without W/. */
const matchesTag = (header: string | undefined, etag: string) => {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header !== undefined && (header.trim() === '*' || header.split(',').some((tag) => opaque(tag) === opaque(etag)));
};

/** What the page routes keep while the server runs: pages generated once per 様式 (definitions do not change), the CSS. */
interface PageCache {
  pages: Map<string, string>;
  css?: string;
  /**
   * Whether this server takes filings (it has a submission store). Without one, the form pages carry no 提出 panel — a
   * forms-only server would otherwise offer a button whose requests have nowhere to go.
   */
  filing: boolean;
}

export const FORM_PAGE_ROUTES: DocumentedRoute<PageCache>[] = [
  {
    method: 'get',
    path: '/',
    operation: page('home', '様式の一覧へ移動する', { responses: { 302: redirectResponse('/forms へ') } }),
    handlers: () => [(_req, res) => res.redirect(302, '/forms')],
  },
  {
    method: 'get',
    path: '/forms',
    operation: page('formsPage', '様式の一覧（ウェブページ）', { responses: { 200: htmlResponse('様式の一覧'), 500: SERVER_FAULT } }),
    handlers: ({ filing }) => [
      (req, res) => {
        sendFormsPage(req, res, formsListPage([...loadDefinitions().values()]), { signIn: filing, current: 'forms' });
      },
    ],
  },
  {
    method: 'get',
    path: '/forms/:id',
    operation: (definitions) =>
      page('formPage', '様式の記入ページ（入力中に誤りと確認事項を表示、PDF・Excel のダウンロード）', {
        parameters: [{ name: 'id', in: 'path', required: true, description: '様式の id', schema: { type: 'string', enum: definitions.map((d) => d.id) } }],
        responses: { 200: htmlResponse('記入ページ'), 404: htmlResponse('様式がない（日本語のページ）'), 500: SERVER_FAULT },
      }),
    handlers: ({ pages, filing }) => [
      (req, res) => {
        const id = String(req.params.id);
        const definition = loadDefinitions().get(id);
        if (!definition) {
          sendFormsPage(req, res, notFoundPage(id), { signIn: filing }, 404);
          return;
        }
        let html = pages.get(definition.id);
        if (!html) pages.set(definition.id, (html = formPage(definition, { filing })));
        // A signed-in person's page carries the session's CSRF token for the 提出 panel's requests (web/office-panel.ts):
        // then it is that person's page and no cache may keep it.
        const token = csrfToken(req);
        if (token) {
          res.set('Cache-Control', 'private, no-store');
          html = html.replace('</head>', `<meta name="csrf-token" content="${esc(token)}">\n</head>`);
        }
        sendFormsPage(req, res, html, { signIn: filing });
      },
    ],
  },
  {
    method: 'get',
    path: '/assets/form.js',
    operation: page('formScript', '記入ページのスクリプト（検証規則を含む、このサーバーでまとめたもの）', {
      parameters: [{ name: 'If-None-Match', in: 'header', required: false, description: '前に受け取った ETag', schema: { type: 'string' } }],
      responses: {
        200: { description: 'JavaScript（gzip 可）', headers: { ETag: header('内容の SHA-256') }, content: { 'text/javascript': { schema: { type: 'string' } } } },
        304: { description: '変わっていない' },
        500: SERVER_FAULT,
      },
    }),
    handlers: () => [
      async (req, res, next) => {
        try {
          const { code, etag } = await clientBundle();
          res.set('ETag', etag).set('Cache-Control', 'no-cache');
          if (matchesTag(req.headers['if-none-match'], etag)) {
            res.status(304).end();
            return;
          }
          res.type('text/javascript; charset=utf-8').send(code);
        } catch (e) {
          next(e);
        }
      },
    ],
  },
  {
    method: 'get',
    path: '/assets/form.css',
    operation: page('formStyles', '記入ページのスタイルシート', {
      responses: { 200: { description: 'CSS', content: { 'text/css': { schema: { type: 'string' } } } }, 500: SERVER_FAULT },
    }),
    handlers: (cache) => [
      (_req, res) => {
        cache.css ??= fs.readFileSync(CSS_FILE, 'utf8');
        res.type('text/css; charset=utf-8').set('Cache-Control', 'no-cache').send(cache.css);
      },
    ],
  },
  {
    method: 'get',
    path: '/assets/fonts/:file',
    operation: page('formFont', '印刷と同じフォント（BIZ UDPGothic）', {
      parameters: [{ name: 'file', in: 'path', required: true, description: 'フォントのファイル名', schema: { type: 'string', enum: [...FONTS.keys()] } }],
      responses: { 200: fileResponse('TrueType フォント', 'font/ttf'), 404: errorResponse('そのフォントはない', ['ROUTE_NOT_FOUND']) },
    }),
    handlers: () => [
      (req, res, next) => {
        const module = FONTS.get(String(req.params.file));
        if (!module) return next();
        res.type('font/ttf').set('Cache-Control', 'public, max-age=604800').sendFile(require.resolve(module));
      },
    ],
  },
];

/** `filing`: whether this server takes filings (PageCache.filing). */
export function formPagesRouter(options: { filing?: boolean } = {}): express.Router {
  return routerOf(FORM_PAGE_ROUTES, { pages: new Map(), filing: options.filing ?? false });
}
