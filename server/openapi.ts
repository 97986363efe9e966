/**
 * The OpenAPI 3.1 document, generated from what already exists in code: the route list (server/api), the zod schemas of
 * the answers (server/api/contract.ts, server/api/answer-schemas.ts, every code of the one table in server/error-codes.ts),
 * and each 様式's data schema (`jsonSchema(definition)`, the same zod schema validation uses), with its example
 * (the folder's `example.json`) as the request example. Every other route — uploads, e-submission, pages — is declared
 * beside its handler with its operation (server/documented-route.ts), and its router is built from the same declaration;
 * test/server/openapi.test.ts fails when a route the app mounts is missing from the document, or the other way round.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { jsonSchema } from '../src/forms/data-schema.ts';
import type { FormDefinition } from '../src/forms/definition.ts';
import { readExample } from '../src/forms/folders.ts';
import { loadDefinitions } from '../src/forms/registry.ts';
import { CONTRACT_SCHEMAS } from './api/contract.ts';
import type { ApiResponse, ApiRoute, QueryParameter, ResponseHeader } from './api/route.ts';
import { JSON_BODY_LIMIT, MAX_JSON_DEPTH } from './errors.ts';
import { ANSWER_SCHEMAS } from './api/answer-schemas.ts';
import { openApiPathOf, operationOf, type DocumentedRoute } from './documented-route.ts';
import { FORM_PAGE_ROUTES } from './pages/router.ts';
import { BATCH_ROUTES } from './routes/batch.ts';
import { FILLABLE_ROUTES } from './routes/fillable.ts';
import { SECURITY_SCHEMES } from './submissions/http.ts';
import { SIGNIN_ROUTES } from './signin/signin-router.ts';
import { INBOX_ROUTES } from './submissions/inbox-router.ts';
import { REGISTRY_ROUTES } from './submissions/registry-router.ts';
import { SUBMISSION_ROUTES } from './submissions/submissions-router.ts';
import { INVITATION_ROUTES } from './signin/invitations-router.ts';
import { OFFICE_ROUTES } from './office/router.ts';
import { BATCH_JOB_ROUTES } from './routes/batch-jobs.ts';
import { BATCH_PAGE_ROUTES } from './pages/batch-page.ts';
import { OPERATION_ROUTES } from './operations-routes.ts';

/** Every route declared beside its handler, whatever its router is built with. */
const DECLARED_ROUTES: DocumentedRoute<never>[] = [
  ...FILLABLE_ROUTES,
  ...BATCH_ROUTES,
  ...BATCH_JOB_ROUTES,
  ...BATCH_PAGE_ROUTES,
  ...SUBMISSION_ROUTES,
  ...FORM_PAGE_ROUTES,
  ...INBOX_ROUTES,
  ...REGISTRY_ROUTES,
  ...SIGNIN_ROUTES,
  ...INVITATION_ROUTES,
  ...OFFICE_ROUTES,
  ...OPERATION_ROUTES,
];

type Json = Record<string, unknown>;

const PACKAGE = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A contract schema as a self-contained JSON Schema 2020-12 (its own `$defs`, resolved against its own `$id`). */
function contractComponent(name: string, zodSchema: z.ZodType): Json {
  const schema = z.toJSONSchema(zodSchema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'output' }) as Json;
  // A "#/$defs/…" inside a component would otherwise resolve against the OpenAPI document; an $id makes it a resource.
  return schema.$defs ? { $id: `urn:yoshiki:api:${name}`, ...schema } : schema;
}

const QUERY_PARAMETERS: Record<QueryParameter, Json> = {
  today: {
    name: 'today',
    in: 'query',
    required: false,
    description: '基準日（YYYY-MM-DD、省略時は日本時間の今日）。規則は時計を読まず、この日で判断します。',
    schema: { type: 'string', format: 'date' },
  },
  draft: {
    name: 'draft',
    in: 'query',
    required: false,
    description: '1 なら誤りがあっても「下書き」の透かし入りで作成します。',
    schema: { type: 'string', enum: ['0', '1', 'true', 'false'] },
  },
};

const RESPONSE_HEADERS: Record<ResponseHeader, Json> = {
  'Content-Disposition': {
    description: "attachment; filename=\"<id>.<拡張子>\"; filename*=UTF-8''<様式の表題（RFC 5987）>.<拡張子>",
    schema: { type: 'string' },
  },
  'X-Yoshiki-Warnings': { description: '確認事項（warnings）の件数', schema: { type: 'integer', minimum: 0 } },
  'X-Yoshiki-Errors': { description: '誤り（errors）の件数（下書きでは 0 以外もあり得ます）', schema: { type: 'integer', minimum: 0 } },
};

function responseObject(response: ApiResponse): Json {
  const content = 'json' in response.body ? { 'application/json': { schema: ref(response.body.json) } } : { [response.body.file]: {} };
  const headers = response.headers?.length ? { headers: Object.fromEntries(response.headers.map((h) => [h, RESPONSE_HEADERS[h]])) } : {};
  return { description: response.description, ...headers, content };
}

const errorResponse = (description: string): Json => ({ description, content: { 'application/json': { schema: ref('ErrorResponse') } } });

