/**
 * An API route as data: the Express router is built from this list, and so is the OpenAPI document (server/openapi.ts),
 * so the two cannot drift apart. Error answers (404, 400, 413, 415, 405) are derived from what a route reads.
 */
import express, { type RequestHandler, type Router } from 'express';
import { methodNotAllowed } from '../errors.ts';
import { requireJsonBody, resolveForm } from './request.ts';
import type { ComponentName } from './contract.ts';

export type QueryParameter = 'today' | 'draft';
export type ResponseHeader = 'Content-Disposition' | 'X-Yoshiki-Warnings' | 'X-Yoshiki-Errors';

export interface ApiResponse {
  description: string;
  /** A JSON body described by a component schema, or a file of the given media type. */
  body: { json: ComponentName } | { file: string };
  headers?: ResponseHeader[];
}

export interface ApiRoute {
  method: 'get' | 'post';
  /** Express path under /api; `:id` is always a 様式 id. */
  path: string;
  operationId: string;
  /** Japanese, one line. */
  summary: string;
  description?: string;
  /** The route reads a JSON body: the data of the 様式 named by `:id`. */
  formBody?: boolean;
  query?: QueryParameter[];
  /** The route draws on the render threads (src/render/pool.ts): it may answer 503 SERVER_BUSY with Retry-After. */
  rendersOnPool?: boolean;
  /** The answers the route itself gives (2xx and 422); error answers are derived. */
  responses: Record<number, ApiResponse>;
  handle: RequestHandler;
}

/** The Express router for `routes`: 404 for an unknown 様式, 415 for a non-JSON body, 405 for a method a path lacks. */
export function routerOf(routes: ApiRoute[]): Router {
  const router = express.Router();
  router.param('id', resolveForm);
  const paths = [...new Set(routes.map((r) => r.path))];
  for (const path of paths) {
    const onPath = routes.filter((r) => r.path === path);
    const route = router.route(path);
    for (const r of onPath) route[r.method](...(r.formBody ? [requireJsonBody] : []), r.handle);
    route.all(methodNotAllowed(onPath.map((r) => r.method)));
  }
  return router;
}
