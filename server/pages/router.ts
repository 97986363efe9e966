/**
 * The fillable online versions of the 様式: `GET /forms` (the list), `GET /forms/:id` (a form generated from the
 * definition), and the assets they need — the bundled client, its CSS and the print font — all served by this server
 * (no CDN, no external font).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { clientBundle } from './client-bundle.ts';
import { formPage, formsListPage, notFoundPage } from './pages.ts';
import { esc } from './html.ts';
import { csrfToken } from '../signin/session.ts';

const require = createRequire(import.meta.url);
const CSS_FILE = fileURLToPath(new URL('./form.css', import.meta.url));
/** BIZ UDPGothic, the font the PDF prints with; the CSS falls back to it only where the device has no Japanese font. */
// A Map: the file name is the client's text, and `constructor` or `__proto__` must find nothing (not Object.prototype's).
const FONTS = new Map<string, string>([
  ['biz-udpgothic-400.ttf', '@expo-google-fonts/biz-udpgothic/400Regular/BIZUDPGothic_400Regular.ttf'],
  ['biz-udpgothic-700.ttf', '@expo-google-fonts/biz-udpgothic/700Bold/BIZUDPGothic_700Bold.ttf'],
]);

/**
 * `filing`: whether this server takes filings (it has a submission store). Without one, the form pages carry no 提出
 * panel — a forms-only server would otherwise offer a button whose requests have nowhere to go.
 */
export function formPagesRouter(options: { filing?: boolean } = {}): express.Router {
  const router = express.Router();
  const definitions = () => loadDefinitions();
  // Pages are generated once per 様式: definitions do not change while the server runs.
  const pages = new Map<string, string>();
  let css: string | undefined;

  router.get('/', (_req, res) => res.redirect(302, '/forms'));

  router.get('/forms', (_req, res) => {
    res.type('html').send(formsListPage([...definitions().values()]));
  });

  router.get('/forms/:id', (req, res) => {
    const definition = definitions().get(req.params.id);
    if (!definition) {
      res.status(404).type('html').send(notFoundPage(req.params.id));
      return;
    }
    let html = pages.get(definition.id);
    if (!html) pages.set(definition.id, (html = formPage(definition, { filing: options.filing ?? false })));
    // A signed-in person's page carries the session's CSRF token for the 提出 panel's requests (web/office-panel.ts):
    // then it is that person's page and no cache may keep it.
    const token = csrfToken(req);
    if (token) {
      res.set('Cache-Control', 'private, no-store');
      html = html.replace('</head>', `<meta name="csrf-token" content="${esc(token)}">\n</head>`);
    }
    res.type('html').send(html);
  });

  /** If-None-Match compares weakly (RFC 9110 §13.1.2): a list of tags, each with or without W/. */
  const matchesTag = (header: string | undefined, etag: string) => {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    return header !== undefined && (header.trim() === '*' || header.split(',').some((tag) => opaque(tag) === opaque(etag)));
  };

  router.get('/assets/form.js', async (req, res, next) => {
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
  });

  router.get('/assets/form.css', (_req, res) => {
    css ??= fs.readFileSync(CSS_FILE, 'utf8');
    res.type('text/css; charset=utf-8').set('Cache-Control', 'no-cache').send(css);
  });

  router.get('/assets/fonts/:file', (req, res, next) => {
    const module = FONTS.get(req.params.file);
    if (!module) return next();
    res.type('font/ttf').set('Cache-Control', 'public, max-age=604800').sendFile(require.resolve(module));
  });

  return router;
}