/** The error answers a route can give, from what it reads (a 様式 id, a JSON body, ?today). */
function errorResponses(route: ApiRoute): Record<string, Json> {
  const responses: Record<string, Json> = {};
  const readsToday = route.query?.includes('today');
  if (route.formBody || readsToday)
    responses['400'] = errorResponse(
      [route.formBody && 'JSON のオブジェクトとして読み取れない、又は入れ子が深すぎる本文', readsToday && '実在しない today'].filter(Boolean).join('、'),
    );
  if (route.path.includes(':id')) responses['404'] = errorResponse('様式がない（FORM_NOT_FOUND）');
  responses['405'] = errorResponse('このパスでは使えないメソッド（Allow ヘッダーに使えるメソッド）');
  if (route.formBody) {
    responses['413'] = errorResponse(`本文が上限（${JSON_BODY_LIMIT.toUpperCase()}）を超えている`);
    responses['415'] = errorResponse('本文が application/json でない、又は文字コードが UTF-8 でない');
  }
  if (route.rendersOnPool)
    responses['503'] = {
      ...errorResponse('作成の依頼が混み合っていて、順番待ちも満杯（SERVER_BUSY）'),
      headers: { 'Retry-After': { description: '待つ秒数', schema: { type: 'integer', minimum: 1 } } },
    };
  responses['500'] = errorResponse('サーバー内部の問題（スタックトレースは返しません）');
  return responses;
}

function requestBody(definitions: FormDefinition[]): Json {
  const examples: Json = {};
  for (const d of definitions) {
    const value = readExample(d.id);
    if (value !== undefined) examples[d.id] = { summary: d.title, value };
  }
  return {
    required: true,
    description:
      'パスの id の様式の記入データ。スキーマは正規化後の形です。入力では和暦の日付（令和6年5月1日、R6.5.1）、全角数字、カタカナのよみがなも受け付けます。',
    content: { 'application/json': { schema: { anyOf: definitions.map((d) => ref(d.id)) }, examples } },
  };
}

function operation(route: ApiRoute, definitions: FormDefinition[]): Json {
  const parameters = [
    ...(route.path.includes(':id')
      ? [{ name: 'id', in: 'path', required: true, description: '様式の id', schema: { type: 'string', enum: definitions.map((d) => d.id) } }]
      : []),
    ...(route.query ?? []).map((q) => QUERY_PARAMETERS[q]),
  ];
  const responses: Json = {};
  for (const [status, response] of Object.entries(route.responses)) responses[status] = responseObject(response);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.path.startsWith('/forms') ? 'forms' : 'meta'],
    ...(parameters.length ? { parameters } : {}),
    ...(route.formBody ? { requestBody: requestBody(definitions) } : {}),
    responses: { ...responses, ...errorResponses(route) },
  };
}

/** Express `/forms/:id/pdf` under /api → OpenAPI `/api/forms/{id}/pdf`. */
export const openApiPath = (expressPath: string) => `/api${expressPath.replace(/:([A-Za-z]+)/g, '{$1}')}`;

export function openApiDocument(routes: ApiRoute[], definitions: FormDefinition[] = [...loadDefinitions().values()]): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) (paths[openApiPath(route.path)] ??= {})[route.method] = operation(route, definitions);
  for (const route of DECLARED_ROUTES) (paths[openApiPathOf(route.path)] ??= {})[route.method] = operationOf(route, definitions);

  const schemas: Json = {};
  for (const [name, schema] of Object.entries({ ...CONTRACT_SCHEMAS, ...ANSWER_SCHEMAS })) schemas[name] = contractComponent(name, schema);
  for (const d of definitions) schemas[d.id] = jsonSchema(d);

  return {
    openapi: '3.1.0',
    info: {
      title: 'yoshiki API',
      version: PACKAGE.version,
      summary: '自治体の様式を、定義ひとつから検証・PDF・Excel に。',
      description:
        '様式（forms/<市>/<id>/definition.json）ごとの記入データを検証し、PDF と Excel を作成します。誤りの説明は日本語です。' +
        'エラーは { "error": { status, code, message } } の形で返します（検証の 422 は検証結果そのもの）。' +
        'どのパスでも、アドレス（パス・クエリ）の % の書き方が壊れている要求は 400（MALFORMED_PERCENT_ENCODING）、' +
        `入れ子が ${MAX_JSON_DEPTH} 段より深い JSON の本文は 400（BODY_TOO_DEEP）です。`,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      { name: 'forms', description: '様式の一覧・定義・検証・作成' },
      { name: 'files', description: '記入用 PDF、記入済みファイルの読み込み、表からの一括作成' },
      { name: 'submissions', description: '電子提出：提出（事業所）、審査（市）、受付票・書類・通知書（トークンが必要）' },
      { name: 'inbox', description: '市の受付一覧（ウェブページ）' },
      { name: 'signin', description: 'OpenID Connect によるサインイン・サインアウト（ウェブページ）' },
      { name: 'registry', description: '公開の一覧表（ウェブページ、CSV、Excel）' },
      { name: 'pages', description: '様式の記入ページとその素材' },
      { name: 'meta', description: 'この API 自体の説明' },
      { name: 'operations', description: '運用：生きているか（/healthz）、仕事ができるか（/readyz）、Prometheus の指標（/metrics）' },
    ],
    paths,
    components: { schemas, securitySchemes: SECURITY_SCHEMES },
  };
}
