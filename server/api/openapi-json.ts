/** GET /api/openapi.json: the OpenAPI 3.1 document, generated from the route list (see server/openapi.ts). */
import type { ApiRoute } from './route.ts';

export function openApiRoute(document: () => Record<string, unknown>): ApiRoute {
  return {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    summary: 'この API の OpenAPI 3.1 文書',
    responses: { 200: { description: 'OpenAPI 3.1 の文書（ルートの一覧と様式ごとのスキーマから生成）', body: { json: 'OpenApiDocument' } } },
    handle: (_req, res) => {
      res.json(document());
    },
  };
}
