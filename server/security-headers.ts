/**
 * Headers every answer needs, set in one place (server/app.ts mounts this before any router):
 * - `X-Content-Type-Options: nosniff` on everything;
 * - `X-Frame-Options: DENY` and CSP `frame-ancestors 'none'` on every HTML page, so no other site can frame the inbox or
 *   a web form and trick a click (clickjacking). Only frame-ancestors: the form pages run their own script and styles,
 *   and a fuller CSP would have to be verified against them in a browser first;
 * - `Cache-Control: no-store` on every route whose answer carries personal data (filed or typed-in 様式 data, a
 *   receipt, a notice, an import's extracted data, a batch's report), so neither a shared cache nor the browser's disk keeps it.
 */
import type { NextFunction, Request, Response } from 'express';
import onHeaders from 'on-headers';

/**
 * Routes whose answers carry personal data, as patterns over the request path (not decoded): the city inbox, every
 * e-submission API route, and the form API routes that take a person's data and give it back (validate, render, import,
 * batch). test/server/security-headers.test.ts walks them. Case-insensitive, as Express's routing is.
 */
export const PERSONAL_DATA_ROUTES: readonly RegExp[] = [
  /^\/inbox(?:\/|$)/i,
  /^\/api\/submissions(?:\/|$)/i,
  /^\/api\/forms\/[^/]+\/(?:validate|pdf|xlsx|import|batch)\/?$/i,
  /^\/api\/batches(?:\/|$)/i,
];

export const carriesPersonalData = (path: string) => PERSONAL_DATA_ROUTES.some((r) => r.test(path));

const FRAME_HEADERS = { 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "frame-ancestors 'none'" } as const;

export function securityHeaders() {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.set('X-Content-Type-Options', 'nosniff');
    const personal = carriesPersonalData(req.path);
    // Decided when the headers go out, once the handler has set the content type (and whatever cache policy it chose).
    onHeaders(res, function () {
      if (/^text\/html\b/i.test(String(res.getHeader('content-type') ?? ''))) for (const [k, v] of Object.entries(FRAME_HEADERS)) res.setHeader(k, v);
      if (personal) res.setHeader('Cache-Control', 'no-store');
    });
    next();
  };
}
