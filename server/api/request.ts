/**
 * What the form routes read from a request, checked once at the boundary: the 様式 named by `:id`, a JSON body,
 * `?today=` and `?draft=`. Every refusal is an HttpError with a Japanese message.
 */
import type { Request, RequestHandler, RequestParamHandler, Response } from 'express';
import type { FormDefinition } from '../../src/forms/definition.ts';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { renderPool, type RenderPool } from '../../src/render/pool.ts';
import { isoToday, parseDateInput } from '../../src/text/wareki.ts';
import { MAX_JSON_DEPTH } from '../errors.ts';
import { httpError } from '../http-error.ts';

/** Far deeper than any 様式 nests (group → list → row): the parser's bound, checked again on the parsed value. */
export const MAX_BODY_DEPTH = MAX_JSON_DEPTH;

/** `router.param('id', …)`: resolves the 様式 once for every route under /forms/:id, or answers 404. */
export const resolveForm: RequestParamHandler = (_req, res, next, id: string) => {
  const definition = loadDefinitions().get(id);
  if (!definition) return next(httpError('FORM_NOT_FOUND', { id: id.slice(0, 200) }));
  res.locals.definition = definition;
  next();
};

export function definitionOf(res: Response): FormDefinition {
  return res.locals.definition as FormDefinition;
}

/** Whether `value` nests objects/arrays deeper than `limit` (iterative: a hostile body cannot exhaust the stack here). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

/** Only `application/json` bodies reach the form routes (the app-level parser has already read them). */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) return next(httpError('UNSUPPORTED_MEDIA_TYPE', { type: req.get('content-type')?.slice(0, 100) }));
  // The parser (strict) already refuses a bare string, number or null; an array parses but is no 様式's data.
  if (Array.isArray(req.body)) return next(httpError('BODY_NOT_OBJECT'));
  if (nestsDeeperThan(req.body, MAX_BODY_DEPTH)) return next(httpError('BODY_TOO_DEEP', { limit: MAX_BODY_DEPTH }));
  next();
};

const queryText = (req: Request, name: string): string | undefined => {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
};

/** Today in Japan, or `?today=YYYY-MM-DD` when it names a real day (tests and back-dated checks). */
export function todayOf(req: Request): string {
  const given = (req.query as Record<string, unknown>).today;
  if (given === undefined) return isoToday(new Date());
  const text = typeof given === 'string' ? given : '';
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDateInput(text) : undefined;
  if (!parsed?.ok || parsed.iso !== text) throw httpError('INVALID_TODAY', { value: String(given).slice(0, 40) });
  return text;
}

/** `?draft=1` (or `true`): render even with errors, watermarked 「下書き」. */
export function draftOf(req: Request): boolean {
  const value = queryText(req, 'draft');
  return value === '1' || value === 'true';
}

/** The render threads of this app (createApp's `renderPool`; by default the process's shared pool). */
export function renderPoolOf(req: Request): RenderPool {
  return (req.app.locals.renderPool as RenderPool | undefined) ?? renderPool;
}

/**
 * Aborts when the client goes away before its answer is complete, so its render gives up its thread. The response's
 * 'close' and not the request's: since Node 16 a request's 'close' fires as soon as its body has been read.
 */
export function clientGone(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
