/** The JSON API mounted at /api: every route listed once, here; the router and the OpenAPI document are built from it. */
import type { Router } from 'express';
import { openApiDocument } from '../openapi.ts';
import { formRoutes } from './forms.ts';
import { openApiRoute } from './openapi-json.ts';
import { renderRoutes } from './render.ts';
import { routerOf, type ApiRoute } from './route.ts';
import { validateRoute } from './validate.ts';

let cachedDocument: Record<string, unknown> | undefined;

export const API_ROUTES: ApiRoute[] = [
  ...formRoutes,
  validateRoute,
  ...renderRoutes,
  // Built on first request (it reads every example) and kept: definitions do not change while the server runs.
  openApiRoute(() => (cachedDocument ??= openApiDocument(API_ROUTES))),
];

export function apiRouter(): Router {
  return routerOf(API_ROUTES);
}
