/** The 様式 catalogue: the list, one definition, and the JSON Schema (2020-12) of its data. */
import { jsonSchema } from '../../src/forms/data-schema.ts';
import { loadDefinitions } from '../../src/forms/registry.ts';
import { definitionOf } from './request.ts';
import type { ApiRoute } from './route.ts';

export const formRoutes: ApiRoute[] = [
  {
    method: 'get',
    path: '/forms',
    operationId: 'listForms',
    summary: '様式の一覧（id、表題、版）',
    responses: { 200: { description: '様式の一覧', body: { json: 'FormSummaryList' } } },
    handle: (_req, res) => {
      res.json([...loadDefinitions().values()].map((d) => ({ id: d.id, title: d.title, version: d.version })));
    },
  },
  {
    method: 'get',
    path: '/forms/:id',
    operationId: 'getForm',
    summary: '様式の定義（項目、規則、レイアウト）',
    responses: { 200: { description: '様式の定義（forms/<市>/<id>/definition.json を検査したもの）', body: { json: 'FormDefinition' } } },
    handle: (_req, res) => {
      res.json(definitionOf(res));
    },
  },
  {
    method: 'get',
    path: '/forms/:id/schema',
    operationId: 'getFormSchema',
    summary: '様式のデータの JSON Schema（2020-12）',
    description: '正規化後のデータ（日付は YYYY-MM-DD、番号は半角数字、よみがなはひらがな）を記述します。',
    responses: { 200: { description: 'JSON Schema（2020-12）', body: { json: 'JsonSchema' } } },
    handle: (_req, res) => {
      res.json(jsonSchema(definitionOf(res)));
    },
  },
];
