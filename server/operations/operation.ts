/**
 * Routes the OpenAPI document cannot derive from API_ROUTES — uploads (fillable import, batch), the e-submission API, the
 * HTML pages and downloads — described as data here, one file per router. They are written beside their routers rather
 * than generated from them, so test/server/openapi.test.ts walks the app's router stack and fails when a mounted route has
 * no operation here (or an operation no route).
 */
import type { FormDefinition } from '../../src/forms/definition.ts';

export type Json = Record<string, unknown>;

export interface DocumentedOperation {
  method: 'get' | 'post' | 'put';
  /** The OpenAPI path (`/api/forms/{id}/import`), as served: no /api prefix is added. */
  path: string;
  /** The OpenAPI Operation Object. */
  operation: Json;
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** An error answer; `codes` are the `error.code` values it can carry, named in the description. */
export function errorResponse(description: string, codes: readonly string[] = []): Json {
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
