/**
 * A route as one declaration beside its handler: method, path, the OpenAPI operation that describes it, and the
 * handlers that answer it. Each router is built from its declarations (routerOf) and the served OpenAPI document
 * (server/openapi.ts) from the same ones, so a route cannot be served undocumented, nor documented and not served;
 * test/server/openapi.test.ts walks the app's router stack to prove it. (The JSON API's routes under /api/forms are
 * declared the same way, with their operations derived from the data: server/api/route.ts.)
 */
import express, { type RequestHandler, type Router } from 'express';
import type { FormDefinition } from '../src/forms/definition.ts';
import type { ApiErrorCode } from './error-codes.ts';
import { methodNotAllowed } from './errors.ts';

export type Json = Record<string, unknown>;

export interface DocumentedRoute<Context = void> {
  method: 'get' | 'post' | 'put';
  /** The Express path, as mounted on the app (`/api/forms/:id/import`); the document writes it `/api/forms/{id}/import`. */
  path: string;
  /** The OpenAPI Operation Object; a function of the definitions where it lists the 様式 ids. */
  operation: Json | ((definitions: FormDefinition[]) => Json);
  /** The handlers, made from what the router is built with (the e-submission service, the batch slots …). */
  handlers: (context: Context) => RequestHandler[];
}

/** The router of `routes`; with `methodNotAllowed`, a method a path lacks is 405 with the Allow header. */
export function routerOf<Context>(routes: DocumentedRoute<Context>[], context: Context, options: { params?: Record<string, express.RequestParamHandler>; methodNotAllowed?: boolean } = {}): Router {
  const router = express.Router();
  for (const [name, handler] of Object.entries(options.params ?? {})) router.param(name, handler);
  for (const path of new Set(routes.map((r) => r.path))) {
    const onPath = routes.filter((r) => r.path === path);
    const route = router.route(path);
    for (const r of onPath) route[r.method](...r.handlers(context));
    if (options.methodNotAllowed) route.all(methodNotAllowed(onPath.map((r) => r.method)));
  }
  return router;
}

/** Express `/api/forms/:id/import` → OpenAPI `/api/forms/{id}/import`. */
export const openApiPathOf = (expressPath: string) => expressPath.replace(/:([A-Za-z]+)/g, '{$1}');

/** The operation of a declaration, for the document. */
export const operationOf = (route: DocumentedRoute<never>, definitions: FormDefinition[]): Json =>
  typeof route.operation === 'function' ? route.operation(definitions) : route.operation;

/* ---- pieces of operations ---- */

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** An error answer; `codes` are the `error.code` values it can carry, named in the description. */
export function errorResponse(description: string, codes: readonly ApiErrorCode[] = []): Json {
  return {
    description: codes.length ? `${description}（${codes.join('、')}）` : description,
    content: { 'application/json': { schema: ref('ErrorResponse') } },
  };
}

export const jsonResponse = (description: string, schema: Json, headers?: Json): Json => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema } },
});

/** A file answer; the body is the file itself. */
export const fileResponse = (description: string, mediaType: string, headers?: Json): Json => ({
  description,
  ...(headers ? { headers } : {}),
  content: { [mediaType]: {} },
});

export const htmlResponse = (description: string): Json => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });

export const redirectResponse = (description: string): Json => ({ description, headers: { Location: { description: '移動先', schema: { type: 'string' } } } });

export const header = (description: string, schema: Json = { type: 'string' }): Json => ({ description, schema });

export const SERVER_FAULT = errorResponse('サーバー内部の問題（スタックトレースは返しません）', ['INTERNAL_ERROR']);

export function formIdParameter(definitions: FormDefinition[]): Json {
  return { name: 'id', in: 'path', required: true, description: '様式の id', schema: { type: 'string', enum: definitions.map((d) => d.id) } };
}

export const TODAY_PARAMETER: Json = {
  name: 'today',
  in: 'query',
  required: false,
  description: '基準日（YYYY-MM-DD、省略時は日本時間の今日）。規則は時計を読まず、この日で判断します。',
  schema: { type: 'string', format: 'date' },
};

export const CONTENT_DISPOSITION = header("attachment; filename=\"<ASCII の名前>\"; filename*=UTF-8''<日本語のファイル名（RFC 5987）>");
